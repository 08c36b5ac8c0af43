"""Loading rule packs: valid packs load, every broken pack fails with its exact message."""

from __future__ import annotations

from pathlib import Path

import pytest

import cleaner
from cleaner.rulepack import RulePackError, load_pack, load_packs, select_rules

DATA = Path(__file__).parent / "data" / "packs"
INVALID = sorted((DATA / "invalid").glob("*.toml"))


def expected_error(path: Path) -> str:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# error: "), path
    return first.removeprefix("# error: ")


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_pack_fails_naming_file_rule_and_key(path: Path) -> None:
    with pytest.raises(RulePackError) as info:
        load_packs([path])
    message = str(info.value)
    assert message.startswith(str(path)), message
    assert expected_error(path) in message


def test_builtin_packs_load() -> None:
    packs = load_packs()
    assert len(packs) == 8
    assert sum(len(p.rules) for p in packs) > 50


def test_user_pack_loads_after_builtin_packs_and_cleans() -> None:
    user = DATA / "valid" / "outlet-widget.toml"
    packs = load_packs([user])
    assert packs[-1].id == "hanbit-widgets"
    page = "본문 첫 문장은 이렇게 시작한다. 정부가 새 대책을 내놓았다.\n\n독자 투표: 오늘의 질문에 답해 주세요\n\n둘째 문단도 기사다. 시행은 내년부터다.\n"
    result = cleaner.clean(page, extra_packs=[user])
    assert [f.rule for f in result.findings] == ["hanbit-widgets-poll"]
    assert "독자 투표" not in result.text


def test_select_and_ignore_take_pack_and_rule_ids() -> None:
    packs = load_packs()
    only_copyright = select_rules(packs, select=["copyright"])
    assert {r.pack for r in only_copyright} == {"copyright"}
    without_one = select_rules(packs, ignore=["byline-email"])
    assert "byline-email" not in {r.id for r in without_one}
    with pytest.raises(RulePackError, match="unknown pack or rule id: nope"):
        select_rules(packs, select=["nope"])


def test_multiline_regex_is_verbose() -> None:
    pack = load_pack(cleaner.rulepack.builtin_rules_dir() / "byline.toml")
    rule = next(r for r in pack.rules if r.id == "byline-reporter-ko")
    assert rule.regex is not None and rule.regex.search("이도윤 기자 doyun@example.kr")


def test_builtin_packs_read_without_compiling_and_all_patterns_compile() -> None:
    """Reading the built-in packs compiles nothing (the pack cache compiles them all once,
    see test_packcache); every built-in pattern is valid and compiles once."""
    files = sorted(cleaner.rulepack.builtin_rules_dir().glob("*.toml"))
    rules = [
        r for path in files for r in load_pack(path, check_patterns=False).rules if r.pattern is not None
    ]
    assert rules and all(r._compiled is None for r in rules)
    for rule in rules:
        assert rule.regex is not None and rule.regex is rule.regex  # compiled once


def test_a_user_pack_with_a_bad_pattern_fails_at_load(tmp_path: Path) -> None:
    pack = tmp_path / "mine.toml"
    pack.write_text(
        '[pack]\nid = "mine"\nschema = 1\ndescription = "d"\n\n'
        '[[rules]]\nid = "mine-bad"\ndescription = "d"\nregex = "(unclosed"\nzones = ["body"]\n',
        encoding="utf-8",
    )
    with pytest.raises(RulePackError, match=r"mine-bad.*regex.*bad regex"):
        load_packs([pack])
