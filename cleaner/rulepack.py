"""Load rule packs (TOML), validate them loudly, compile their patterns.

Every problem is reported as a ``RulePackError`` naming the file, the rule and
the key, e.g. ``rules/byline.toml: rule 'byline-email': key 'zones': unknown zone 'top'``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any, cast

import regex

from .detectors import DETECTORS
from .model import ZONES, Example, Rule, RulePack, Zone, compile_pattern
from .packcache import load_cached

SCHEMA = 1
PACK_KEYS = {"id", "description", "schema"}
RULE_KEYS = {
    "id",
    "description",
    "regex",
    "detector",
    "keywords",
    "zones",
    "action",
    "min-run",
    "max-length",
    "follows",
    "precedes",
    "starts-zone",
    "tags",
    "allowlists",
    "examples",
}
ALLOWLIST_KEYS = {"description", "regexes"}
EXAMPLE_KEYS = {"remove", "keep", "fields"}
ID_PATTERN = regex.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# Precedence when two packs claim one line: the first pack in this list owns it.
PACK_ORDER = (
    "copyright",
    "byline",
    "dateline",
    "crypto-ticker",
    "market-ticker",
    "caption",
    "duplicate-headline",
    "site-chrome",
)


class RulePackError(ValueError):
    """A rule pack that cannot be used; the message names file, rule and key."""


def builtin_rules_dir() -> Path:
    """The bundled ``rules/`` directory: inside the wheel, or the checkout's."""
    packaged = resources.files("cleaner") / "rules"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "rules"


