"""Tests on the rule data itself: ids, pack layout, documentation."""

from __future__ import annotations

from pathlib import Path

from cleaner.rulepack import PACK_ORDER, builtin_rules_dir, load_packs

from .conftest import ROOT

POLICY_PACKS = {
    "market-ticker",
    "crypto-ticker",
    "copyright",
    "byline",
    "dateline",
    "caption",
    "site-chrome",
    "duplicate-headline",
}


def test_one_pack_per_policy_category() -> None:
    packs = load_packs()
    assert {p.id for p in packs} == POLICY_PACKS
    assert set(PACK_ORDER) == POLICY_PACKS


def test_pack_file_is_named_after_its_id() -> None:
    for pack in load_packs():
        assert Path(pack.path).stem == pack.id


def test_rule_ids_are_prefixed_by_their_pack() -> None:
    for pack in load_packs():
        for rule in pack.rules:
            assert rule.id.startswith(pack.id + "-"), rule.id


def test_rule_descriptions_are_one_line() -> None:
    for pack in load_packs():
        for rule in pack.rules:
            assert rule.description and "\n" not in rule.description, rule.id


def test_rules_readme_names_every_pack() -> None:
    text = (builtin_rules_dir() / "README.md").read_text(encoding="utf-8")
    for pack_id in POLICY_PACKS:
        assert f"`{pack_id}`" in text, pack_id


def test_main_readme_points_to_the_rule_format() -> None:
    assert "rules/README.md" in (ROOT / "README.md").read_text(encoding="utf-8")
