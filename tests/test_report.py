"""Reports: the --explain view (recorded rich console), --diff, JSON with its schema, concise, tallies."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner
from rich.console import Console

import cleaner
from cleaner import apply_findings, textio
from cleaner.cli import main
from cleaner.engine import collect_metadata
from cleaner.model import CleanResult, Finding, Layout
from cleaner.report import Document, Report, display_text, renderer
from cleaner.report import json as json_report
from cleaner.report.diff import colorize, unified
from cleaner.report.terminal import make_console, render, run_summary
from tests.clipages import ARTICLE_ONLY, EN_PAGE, KO_CLEAN, KO_PAGE, write
from tests.conftest import SEEDS

ANSI = "\x1b["

# A hand-made result, so that the rendering tests do not move when the rules do.
SOURCE = (
    "\n".join(
        [
            "본문 바로가기",
            "[bold red]속보[/bold red] 알림 받기",
            "시립도서관, 밤 10시까지 문 연다",
            "윤가람 기자",
            "[사진=한빛일보 DB]",
            "(서울=한빛일보) 윤가람 기자 = 시립도서관이 다음 달부터 평일 운영 시간을 밤 10시까지 늘린다.",
            "",
            "도서관 측은 직장인 이용자가 크게 늘었다고 설명했다.",
            "",
            "열람실 좌석도 120석 더 마련한다.",
            "",
            '관장은 "주말 프로그램도 곧 발표하겠다"고 말했다.',
            "<저작권자 © 한빛일보, 무단전재 및 재배포 금지>",
        ]
    )
    + "\n"
)
LINES = SOURCE.split("\n")[:-1]
FINDINGS = (
    Finding(1, "site-chrome", "site-chrome-skip-link", "drop", LINES[0]),
    Finding(2, "site-chrome", "site-chrome-buttons", "drop", LINES[1]),
    Finding(4, "byline", "byline-reporter-ko", "drop", LINES[3], fields=(("reporter", "윤가람"),)),
    Finding(5, "caption", "caption-credit", "drop", LINES[4], fields=(("outlet", "한빛일보 DB"),)),
    Finding(6, "dateline", "dateline-ko-paren", "trim", LINES[5][:19], 0, 19, (("place", "서울"),)),
    Finding(13, "copyright", "copyright-notice", "drop", LINES[12]),
)


def hand_made() -> Document:
    text = textio.render_text(textio.decode_text(SOURCE), apply_findings(LINES, FINDINGS))
    result = CleanResult(text, FINDINGS, Layout(2, 5, 12), len(LINES), collect_metadata(FINDINGS))
    return Document("page.txt", result, SOURCE)


def recording_console(width: int = 80) -> Console:
    return Console(
        file=io.StringIO(),
        record=True,
        width=width,
        force_terminal=True,
        color_system="truecolor",
        markup=False,
        highlight=False,
    )


EXPLAINED = """\
page.txt: 13 lines in, 5 dropped, 1 trimmed
  site-chrome=2  byline=1  caption=1  copyright=1  dateline=1

 1 - 본문 바로가기                                         site-chrome-skip-link
 2 - [bold red]속보[/bold red] 알림 받기                   site-chrome-buttons
 3   시립도서관, 밤 10시까지 문 연다
 4 - 윤가람 기자                                           byline-reporter-ko
 5 - [사진=한빛일보 DB]                                    caption-credit
 6 ~ (서울=한빛일보) 윤가람 기자 = 시립도서관이 다음       dateline-ko-paren
     달부터 평일 운영 시간을 밤 10시까지 늘린다.
 8   도서관 측은 직장인 이용자가 크게 늘었다고 설명했다.
 ⋮   1 kept
12   관장은 "주말 프로그램도 곧 발표하겠다"고 말했다.
13 - <저작권자 © 한빛일보, 무단전재 및 재배포 금지>        copyright-notice

