"""The cache of built-in packs: what a run loads from it is what it would have built."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from cleaner import packcache, rulepack
from cleaner.model import RulePack


def built_packs() -> list[RulePack]:
    files = sorted(rulepack.builtin_rules_dir().glob("*.toml"))
    return sorted((rulepack.load_pack(p, check_patterns=False) for p in files), key=rulepack._pack_rank)


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(packcache.CACHE_ENV, str(folder))
    return folder


def cached_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("packs-*.pickle"))


def test_first_load_writes_the_cache_and_the_next_load_reads_it(
    cache_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = rulepack.load_packs()
    assert len(cached_files(cache_folder)) == 1

    def no_parsing(*args: object, **kwargs: object) -> RulePack:
        raise AssertionError("the packs were parsed again")

    monkeypatch.setattr(rulepack, "load_pack", no_parsing)
    second = rulepack.load_packs()
    assert [r.id for p in second for r in p.rules] == [r.id for p in first for r in p.rules]
    assert [r.pattern for p in second for r in p.rules] == [r.pattern for p in first for r in p.rules]
    compiled = [r for p in second for r in p.rules if r.pattern is not None]
    assert compiled and all(r._compiled is not None for r in compiled)  # no compiling either


def test_a_loaded_rule_matches_as_the_built_one(cache_folder: Path) -> None:
    rulepack.load_packs()
    loaded = {r.id: r for p in rulepack.load_packs() for r in p.rules}
    built = {r.id: r for p in built_packs() for r in p.rules}
    for rule_id, rule in built.items():
        for example in rule.examples:
            if rule.regex is None:
                continue
            fresh = rule.regex.search(example.text)
            cached = loaded[rule_id].regex
            assert cached is not None
            again = cached.search(example.text)
            assert (fresh and fresh.span()) == (again and again.span()), (rule_id, example.text)


def test_an_edited_or_moved_pack_gets_a_new_key(tmp_path: Path) -> None:
    pack = tmp_path / "site.toml"
    pack.write_text('id = "site"\n', encoding="utf-8")
    before = packcache.cache_key([pack])
    assert packcache.cache_key([pack]) == before
    pack.write_text('id = "site"\ndescription = "x"\n', encoding="utf-8")
    edited = packcache.cache_key([pack])
    assert edited != before
    moved = tmp_path / "elsewhere" / "site.toml"
    moved.parent.mkdir()
    moved.write_bytes(pack.read_bytes())
    assert packcache.cache_key([moved]) != edited  # its rules name the file they came from


def test_a_damaged_cache_file_is_rebuilt(cache_folder: Path) -> None:
    rulepack.load_packs()
    (path,) = cached_files(cache_folder)
    path.write_bytes(b"not a pickle")
    packs = rulepack.load_packs()
    assert sum(len(p.rules) for p in packs) > 100
    assert isinstance(pickle.loads(path.read_bytes()), list)  # written again, whole


def test_an_unwritable_cache_folder_only_costs_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(packcache.CACHE_ENV, str(blocker / "cache"))  # a folder under a file
    packs = rulepack.load_packs()
    assert sum(len(p.rules) for p in packs) > 100


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="needs root to chown")
def test_a_cache_file_of_another_user_is_not_unpickled(cache_folder: Path) -> None:
    rulepack.load_packs()
    (path,) = cached_files(cache_folder)
    path.write_bytes(pickle.dumps(["planted"]))
    os.chown(path, 65534, -1)
    assert packcache._read(path) is None
    assert sum(len(p.rules) for p in rulepack.load_packs()) > 100
