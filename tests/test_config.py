"""Configuration: where it is found, what it may say, and that command-line flags win."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cleaner import config
from cleaner.cli import main
from tests.clipages import ARTICLE_ONLY, EN_PAGE, KO_CLEAN, KO_PAGE, POLL_LINE, WIDGET_PACK, write


def run(args: list[str], stdin: str | None = None) -> Result:
    return CliRunner().invoke(main, args, input=stdin)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git project with a page in a sub-directory; the current directory is its root."""
    root = tmp_path / "outer" / "project"
    (root / ".git").mkdir(parents=True)
    write(root / "pages" / "ko.txt", KO_PAGE)
    monkeypatch.chdir(root)
    return root


# -- finding the file -------------------------------------------------------------------------


def test_nearest_file_wins(project: Path) -> None:
    write(project / "pyproject.toml", '[tool.newsclean]\nselect = ["copyright"]\n')
    write(project / "pages" / ".newsclean.toml", 'select = ["byline"]\n')
    assert config.find(project / "pages") == project / "pages" / ".newsclean.toml"
    assert config.find(project / "pages" / "ko.txt") == project / "pages" / ".newsclean.toml"
    assert config.find(project) == project / "pyproject.toml"


def test_newsclean_toml_beats_pyproject_in_one_directory(project: Path) -> None:
    write(project / "pyproject.toml", '[tool.newsclean]\nselect = ["copyright"]\n')
    write(project / ".newsclean.toml", 'select = ["byline"]\n')
    assert config.find(project) == project / ".newsclean.toml"


def test_pyproject_without_our_table_is_passed_over(project: Path) -> None:
    write(project / "pyproject.toml", '[project]\nname = "corpus"\n')
    write(project / "pages" / "pyproject.toml", "[tool.black]\nline-length = 100\n")
    assert config.find(project / "pages") is None


def test_search_stops_at_the_repository_root(project: Path) -> None:
    write(project.parent / ".newsclean.toml", 'select = ["byline"]\n')
    assert config.find(project / "pages") is None


def test_values_are_read_and_paths_resolved(project: Path) -> None:
    write(
        project / "pyproject.toml",
        "[tool.newsclean]\n"
        'select = ["copyright", "byline"]\nignore = ["byline-email"]\nextend-rules = ["packs/site.toml"]\n'
        'include = ["*.txt", "*.text"]\nexclude = ["drafts"]\njobs = 2\nencoding = "cp949"\non-error = "skip"\n',
    )
    loaded = config.discover(("pages/ko.txt",))
    assert loaded.path == project / "pyproject.toml"
    assert loaded.select == ("copyright", "byline")
    assert loaded.ignore == ("byline-email",)
    assert loaded.extend_rules == (str(project / "packs" / "site.toml"),)
    assert (loaded.include, loaded.exclude, loaded.jobs) == (("*.txt", "*.text"), ("drafts",), 2)
    assert (loaded.encoding, loaded.on_error, loaded.field) == ("cp949", "skip", None)


# -- errors name the file and the key ---------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("selct = []", "unknown key 'selct' (known keys: "),
        ('select = "copyright"', "key 'select': expected a list of strings, got a string"),
        ("select = [1]", "key 'select': expected a list of strings, got list"),
        ("jobs = -1", "key 'jobs': expected a whole number >= 0, got -1"),
        ("jobs = true", "key 'jobs': expected a whole number >= 0, got True"),
        ('on-error = "ignore"', "key 'on-error': expected one of skip, keep, fail, got 'ignore'"),
        ("field = 3", "key 'field': expected a string, got a number"),
        ("select = [", "invalid TOML"),
    ],
    ids=[
        "unknown-key",
        "string-not-list",
        "list-of-int",
        "negative-jobs",
        "bool-jobs",
        "bad-choice",
        "int-field",
        "toml",
    ],
)
def test_bad_config_is_one_line_naming_file_and_key(project: Path, body: str, message: str) -> None:
    write(project / "pyproject.toml", f"[tool.newsclean]\n{body}\n")
    result = run(["pages"])
    assert result.exit_code == 2
    assert result.stdout == ""
    line = result.stderr.strip()
    assert len(line.splitlines()) == 1 and "Traceback" not in line
    assert str(project / "pyproject.toml") in line
    assert message in line
    if "TOML" not in message:
        assert "[tool.newsclean]" in line