metadata
outlet    한빛일보 DB
reporter  윤가람
"""


def test_explain_recorded_at_fixed_width() -> None:
    console = recording_console(80)
    console.print(render(hand_made()))
    text = "\n".join(line.rstrip() for line in console.export_text().splitlines()) + "\n"
    assert text == EXPLAINED + "\n"


def styles_of(console: Console, needle: str) -> set[str]:
    """The styles of the recorded segments whose text contains ``needle``."""
    return {str(seg.style) for seg in console._record_buffer if needle in seg.text and seg.style}


def test_explain_styles_removals_by_pack() -> None:
    console = recording_console(100)
    console.print(render(hand_made()))
    assert styles_of(console, "윤가람 기자") >= {"strike cyan"}  # dropped: struck, in the byline colour
    assert styles_of(console, "(서울=한빛일보) 윤가람 기자 = ") == {"reverse blue"}  # the trimmed span
    assert styles_of(console, "시립도서관, 밤 10시까지") == {"dim"}  # kept context
    assert styles_of(console, "byline-reporter-ko") == {"cyan"}


def test_page_text_is_never_console_markup() -> None:
    console = recording_console(100)
    console.print(render(hand_made()))
    exported = console.export_text()
    assert "[bold red]속보[/bold red] 알림 받기" in exported
    assert "[사진=한빛일보 DB]" in exported
    assert not any("bold red" in str(seg.style) for seg in console._record_buffer if seg.style)


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("a\x1b[31mb", "a␛[31mb"),
        ("bell\x07", "bell␇"),
        ("bad \udcff byte", "bad \ufffd byte"),
        ("tab\tok", "tab\tok"),
    ],
    ids=["escape", "bell", "undecodable-byte", "tab"],
)
def test_display_text_makes_control_characters_visible(raw: str, shown: str) -> None:
    assert display_text(raw) == shown


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("color", "no_color_env", "ansi"),
    [(None, "", True), (None, "1", False), (False, "", False), (True, "1", True)],
    ids=["terminal", "NO_COLOR", "--no-color", "--color-wins"],
)
def test_colour_follows_terminal_flag_and_no_color(
    color: bool | None, no_color_env: str, ansi: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", no_color_env)
    monkeypatch.setenv("TERM", "xterm-256color")
    stream = FakeTerminal()
    make_console(stream, color, width=100).print(render(hand_made()))
    assert (ANSI in stream.getvalue()) is ansi
    assert "윤가람 기자" in stream.getvalue()


@pytest.mark.parametrize(
    "args",
    [["--explain"], ["--diff"], ["--statistics", "--format", "concise"]],
    ids=["explain", "diff", "stats"],
)
def test_piped_output_has_no_ansi_escapes(args: list[str]) -> None:
    result = CliRunner().invoke(main, args, input=KO_PAGE)
    assert result.exit_code == 0
    assert result.stdout or result.stderr
    assert ANSI not in result.stdout
    assert ANSI not in result.stderr


def test_color_flag_forces_colour_on_a_pipe() -> None:
    result = CliRunner().invoke(main, ["--diff", "--explain", "--color"], input=KO_PAGE)
    assert ANSI in result.stdout
    assert ANSI in result.stderr


def test_explain_goes_to_stderr_and_text_to_stdout() -> None:
    result = CliRunner().invoke(main, ["--explain"], input=KO_PAGE)
    assert result.stdout == KO_CLEAN
    assert result.stderr.startswith("<stdin>: 21 lines in,")
    assert "[사진=한빛일보 DB]" in result.stderr


# -- diff --------------------------------------------------------------------------------------


def test_unified_diff_like_black() -> None:
    diff = unified("a.txt", "메뉴\n기사 본문.\n", "기사 본문.\n")
    assert diff == "--- a.txt\t(original)\n+++ a.txt\t(cleaned)\n@@ -1,2 +1 @@\n-메뉴\n 기사 본문.\n"


def test_diff_marks_a_missing_final_newline_and_keeps_crlf() -> None:
    diff = unified("a.txt", "메뉴\r\n본문\r\n끝", "본문\r\n끝")
    assert diff.splitlines(keepends=True)[3:] == [
        "-메뉴\r\n",
        " 본문\r\n",
        " 끝\n",
        "\\ No newline at end of file\n",
    ]


def test_diff_applies_with_git_apply(tmp_path: Path) -> None:
    import shutil
    import subprocess

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    page = write(tmp_path / "page.txt", KO_PAGE)
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    patch = tmp_path / "page.diff"
    patch.write_bytes(
        CliRunner().invoke(main, ["--diff", str(page)]).stdout_bytes.replace(str(page).encode(), b"page.txt")
    )
    subprocess.run(["git", "apply", "-p0", "page.diff"], cwd=tmp_path, check=True)
    assert page.read_text("utf-8") == KO_CLEAN


def test_colorized_diff() -> None:
    coloured = colorize(unified("a.txt", "x\ny\n", "x\n"))
    assert "\x1b[31m-y\x1b[0m" in coloured and coloured.startswith("\x1b[1m--- a.txt")


# -- JSON --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json_report.schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def replay(source: str, findings: list[dict[str, Any]]) -> str:
    decoded = textio.decode_text(source)
    replayed = [
        Finding(f["line"], f["pack"], f["rule"], f["action"], f["text"], f.get("start", 0), f.get("end", 0))
        for f in findings
    ]
    if not replayed:
        return source
    return textio.render_text(decoded, apply_findings(decoded.lines, replayed))


@pytest.mark.parametrize(
    "page", [KO_PAGE, EN_PAGE, ARTICLE_ONLY, "x\r\n\udcff\r\n"], ids=["ko", "en", "clean", "odd"]
)
def test_json_document_is_valid_and_replays(page: str, validator: jsonschema.Draft202012Validator) -> None:
    result = CliRunner().invoke(main, ["--format", "json"], input=page.encode("utf-8", "surrogateescape"))
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    validator.validate(report)
    assert report["version"] == 1 and report["path"] == "-"
    assert report["changed"] is bool(report["findings"])
    assert replay(page, report["findings"]) == report["text"]
    assert report["text"] == cleaner.clean(page).text


def test_json_finding_shape() -> None:
    report = json.loads(CliRunner().invoke(main, ["--format", "json"], input=KO_PAGE).stdout)
    trims = [f for f in report["findings"] if f["action"] == "trim"]
    assert trims == [
        {
            "line": 13,
            "pack": "dateline",
            "rule": trims[0]["rule"],
            "action": "trim",
            "text": "(서울=한빛일보) 구하늘 기자 = ",
            "start": 0,
            "end": 19,
            "fields": trims[0]["fields"],
        }
    ]
    assert report["metadata"]["reporter"] == ["구하늘"]
    assert report["stats"]["dropped"] + report["stats"]["trimmed"] == len(report["findings"])


def test_report_file_gets_the_json_while_text_goes_to_stdout(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    result = CliRunner().invoke(main, ["--report-file", str(target)], input=KO_PAGE)
    assert result.stdout == KO_CLEAN
    report = json.loads(target.read_text("utf-8"))
    assert report["text"] == KO_CLEAN and report["findings"]


def test_unwritable_report_file_is_an_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--report-file", str(tmp_path / "no" / "dir.json")], input=KO_PAGE)
    assert result.exit_code == 2
    assert "cannot write the report" in result.stderr


def test_schema_rejects_broken_reports(validator: jsonschema.Draft202012Validator) -> None:
    good = json_report.document(hand_made())
    validator.validate(good)
    no_span = json.loads(json.dumps(good))
    trim = next(f for f in no_span["findings"] if f["action"] == "trim")
    del trim["start"]
    assert not validator.is_valid(no_span)
    wrong_version = dict(good, version=2)
    assert not validator.is_valid(wrong_version)


def test_schema_ships_in_the_package() -> None:
    from importlib import resources

    assert (resources.files("cleaner.report") / "schema.json").is_file()


@pytest.mark.skipif(
    not (SEEDS / "thepower-kr-2024-06-12.raw.txt").exists(), reason="shared seed not available"
)
def test_seed_page_report() -> None:
    raw = (SEEDS / "thepower-kr-2024-06-12.raw.txt").read_bytes()
    result = CliRunner().invoke(main, ["--format", "json"], input=raw)
    report = json.loads(result.stdout)
    lines = raw.decode("utf-8").split("\n")
    findings = report["findings"]
    assert len({f["line"] for f in findings}) == len(findings)  # one finding per removed line
    by_pack: dict[str, int] = {}
    for finding in findings:
        by_pack[finding["pack"]] = by_pack.get(finding["pack"], 0) + 1
        assert lines[finding["line"] - 1].startswith(finding["text"]) or finding["action"] == "trim"
    assert by_pack["duplicate-headline"] >= 2 and by_pack["caption"] >= 2 and by_pack["copyright"] >= 1
    tickers = [n for n, line in enumerate(lines, 1) if ("▼" in line or "▲" in line) and len(line) < 40]
    assert tickers and set(tickers) <= {f["line"] for f in findings}  # every ticker row
    assert report["metadata"]["reporter"] == ["최병수"]
    assert replay(raw.decode("utf-8"), findings) == report["text"]


@pytest.mark.skipif(
    not (SEEDS / "thepower-kr-2024-06-12.raw.txt").exists(), reason="shared seed not available"
)
def test_seed_page_metadata_has_the_publish_time() -> None:
    raw = (SEEDS / "thepower-kr-2024-06-12.raw.txt").read_text("utf-8")
    assert cleaner.clean(raw).metadata.get("published") == ["2024-06-12 11:12"]


# -- concise, tally ----------------------------------------------------------------------------


def test_concise_lines() -> None:
    out = renderer("concise")([hand_made()])
    lines = out.splitlines()
    assert lines[0] == "page.txt:1:1: site-chrome/site-chrome-skip-link drop: 본문 바로가기"
    assert lines[4] == "page.txt:6:1: dateline/dateline-ko-paren trim: (서울=한빛일보) 윤가람 기자 = "
    assert len(lines) == len(FINDINGS)


@pytest.mark.parametrize(
    ("changed", "unchanged", "skipped", "check", "line", "code"),
    [
        (3, 41, 1, False, "3 files cleaned, 41 unchanged, 1 skipped", 2),
        (1, 0, 0, False, "1 file cleaned, 0 unchanged", 0),
        (2, 5, 0, True, "2 files would be cleaned, 5 unchanged", 1),
        (0, 5, 0, True, "0 files would be cleaned, 5 unchanged", 0),
    ],
    ids=["skipped-wins", "singular", "check-changes", "check-clean"],
)
def test_report_summary_and_exit_code(
    changed: int, unchanged: int, skipped: int, check: bool, line: str, code: int
) -> None:
    report = Report(check=check)
    noisy, clean = cleaner.clean(KO_PAGE), cleaner.clean(ARTICLE_ONLY)
    for _ in range(changed):
        report.add(noisy)
    for _ in range(unchanged):
        report.add(clean)
    for n in range(skipped):
        report.skip(f"bad{n}.txt", "binary file (NUL bytes)")
    assert report.summary_line("would be cleaned" if check else "cleaned") == line
    assert report.exit_code == code
    assert report.as_dict()["per_pack"]["site-chrome"] == 5 * changed if changed else True


def test_run_summary_table() -> None:
    report = Report()
    report.add(cleaner.clean(KO_PAGE))
    report.add(cleaner.clean(EN_PAGE))
    console = recording_console(80)
    console.print(run_summary(report))
    text = console.export_text()
    assert text.startswith("2 files cleaned, 0 unchanged")
    assert "site-chrome" in text and "market-ticker-row" in text
    total = sum(report.per_pack.values())
    assert text.rstrip().splitlines()[-1].split() == ["total", str(total)]