class _PackReader:
    """Validates one parsed TOML document and builds its ``RulePack``."""

    def __init__(self, path: Path, data: dict[str, Any], check_patterns: bool) -> None:
        self.path = path
        self.data = data
        self.check_patterns = check_patterns

    def fail(self, message: str, rule: str | None = None, key: str | None = None) -> RulePackError:
        where = str(self.path)
        if rule is not None:
            where += f": rule '{rule}'"
        if key is not None:
            where += f": key '{key}'"
        return RulePackError(f"{where}: {message}")

    def expect(self, value: Any, kind: type | tuple[type, ...], rule: str | None, key: str) -> Any:
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
            names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
            raise self.fail(f"expected {names}, got {type(value).__name__}", rule, key)
        return value

    def strings(self, value: Any, rule: str | None, key: str) -> tuple[str, ...]:
        items = self.expect(value, list, rule, key)
        for item in items:
            self.expect(item, str, rule, key)
        return tuple(items)

    def unknown(self, table: dict[str, Any], allowed: set[str], rule: str | None, what: str) -> None:
        extra = sorted(set(table) - allowed)
        if extra:
            raise self.fail(f"unknown key in {what}: {', '.join(extra)}", rule, extra[0])

    def pattern(self, source: str, rule: str, key: str) -> regex.Pattern[str]:
        try:
            return compile_pattern(source)
        except regex.error as exc:
            raise self.fail(f"bad regex: {exc}", rule, key) from None

    def read(self) -> RulePack:
        pack = self.expect(self.data.get("pack"), dict, None, "pack")
        self.unknown(pack, PACK_KEYS, None, "[pack]")
        pack_id = self.expect(pack.get("id"), str, None, "pack.id")
        if pack.get("schema") != SCHEMA:
            raise self.fail(
                f"unsupported schema {pack.get('schema')!r} (expected {SCHEMA})", None, "pack.schema"
            )
        description = self.expect(pack.get("description"), str, None, "pack.description")
        self.unknown(self.data, {"pack", "rules"}, None, "the file")
        tables = self.expect(self.data.get("rules", []), list, None, "rules")
        rules = tuple(self.rule(pack_id, table) for table in tables)
        if not rules:
            raise self.fail("a pack needs at least one [[rules]] table")
        return RulePack(id=pack_id, description=description, path=str(self.path), rules=rules)

    def rule(self, pack_id: str, table: Any) -> Rule:
        table = self.expect(table, dict, None, "rules")
        rule_id = self.expect(table.get("id"), str, None, "id")
        if not ID_PATTERN.match(rule_id):
            raise self.fail("ids are kebab-case: lowercase letters, digits and '-'", rule_id, "id")
        self.unknown(table, RULE_KEYS, rule_id, "[[rules]]")
        description = self.expect(table.get("description"), str, rule_id, "description")
        if "zones" not in table:
            raise self.fail("missing (every rule names the zones it acts in)", rule_id, "zones")
        zones = self.strings(table["zones"], rule_id, "zones")
        for zone in zones:
            if zone not in ZONES:
                raise self.fail(f"unknown zone '{zone}' (use {', '.join(ZONES)})", rule_id, "zones")
        action = table.get("action", "drop")
        if action not in ("drop", "trim"):
            raise self.fail(f"unknown action '{action}' (use drop or trim)", rule_id, "action")
        has_regex, has_detector = "regex" in table, "detector" in table
        if has_regex == has_detector:
            raise self.fail("a rule has exactly one of 'regex' or 'detector'", rule_id, "regex")
        pattern = None
        detector = None
        if has_regex:
            pattern = self.expect(table["regex"], str, rule_id, "regex")
            if self.check_patterns:
                self.pattern(pattern, rule_id, "regex")
        else:
            detector = self.expect(table["detector"], str, rule_id, "detector")
            if detector not in DETECTORS:
                raise self.fail(f"unknown detector '{detector}'", rule_id, "detector")
        min_run = self.expect(table.get("min-run", 1), int, rule_id, "min-run")
        if min_run < 1:
            raise self.fail("must be at least 1", rule_id, "min-run")
        max_length = table.get("max-length")
        if max_length is not None and self.expect(max_length, int, rule_id, "max-length") < 1:
            raise self.fail("must be at least 1", rule_id, "max-length")
        starts_zone = table.get("starts-zone")
        if starts_zone is not None and starts_zone != "tail":
            raise self.fail("only 'tail' can be started by a rule", rule_id, "starts-zone")
        examples = self.examples(rule_id, table.get("examples", []), pattern is not None)
        return Rule(
            id=rule_id,
            pack=pack_id,
            description=description,
            zones=frozenset(cast("tuple[Zone, ...]", zones)),
            action=action,
            pattern=pattern,
            detector=detector,
            keywords=tuple(k.lower() for k in self.strings(table.get("keywords", []), rule_id, "keywords")),
            min_run=min_run,
            max_length=max_length,
            follows=self.strings(table.get("follows", []), rule_id, "follows"),
            precedes=self.strings(table.get("precedes", []), rule_id, "precedes"),
            starts_zone=starts_zone,
            allowlists=self.allowlists(rule_id, table.get("allowlists", [])),
            examples=examples,
            tags=self.strings(table.get("tags", []), rule_id, "tags"),
            source=str(self.path),
        )

    def allowlists(self, rule_id: str, tables: Any) -> tuple[regex.Pattern[str], ...]:
        patterns: list[regex.Pattern[str]] = []
        for table in self.expect(tables, list, rule_id, "allowlists"):
            self.expect(table, dict, rule_id, "allowlists")
            self.unknown(table, ALLOWLIST_KEYS, rule_id, "[[rules.allowlists]]")
            for source in self.strings(table.get("regexes", []), rule_id, "allowlists.regexes"):
                patterns.append(self.pattern(source, rule_id, "allowlists.regexes"))
        return tuple(patterns)

    def examples(self, rule_id: str, tables: Any, needs_both: bool) -> tuple[Example, ...]:
        examples: list[Example] = []
        for table in self.expect(tables, list, rule_id, "examples"):
            self.expect(table, dict, rule_id, "examples")
            self.unknown(table, EXAMPLE_KEYS, rule_id, "[[rules.examples]]")
            if ("remove" in table) == ("keep" in table):
                raise self.fail("an example has exactly one of 'remove' or 'keep'", rule_id, "examples")
            remove = "remove" in table
            text = self.expect(table["remove" if remove else "keep"], str, rule_id, "examples")
            fields = self.expect(table.get("fields", {}), dict, rule_id, "examples.fields")
            for value in fields.values():
                self.expect(value, str, rule_id, "examples.fields")
            examples.append(Example(text=text, remove=remove, fields=tuple(sorted(fields.items()))))
        if needs_both and not (any(e.remove for e in examples) and any(not e.remove for e in examples)):
            raise self.fail(
                "a regex rule needs at least one 'remove' and one 'keep' example", rule_id, "examples"
            )
        return tuple(examples)


