"""Many files: discovery, --check, --in-place, --output-dir, skipped files, atomic writes, workers."""

from __future__ import annotations

import io
import json
import os
import stat
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner, Result

from cleaner import batch, cli
from cleaner.atomic import atomic_write
from cleaner.batch import DiscoveryError, discover
from cleaner.cli import main
from cleaner.report import json as json_report
from tests.clipages import ARTICLE_ONLY, EN_CLEAN, EN_PAGE, KO_CLEAN, KO_PAGE, write

OLD = 1_600_000_000  # a fixed old mtime, to see whether a file was touched


def run(args: list[str], cwd: Path | None = None) -> Result:
    if cwd is not None:
        args = [str(cwd / a) if not a.startswith("-") and not a.isdigit() else a for a in args]
    return CliRunner().invoke(main, args)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Two noisy pages, one clean page, in a small tree; every mtime set to OLD."""
    root = tmp_path / "corpus"
    write(root / "ko.txt", KO_PAGE)
    write(root / "clean.txt", ARTICLE_ONLY)
    write(root / "world" / "en.txt", EN_PAGE)
    for path in root.rglob("*.txt"):
        os.utime(path, (OLD, OLD))
    return root


def names(tasks: list[batch.Task], root: Path) -> list[str]:
    return [Path(t.path).relative_to(root).as_posix() for t in tasks]


# -- discovery --------------------------------------------------------------------------------


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    for name in [
        "a.txt",
        "b.md",
        "sub/c.txt",
        "sub/deep/d.txt",
        "drafts/e.txt",
        ".hidden/f.txt",
        ".git/g.txt",
        "node_modules/h.txt",
        ".i.txt",
        "archive/2024/j.txt",
    ]:
        write(tmp_path / name, "x\n")
    return tmp_path


@pytest.mark.parametrize(
    ("include", "exclude", "expected"),
    [
        (("*.txt",), (), ["a.txt", "archive/2024/j.txt", "drafts/e.txt", "sub/c.txt", "sub/deep/d.txt"]),
        (("*.md",), (), ["b.md"]),
        (("*.txt", "*.md"), ("drafts", "deep"), ["a.txt", "archive/2024/j.txt", "b.md", "sub/c.txt"]),
        (("*.txt",), ("archive/*", "sub/c.txt"), ["a.txt", "drafts/e.txt", "sub/deep/d.txt"]),
    ],
    ids=["default", "include-md", "exclude-dir-names", "exclude-paths"],
)
def test_discover_walks_directories(
    tree: Path, include: tuple[str, ...], exclude: tuple[str, ...], expected: list[str]
) -> None:
    assert names(discover([str(tree)], include, exclude), tree) == expected


def test_explicit_files_ignore_include_but_not_exclude(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tree)  # as pre-commit runs: relative names from the repository root
    tasks = discover(["b.md", "drafts/e.txt", ".i.txt", "sub/deep/d.txt"], exclude=("drafts", "sub/deep/*"))
    assert [t.path for t in tasks] == ["b.md", ".i.txt"]


def test_each_file_once(tree: Path) -> None:
    tasks = discover([str(tree / "sub"), str(tree / "sub" / "c.txt"), str(tree / "sub")])
    assert names(tasks, tree) == ["sub/c.txt", "sub/deep/d.txt"]


def test_missing_path(tree: Path) -> None:
    with pytest.raises(DiscoveryError, match="nope: no such file or directory"):
        discover([str(tree / "nope")])


def test_output_dir_collisions_are_errors(tmp_path: Path) -> None:
    write(tmp_path / "one" / "x.txt", "a\n")
    write(tmp_path / "two" / "x.txt", "b\n")
    with pytest.raises(DiscoveryError, match=r"would write .* twice"):
        discover([str(tmp_path / "one"), str(tmp_path / "two")], output_dir=str(tmp_path / "out"))
    with pytest.raises(DiscoveryError, match="would overwrite the input"):
        discover([str(tmp_path / "one")], output_dir=str(tmp_path / "one"))


# -- modes ------------------------------------------------------------------------------------


def test_default_mode_prints_every_file_in_order(corpus: Path) -> None:
    result = run([str(corpus)])
    assert result.exit_code == 0
    assert result.stdout == ARTICLE_ONLY + KO_CLEAN + EN_CLEAN  # clean.txt, ko.txt, world/en.txt
    assert result.stderr == "2 files cleaned, 1 unchanged\n"


def test_check_lists_files_and_exits_1_writing_nothing(corpus: Path) -> None:
    result = run(["--check", str(corpus)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"would clean {corpus / 'ko.txt'} (15 removals)",
        f"would clean {corpus / 'world' / 'en.txt'} (10 removals)",
        "2 files would be cleaned, 1 unchanged",
    ]
    assert all(p.stat().st_mtime == OLD for p in corpus.rglob("*.txt"))


def test_check_with_diff_shows_the_diffs(corpus: Path) -> None:
    result = run(["--check", "--diff", str(corpus)])
    assert result.exit_code == 1
    assert result.stdout.count("+++ ") == 2
    assert f"--- {corpus / 'ko.txt'}\t(original)" in result.stdout
    assert "-본문 바로가기" in result.stdout


def test_check_passes_on_a_clean_tree(corpus: Path) -> None:
    assert run(["--check", str(corpus / "clean.txt")]).exit_code == 0


def test_in_place_rewrites_only_changed_files(corpus: Path) -> None:
    (corpus / "ko.txt").chmod(0o640)
    inode = (corpus / "clean.txt").stat().st_ino
    result = run(["-i", str(corpus)])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == "2 files cleaned, 1 unchanged"
    assert (corpus / "ko.txt").read_text("utf-8") == KO_CLEAN
    assert (corpus / "world" / "en.txt").read_text("utf-8") == EN_CLEAN
    assert stat.S_IMODE((corpus / "ko.txt").stat().st_mode) == 0o640
    untouched = (corpus / "clean.txt").stat()
    assert (untouched.st_mtime, untouched.st_ino) == (OLD, inode)
    again = run(["-i", str(corpus)])
    assert (again.exit_code, again.stderr) == (0, "0 files cleaned, 3 unchanged\n")
    assert (corpus / "ko.txt").stat().st_mtime != OLD
    assert not [p for p in corpus.rglob("*") if p.name.endswith(".tmp")]


def test_output_dir_mirrors_the_tree(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(["-o", str(out), str(corpus)])
    assert result.exit_code == 0, result.stderr
    assert (out / "ko.txt").read_text("utf-8") == KO_CLEAN
    assert (out / "world" / "en.txt").read_text("utf-8") == EN_CLEAN
    assert (out / "clean.txt").read_text("utf-8") == ARTICLE_ONLY
    assert (corpus / "ko.txt").read_text("utf-8") == KO_PAGE  # the input stays
    assert result.stderr.splitlines()[-1] == "2 files cleaned, 1 unchanged"


def test_output_dir_inside_the_input_is_not_cleaned_again(corpus: Path) -> None:
    out = corpus / "cleaned"
    assert run(["-o", str(out), str(corpus)]).exit_code == 0
    again = run(["-o", str(out), str(corpus)])
    assert again.exit_code == 0
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.txt")) == [
        "clean.txt",
        "ko.txt",
        "world/en.txt",
    ]


def test_quiet_silences_talk_but_not_errors(corpus: Path) -> None:
    write(corpus / "bin.txt", "a\0b")
    result = run(["--check", "-q", str(corpus)])
    assert result.exit_code == 2
    assert result.stderr == f"error: {corpus / 'bin.txt'}: binary file (NUL bytes)\n"


def test_no_files_is_not_an_error(tmp_path: Path) -> None:
    result = run([str(tmp_path)])
    assert (result.exit_code, result.stdout) == (0, "")
    assert "no files to clean" in result.stderr


# -- files that cannot be cleaned -------------------------------------------------------------


def test_binary_and_unreadable_files_are_skipped_and_the_rest_cleaned(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(corpus / "a-binary.txt", "본문\0\0\0")
    os.symlink(corpus / "gone.txt", corpus / "b-dangling.txt")
    write(corpus / "c-locked.txt", KO_PAGE)
    real_open = open

    def locked_open(path: str, *args: object, **kwargs: object) -> object:
        if str(path).endswith("c-locked.txt"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(batch, "open", locked_open, raising=False)
    files = [str(corpus / n) for n in ("a-binary.txt", "b-dangling.txt", "c-locked.txt", "ko.txt")]
    result = run(["-i", "-j", "1", *files])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"error: {files[0]}: binary file (NUL bytes)",
        f"error: {files[1]}: cannot read: No such file or directory",
        f"error: {files[2]}: cannot read: Permission denied",
        f"cleaned {files[3]} (15 removals)",
        "1 file cleaned, 0 unchanged, 3 skipped",
    ]
    assert (corpus / "ko.txt").read_text("utf-8") == KO_CLEAN
    assert (corpus / "a-binary.txt").read_bytes() == "본문\0\0\0".encode()


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_by_mode(corpus: Path) -> None:
    (corpus / "ko.txt").chmod(0)
    result = run(["--check", str(corpus)])
    assert result.exit_code == 2
    assert "cannot read: Permission denied" in result.stderr


def test_failed_write_leaves_the_original_intact(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def failing_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(batch.os, "fsync", failing_fsync)
    result = run(["-i", "-j", "1", str(corpus / "ko.txt"), str(corpus / "world")])
    assert result.exit_code == 2
    assert f"error: {corpus / 'ko.txt'}: cannot write: No space left on device" in result.stderr
    assert (corpus / "ko.txt").read_text("utf-8") == KO_PAGE
    assert (corpus / "world" / "en.txt").read_text("utf-8") == EN_PAGE
    assert sorted(p.name for p in corpus.iterdir()) == ["clean.txt", "ko.txt", "world"]


def test_atomic_write_keeps_mode_and_follows_symlinks(tmp_path: Path) -> None:
    target = write(tmp_path / "real.txt", "old\n")
    target.chmod(0o604)
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    atomic_write(link, b"new\n")
    assert link.is_symlink()
    assert target.read_bytes() == b"new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o604


def test_in_place_keeps_a_legacy_encoding(tmp_path: Path) -> None:
    page = write(tmp_path / "euckr.txt", "")
    page.write_bytes(KO_PAGE.replace("©", "ⓒ").encode("cp949"))
    assert run(["-i", str(page)]).exit_code == 0
    assert page.read_bytes() == KO_CLEAN.encode("cp949")


# -- workers, reports -------------------------------------------------------------------------


def test_workers_keep_the_order(tmp_path: Path) -> None:
    pages = [KO_PAGE, EN_PAGE, ARTICLE_ONLY]
    for n in range(batch.MIN_PARALLEL + 8):
        write(tmp_path / f"{n:03d}.txt", pages[n % 3])
    write(tmp_path / "010.txt", "binary\0")
    one = run(["-j", "1", str(tmp_path)])
    two = run(["-j", "2", str(tmp_path)])
    assert one.exit_code == two.exit_code == 2
    assert one.stdout == two.stdout
    assert one.stderr == two.stderr
    assert one.stdout.startswith(KO_CLEAN + EN_CLEAN + ARTICLE_ONLY)


def test_batch_json_report_is_a_valid_run(corpus: Path, tmp_path: Path) -> None:
    write(corpus / "bin.txt", "\0")
    report_file = tmp_path / "report.json"
    result = run(["--check", "--format", "json", "--report-file", str(report_file), str(corpus)])
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    jsonschema.validate(report, json_report.schema())
    assert report == json.loads(report_file.read_text("utf-8"))
    assert report["mode"] == "check"
    assert report["summary"]["files"] == 4 and report["summary"]["changed"] == 2
    assert report["skipped"] == [{"path": str(corpus / "bin.txt"), "reason": "binary file (NUL bytes)"}]
    assert [Path(d["path"]).name for d in report["documents"]] == ["clean.txt", "ko.txt", "en.txt"]
    assert all("text" not in d for d in report["documents"])  # check mode: no text


def test_statistics_table_on_stderr(corpus: Path) -> None:
    result = run(["--check", "--statistics", str(corpus)])
    lines = result.stderr.splitlines()
    assert "2 files would be cleaned, 1 unchanged" in lines
    assert lines[-1].split() == ["total", "25"]


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    assert not cli.Talk(quiet=False, total=500, progress=True).enabled  # pytest's stderr is no terminal
    terminal = FakeTerminal()
    monkeypatch.setattr(cli.sys, "stderr", terminal)
    monkeypatch.setattr(cli, "PROGRESS_DELAY", 0.0)
    assert not cli.Talk(quiet=True, total=500, progress=True).enabled
    talk = cli.Talk(quiet=False, total=3, progress=True)
    talk.advance()
    assert talk.bar is not None
    talk.error("error: x.txt: binary file (NUL bytes)")
    talk.advance()
    talk.close()
    assert "error: x.txt: binary file (NUL bytes)" in terminal.getvalue()


def test_undecodable_file_is_skipped_and_the_rest_cleaned(corpus: Path) -> None:
    odd = corpus / "odd.txt"
    odd.write_bytes(b"abc")  # three bytes cannot be UTF-16
    write(corpus / "utf16.txt", "")
    (corpus / "utf16.txt").write_bytes("오늘".encode("utf-16-le"))  # no NUL byte in these two
    result = run(["--check", "--encoding", "utf-16-le", str(odd), str(corpus / "utf16.txt")])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"error: {odd}: cannot decode: input cannot be read as utf-16")
    assert lines[-1] == "0 files would be cleaned, 1 unchanged, 1 skipped"