def test_newsclean_toml_errors_name_that_file(project: Path) -> None:
    write(project / ".newsclean.toml", "[tool.newsclean]\nselect = []\n")
    result = run(["pages"])
    assert result.exit_code == 2
    assert f"{project / '.newsclean.toml'}: unknown key 'tool'" in result.stderr


def test_explicit_config_without_our_table(project: Path) -> None:
    write(project / "other.toml", "[tool.black]\n")
    write(project / "other" / "pyproject.toml", "[tool.black]\n")
    assert "no [tool.newsclean] table" in run(["--config", "other/pyproject.toml", "pages"]).stderr
    assert "unknown key 'tool'" in run(["--config", "other.toml", "pages"]).stderr


# -- precedence -------------------------------------------------------------------------------


def test_config_select_applies_and_the_flag_wins(project: Path) -> None:
    write(project / "pyproject.toml", '[tool.newsclean]\nselect = ["copyright"]\n')
    configured = run(["pages/ko.txt"]).stdout
    assert "저작권자" not in configured and "본문 바로가기" in configured
    assert (
        run(["--select", "copyright,byline,site-chrome,market-ticker", "pages/ko.txt"]).stdout != configured
    )
    every = run(["--ignore", "nothing-at-all", "pages/ko.txt"])
    assert every.exit_code == 2  # the flag is used (and checked) even with a configured select


def test_flags_replace_config_lists(project: Path) -> None:
    write(project / "pyproject.toml", '[tool.newsclean]\nselect = ["copyright"]\n')
    result = run(["--select", "copyright", "--select", "byline", "--check", "pages"])
    assert "(4 removals)" in result.stderr  # copyright 1 + byline 3, not the config's copyright alone


def test_config_ignore_and_exclude(project: Path) -> None:
    write(project / "pages" / "drafts" / "en.txt", EN_PAGE)
    write(project / "pyproject.toml", '[tool.newsclean]\nexclude = ["drafts"]\n')
    result = run(["--check", "pages"])
    assert result.stderr.splitlines()[-1] == "1 file would be cleaned, 0 unchanged"
    flagged = run(["--check", "--exclude", "nothing", "pages"])
    assert flagged.stderr.splitlines()[-1] == "2 files would be cleaned, 0 unchanged"


def test_extend_rules_from_config_and_flag_add_up(project: Path) -> None:
    write(project / "packs" / "site.toml", WIDGET_PACK)
    other = (
        WIDGET_PACK.replace('id = "hanbit-widgets"', 'id = "more"')
        .replace("hanbit-widgets-poll", "more-poll")
        .replace("오늘의", "이번 주")
    )
    write(project / "extra.toml", other)
    write(project / "pyproject.toml", '[tool.newsclean]\nextend-rules = ["packs/site.toml"]\n')
    page = ARTICLE_ONLY.replace("\n\n", f"\n\n{POLL_LINE}\n\n이번 주 투표: 점심 메뉴는? 참여하기\n\n", 1)
    write(project / "pages" / "poll.txt", page)
    only_config = run(["pages/poll.txt"]).stdout
    assert POLL_LINE not in only_config and "이번 주 투표" in only_config
    both = run(["--extend-rules", "extra.toml", "pages/poll.txt"]).stdout
    assert both == ARTICLE_ONLY
    listed = run(["rules", "list", "--extend-rules", "extra.toml"])
    assert "hanbit-widgets-poll" in listed.stdout and "more-poll" in listed.stdout


def test_config_found_from_the_paths_not_the_cwd(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(project / "pyproject.toml", '[tool.newsclean]\nselect = ["copyright"]\n')
    elsewhere = project.parent / "elsewhere"
    (elsewhere / ".git").mkdir(parents=True)
    monkeypatch.chdir(elsewhere)
    result = run([str(project / "pages" / "ko.txt")])
    assert "본문 바로가기" in result.stdout  # the project's select applied
    stdin = run([], KO_PAGE)
    assert stdin.stdout == KO_CLEAN  # standard input: searched from the cwd, which has no config


def test_a_pack_named_twice_is_loaded_once(project: Path) -> None:
    write(project / "mysite.toml", WIDGET_PACK)
    write(project / "pyproject.toml", '[tool.newsclean]\nextend-rules = ["mysite.toml"]\n')
    tested = run(["rules", "test", "mysite.toml"])
    assert tested.exit_code == 0, tested.stderr
    assert tested.stdout == "2 examples in 1 rule: all passed\n"
    assert run(["--extend-rules", "./mysite.toml", "pages"]).exit_code == 0
