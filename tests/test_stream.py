"""Inputs larger than one page can be: cleaned in parts, in bounded memory (``cleaner.stream``)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner

import cleaner
from cleaner import stream
from cleaner.cli import main

from .clipages import EN_PAGE, KO_PAGE, write


def _flat(page: str) -> str:
    """The page without blank lines inside it (so that blank lines only fall between pages)."""
    return "\n".join(line for line in page.splitlines() if line.strip()) + "\n"


PAGES = [_flat(KO_PAGE), _flat(EN_PAGE), _flat(KO_PAGE.replace("편의점", "대형마트"))]
DUMP = "\n".join(PAGES)  # one blank line between pages
LIMIT = max(len(p.encode()) for p in PAGES) + 8  # room for one page, never two


def test_parts_join_back_to_the_input_and_end_after_blank_lines() -> None:
    data = DUMP.encode()
    parts = list(stream.split_parts(io.BytesIO(data), LIMIT))
    assert b"".join(parts) == data
    assert len(parts) == len(PAGES)
    assert all(len(p) <= LIMIT for p in parts)
    assert all(p.endswith(b"\n\n") for p in parts[:-1])


def test_a_line_longer_than_the_limit_is_a_part_of_its_own() -> None:
    data = b"short line\n" + b"x" * 100 + b"\nlast\n"
    parts = list(stream.split_parts(io.BytesIO(data), 40))
    assert b"".join(parts) == data
    assert parts[1] == b"x" * 100 + b"\n"


def test_parts_are_yielded_before_the_rest_is_read() -> None:
    """Memory stays bounded: the first part comes out after at most two limits were read."""
    data = DUMP.encode() * 20
    reader = io.BytesIO(data)
    first = next(stream.split_parts(reader, LIMIT))
    assert first and reader.tell() <= 2 * LIMIT


def test_each_page_of_a_dump_is_cleaned_as_a_page() -> None:
    out = io.BytesIO()
    totals = stream.clean_stream(iter(stream.split_parts(io.BytesIO(DUMP.encode()), LIMIT)), out.write)
    expected = "\n".join(cleaner.clean(page).text for page in PAGES)
    assert out.getvalue().decode() == expected
    assert totals.parts == 3 and totals.changed
    assert totals.removals == sum(len(cleaner.clean(page).findings) for page in PAGES)
    assert "편의점 업계가 여름철을 앞두고" in expected and "무단전재" not in expected


def test_text_with_nothing_to_remove_comes_out_byte_for_byte() -> None:
    paragraphs = [
        f"기상청은 {day}일 남부 지방에 최대 {day * 3}mm의 비가 내리고 기온은 {day % 7 + 20}도 안팎을 보이겠다고 밝혔다."
        for day in range(1, 41)
    ]
    text = "\r\n\r\n".join(paragraphs) + "\r\n"
    assert not cleaner.clean(text).changed
    out = io.BytesIO()
    totals = stream.clean_stream(stream.split_parts(io.BytesIO(text.encode()), 1000), out.write)
    assert totals.parts > 3 and not totals.changed
    assert out.getvalue() == text.encode()


@pytest.fixture
def small_limit(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(stream, "DOCUMENT_LIMIT", LIMIT)
    return LIMIT


def test_cli_cleans_a_large_file_in_parts_and_says_so(tmp_path: Path, small_limit: int) -> None:
    path = write(tmp_path / "dump.txt", DUMP)
    result = CliRunner().invoke(main, [str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout == "\n".join(cleaner.clean(page).text for page in PAGES)
    assert "cleaned as 3 consecutive documents" in result.stderr


def test_cli_filter_streams_large_standard_input(small_limit: int) -> None:
    result = CliRunner().invoke(main, [], input=DUMP.encode())
    assert result.exit_code == 0, result.output
    assert result.stdout == "\n".join(cleaner.clean(page).text for page in PAGES)


def test_cli_check_and_in_place_on_a_large_file(tmp_path: Path, small_limit: int) -> None:
    path = write(tmp_path / "dump.txt", DUMP)
    path.chmod(0o640)
    check = CliRunner().invoke(main, ["--check", str(path)])
    assert check.exit_code == 1 and path.read_text(encoding="utf-8") == DUMP
    fixed = CliRunner().invoke(main, ["-i", str(path)])
    assert fixed.exit_code == 0, fixed.output
    assert path.read_text(encoding="utf-8") == "\n".join(cleaner.clean(page).text for page in PAGES)
    assert path.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["dump.txt"]  # no temporary file left


def test_a_nul_byte_deep_in_a_large_file_leaves_it_untouched(tmp_path: Path, small_limit: int) -> None:
    path = tmp_path / "dump.txt"
    data = (DUMP + DUMP).encode() + b"\0tail\n"
    path.write_bytes(data)
    result = CliRunner().invoke(main, ["-i", str(path)])
    assert result.exit_code == 2
    assert "binary file (NUL bytes)" in result.stderr
    assert path.read_bytes() == data
    assert [p.name for p in tmp_path.iterdir()] == ["dump.txt"]


def test_reports_still_see_a_large_file_whole(tmp_path: Path, small_limit: int) -> None:
    """A report needs the document's lines: --diff and --format json read the file whole."""
    path = write(tmp_path / "dump.txt", DUMP)
    result = CliRunner().invoke(main, ["--diff", str(path)])
    assert result.exit_code == 0, result.output
    assert "consecutive documents" not in result.stderr and result.stdout.startswith("---")
