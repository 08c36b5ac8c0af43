"""The ``newsclean`` command: filter mode, usage errors, the rules commands, JSONL wiring."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cleaner.cli import main
from tests.clipages import (
    ARTICLE_ONLY,
    EN_CLEAN,
    EN_PAGE,
    KO_CLEAN,
    KO_PAGE,
    POLL_LINE,
    WIDGET_PACK,
    write,
)

ANSI = "\x1b["


def run(args: list[str], stdin: bytes | str | None = None, **env: str) -> Result:
    return CliRunner().invoke(main, args, input=stdin, env=env or None)


def assert_one_line_error(result: Result, *needles: str) -> None:
    """Exit 2, a single clear line on stderr, no traceback, nothing on stdout."""
    assert result.exit_code == 2, result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    for needle in needles:
        assert needle in result.stderr


# -- filter mode ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("page", "expected"), [(KO_PAGE, KO_CLEAN), (EN_PAGE, EN_CLEAN)], ids=["korean", "english"]
)
def test_stdin_filter_prints_the_article(page: str, expected: str) -> None:
    result = run([], page.encode())
    assert result.exit_code == 0
    assert result.stdout == expected
    assert result.stderr == ""  # a filter is silent


def test_dash_and_a_file_are_filters_too(tmp_path: Path) -> None:
    page = write(tmp_path / "page.txt", KO_PAGE)
    assert run(["-"], KO_PAGE).stdout == KO_CLEAN
    from_file = run([str(page)])
    assert (from_file.exit_code, from_file.stdout, from_file.stderr) == (0, KO_CLEAN, "")


@pytest.mark.parametrize(
    "data",
    [
        ARTICLE_ONLY.encode(),
        ARTICLE_ONLY.replace("\n", "\r\n").encode(),
        b"\xef\xbb\xbfno newline",
        b"bad \xff byte\n",
    ],
    ids=["plain", "crlf", "bom-no-final-newline", "invalid-utf8"],
)
def test_nothing_to_remove_gives_the_same_bytes(data: bytes) -> None:
    result = run([], data)
    assert result.exit_code == 0
    assert result.stdout_bytes == data


def test_crlf_page_keeps_crlf() -> None:
    result = run([], KO_PAGE.replace("\n", "\r\n").encode())
    assert result.stdout_bytes == KO_CLEAN.replace("\n", "\r\n").encode()


def test_select_and_ignore_narrow_the_rules() -> None:
    only_copyright = run(["--select", "copyright"], EN_PAGE).stdout
    assert "Copyright ©" not in only_copyright and "Skip to main content" in only_copyright
    no_tickers = run(["--ignore", "market-ticker,site-chrome"], EN_PAGE).stdout
    assert "Dow 41,250.33 +0.4%" in no_tickers and "By Mara Quill" not in no_tickers


def test_check_on_stdin_sets_the_exit_code() -> None:
    noisy = run(["--check"], KO_PAGE)
    assert (noisy.exit_code, noisy.stdout) == (1, "")
    assert "would clean -" in noisy.stderr
    assert run(["--check"], ARTICLE_ONLY).exit_code == 0


def test_version_and_help() -> None:
    assert run(["--version"]).stdout.startswith("newsclean, version ")
    help_text = run(["--help"]).stdout
    for needle in ("--check", "--in-place", "--explain", "Exit status", "newsclean rules"):
        assert needle in help_text


# -- errors: one line, exit 2 ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (["missing.txt"], ["missing.txt", "no such file"]),
        (["--select", "no-such-pack"], ["unknown pack or rule id: no-such-pack"]),
        (["--check", "-i", "x.txt"], ["--check and --in-place"]),
        (["-i"], ["--in-place needs files"]),
        (["--diff", "--format", "json"], ["--diff and --format json"]),
        (["--report-file", "-"], ["--report-file needs a file name"]),
        (["--extend-rules", "nope.toml"], ["nope.toml", "cannot read"]),
        (["--encoding", "klingon"], ["unknown encoding"]),
        (["--config", "absent.toml"], ["absent.toml", "cannot read"]),
        (["--jsonl", "--check"], ["--jsonl cannot be combined with --check"]),
        (["--format", "yaml"], ["'yaml' is not one of"]),
    ],
    ids=[
        "missing-file",
        "unknown-id",
        "two-modes",
        "in-place-stdin",
        "diff-and-json",
        "report-file-dash",
        "missing-pack",
        "unknown-encoding",
        "missing-config",
        "jsonl-check",
        "bad-choice",
    ],
)
def test_usage_errors_are_one_line_and_exit_2(
    args: list[str], needles: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(args, KO_PAGE)
    assert result.exit_code == 2, result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    for needle in needles:
        assert needle in result.stderr


def test_broken_pack_names_file_rule_and_key(tmp_path: Path) -> None:
    pack = write(
        tmp_path / "bad.toml", WIDGET_PACK.replace('zones = ["head", "body", "tail"]', 'zones = ["top"]')
    )
    result = run(["--extend-rules", str(pack)], KO_PAGE)
    assert_one_line_error(result, "bad.toml", "hanbit-widgets-poll", "zones", "unknown zone 'top'")


def test_real_process_reports_errors_without_traceback(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "cleaner", str(tmp_path / "absent.txt")], capture_output=True, text=True
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.strip() == f"Error: {tmp_path / 'absent.txt'}: no such file or directory"


def test_filter_path_does_not_import_heavy_modules(tmp_path: Path) -> None:
    page = write(tmp_path / "page.txt", KO_PAGE)
    code = (
        "import sys\n"
        "from cleaner.cli import main\n"
        f"try:\n    main([{str(page)!r}])\nexcept SystemExit as exit:\n    assert exit.code == 0\n"
        "heavy = [m for m in ('rich', 'difflib', 'json', 'multiprocessing', 'concurrent.futures.process')"
        " if m in sys.modules]\n"
        "print(heavy, file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == KO_CLEAN
    assert done.stderr.strip() == "[]"


# -- user packs and the rules commands --------------------------------------------------------


@pytest.fixture
def widget_pack(tmp_path: Path) -> Path:
    return write(tmp_path / "hanbit.toml", WIDGET_PACK)


def poll_page() -> str:
    return ARTICLE_ONLY.replace("\n\n", f"\n\n{POLL_LINE}\n\n", 1)


def test_extend_rules_adds_a_user_pack(widget_pack: Path) -> None:
    assert run([], poll_page()).stdout == poll_page()  # built-in rules keep it
    result = run(["--extend-rules", str(widget_pack)], poll_page())
    assert result.stdout == ARTICLE_ONLY
    ignored = run(["--extend-rules", str(widget_pack), "--ignore", "hanbit-widgets-poll"], poll_page())
    assert ignored.stdout == poll_page()


def test_user_rule_ids_must_not_collide(tmp_path: Path, widget_pack: Path) -> None:
    twin = write(tmp_path / "twin.toml", WIDGET_PACK.replace('id = "hanbit-widgets"', 'id = "twin"'))
    result = run(["--extend-rules", str(widget_pack), "--extend-rules", str(twin)], KO_PAGE)
    assert_one_line_error(result, "twin.toml", "hanbit-widgets-poll", "duplicate id")


def test_rules_list_shows_every_rule(widget_pack: Path) -> None:
    result = run(["rules", "list", "--extend-rules", str(widget_pack)], COLUMNS="200")
    assert result.exit_code == 0
    header = result.stdout.splitlines()[0].split()
    assert header == ["pack", "id", "zones", "action", "description"]
    assert "copyright-notice" in result.stdout
    assert "hanbit-widgets-poll" in result.stdout
    assert ANSI not in result.stdout


def test_rules_show_prints_pattern_and_judged_examples(widget_pack: Path) -> None:
    result = run(["rules", "show", "hanbit-widgets-poll", "--extend-rules", str(widget_pack)])
    assert result.exit_code == 0
    assert r"^오늘의\s*투표\s*:.{1,60}참여하기$" in result.stdout
    assert "✓ remove-0 오늘의 투표: 여름 휴가 어디로? 참여하기" in result.stdout
    assert "✓ keep-0   오늘의 투표 결과는 다음 주에 공개된다." in result.stdout


def test_rules_show_unknown_id_suggests_one() -> None:
    result = run(["rules", "show", "copyright-notise"])
    assert_one_line_error(
        result, "unknown rule or pack 'copyright-notise'", "did you mean 'copyright-notice'"
    )


def test_rules_test_passes_on_the_built_in_packs() -> None:
    result = run(["rules", "test"])
    assert result.exit_code == 0, result.stdout
    assert result.stdout.rstrip().endswith("all passed")


def test_rules_test_reports_each_failing_example(tmp_path: Path) -> None:
    broken = WIDGET_PACK.replace('keep = "오늘의 투표 결과는', 'remove = "오늘의 투표 결과는').replace(
        'remove = "오늘의 투표: 여름', 'keep = "오늘의 투표: 여름'
    )
    broken += '\n[[rules.examples]]\nkeep = "오늘의 추천 기사"\n'
    pack = write(tmp_path / "broken.toml", broken)
    result = run(["rules", "test", str(pack)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("FAIL hanbit-widgets-poll[keep-0]: should be kept, but the rule matches")
    assert lines[1] == "    오늘의 투표: 여름 휴가 어디로? 참여하기"
    assert lines[2] == "FAIL hanbit-widgets-poll[remove-0]: should be removed, but the rule does not match"
    assert lines[-1] == "2 of 3 examples failed (1 rule)"


def test_rules_test_checks_captured_fields(tmp_path: Path) -> None:
    pack = WIDGET_PACK.replace("^오늘의", "^(?P<widget>오늘의)").replace(
        'remove = "오늘의 투표: 여름 휴가 어디로? 참여하기"',
        'remove = "오늘의 투표: 여름 휴가 어디로? 참여하기"\nfields = { widget = "내일의" }',
    )
    result = run(["rules", "test", str(write(tmp_path / "fields.toml", pack))])
    assert result.exit_code == 1
    assert "fields: expected widget='내일의', captured widget='오늘의'" in result.stdout


def test_a_file_named_rules_is_cleaned_with_a_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "rules", KO_PAGE)
    result = run(["./rules"])
    assert (result.exit_code, result.stdout) == (0, KO_CLEAN)
    assert run(["--", "rules"]).stdout == KO_CLEAN


# -- --jsonl -----------------------------------------------------------------------------------


def test_jsonl_cleans_a_field_and_reports_counts(tmp_path: Path) -> None:
    records = [{"id": 1, "body": KO_PAGE}, {"id": 2, "body": ARTICLE_ONLY}]
    source = write(tmp_path / "in.jsonl", "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    result = run(["--jsonl", "--field", "body", "--report-field", "newsclean", "-j", "1", str(source)])
    assert result.exit_code == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in out] == [1, 2]
    assert out[0]["body"] == KO_CLEAN
    assert out[1]["body"] == ARTICLE_ONLY
    assert "newsclean" in out[0]
    assert "2 records, 1 cleaned, 0 with errors" in result.stderr


@pytest.mark.parametrize(
    ("on_error", "code"), [("keep", 0), ("skip", 0), ("fail", 2)], ids=["keep", "skip", "fail"]
)
def test_jsonl_bad_records_follow_on_error(tmp_path: Path, on_error: str, code: int) -> None:
    source = write(tmp_path / "in.jsonl", '{"text": "ok"}\nnot json\n')
    result = run(["--jsonl", "--on-error", on_error, "-j", "1", str(source)])
    assert result.exit_code == code
    assert "Traceback" not in result.stderr
    assert "in.jsonl:2" in result.stderr


def test_out_of_memory_is_one_line_and_exit_2(monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from cleaner import cli

    def exhausted(*args: object, **kwargs: object) -> int:
        raise MemoryError

    monkeypatch.setattr(cli, "_clean", exhausted)
    result = CliRunner().invoke(cli.main, ["-"], input="x\n")
    assert result.exit_code == 2
    assert "out of memory" in result.stderr and "Traceback" not in result.stderr