def read_toml(path: Path, error: type[ValueError]) -> dict[str, Any]:
    """Parse a TOML file; an unreadable or invalid one raises ``error`` naming the file."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise error(f"{path}: cannot read: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise error(f"{path}: invalid TOML: {exc}") from None


def load_pack(path: Path, check_patterns: bool = True) -> RulePack:
    """Read and validate one pack file. ``check_patterns`` False leaves the rule patterns
    to compile on first use (the built-in packs: ``packcache`` compiles and keeps them)."""
    return _PackReader(path, read_toml(path, RulePackError), check_patterns).read()


def _pack_rank(pack: RulePack) -> tuple[int, str]:
    rank = PACK_ORDER.index(pack.id) if pack.id in PACK_ORDER else len(PACK_ORDER)
    return rank, pack.id


USER_RULE_BUDGET = 0.05  # seconds one user rule may spend on one line


def _budgeted(pack: RulePack) -> RulePack:
    """A user pack whose regex rules run under a time budget (runaway patterns)."""
    rules = tuple(
        replace(rule, budget=USER_RULE_BUDGET) if rule.pattern is not None else rule for rule in pack.rules
    )
    return replace(pack, rules=rules)


def load_packs(extra: Iterable[Path] = (), builtin: bool = True) -> list[RulePack]:
    """The built-in packs (in precedence order) followed by ``extra`` user packs."""
    packs: list[RulePack] = []
    if builtin:
        files = sorted(builtin_rules_dir().glob("*.toml"))
        packs = load_cached(
            files,
            lambda: sorted((load_pack(p, check_patterns=False) for p in files), key=_pack_rank),
        )
    packs.extend(_budgeted(load_pack(Path(p))) for p in extra)
    seen: dict[str, str] = {}
    for pack in packs:
        for rule in pack.rules:
            if rule.id in seen:
                raise RulePackError(f"{pack.path}: rule '{rule.id}': duplicate id (also in {seen[rule.id]})")
            seen[rule.id] = pack.path
    known = set(seen)
    for pack in packs:
        for rule in pack.rules:
            for key, refs in (("follows", rule.follows), ("precedes", rule.precedes)):
                for ref in refs:
                    if ref not in known:
                        raise RulePackError(
                            f"{pack.path}: rule '{rule.id}': key '{key}': unknown rule '{ref}'"
                        )
    return packs


def select_rules(
    packs: Sequence[RulePack], select: Iterable[str] = (), ignore: Iterable[str] = ()
) -> list[Rule]:
    """Rules of ``packs`` narrowed by pack or rule ids (unknown ids are errors)."""
    select, ignore = set(select), set(ignore)
    known = {p.id for p in packs} | {r.id for p in packs for r in p.rules}
    unknown = sorted((select | ignore) - known)
    if unknown:
        raise RulePackError(f"unknown pack or rule id: {', '.join(unknown)}")
    chosen = []
    for pack in packs:
        for rule in pack.rules:
            if select and pack.id not in select and rule.id not in select:
                continue
            if pack.id in ignore or rule.id in ignore:
                continue
            chosen.append(rule)
    return chosen
