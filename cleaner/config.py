"""Project configuration: ``[tool.newsclean]`` in ``pyproject.toml`` or a ``.newsclean.toml``.

The nearest configuration wins: from the start directory upwards, the first
directory with a ``.newsclean.toml`` (top-level keys) or a ``pyproject.toml``
that has a ``[tool.newsclean]`` table. The search stops at the root of a git
repository. Keys are kebab-case; unknown keys and wrong types are errors that
name the file and the key. Paths in ``extend-rules`` are relative to the file.
"""

from __future__ import annotations

import os.path
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .rulepack import read_toml

CONFIG_NAME = ".newsclean.toml"
PYPROJECT = "pyproject.toml"
ON_ERROR = ("skip", "keep", "fail")

# key -> (kind, attribute); kind "strings" is a list of strings.
KEYS: dict[str, tuple[str, str]] = {
    "select": ("strings", "select"),
    "ignore": ("strings", "ignore"),
    "extend-rules": ("paths", "extend_rules"),
    "include": ("strings", "include"),
    "exclude": ("strings", "exclude"),
    "jobs": ("int", "jobs"),
    "field": ("string", "field"),
    "report-field": ("string", "report_field"),
    "on-error": ("string", "on_error"),
    "encoding": ("string", "encoding"),
}


class ConfigError(ValueError):
    """A configuration file that cannot be used; the message names the file and key."""


@dataclass(frozen=True, slots=True)
class Config:
    """Settings read from one file; ``None`` / empty means "not set there"."""

    path: Path | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    extend_rules: tuple[str, ...] = ()
    include: tuple[str, ...] | None = None
    exclude: tuple[str, ...] | None = None
    jobs: int | None = None
    field: str | None = None
    report_field: str | None = None
    on_error: str | None = None
    encoding: str | None = None


def _table(path: Path) -> dict[str, Any] | None:
    """The newsclean table of ``path``, or None for a pyproject without one."""
    data = read_toml(path, ConfigError)
    if path.name != PYPROJECT:
        return data
    tool = data.get("tool", {})
    table = tool.get("newsclean") if isinstance(tool, dict) else None
    if table is not None and not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.newsclean] must be a table")
    return table


def _where(path: Path) -> str:
    return f"{path}: [tool.newsclean]" if path.name == PYPROJECT else str(path)


def parse(path: Path, table: dict[str, Any]) -> Config:
    """Validate ``table`` (read from ``path``) and build a ``Config``."""
    where = _where(path)
    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        known = ", ".join(sorted(KEYS))
        raise ConfigError(f"{where}: unknown key '{unknown[0]}' (known keys: {known})")
    values: dict[str, Any] = {}
    for key, value in table.items():
        kind, attribute = KEYS[key]
        if kind in ("strings", "paths"):
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{where}: key '{key}': expected a list of strings, got {_kind(value)}")
            items = tuple(value)
            if kind == "paths":
                items = tuple(str((path.parent / item).resolve()) for item in items)
            values[attribute] = items
        elif kind == "int":
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ConfigError(f"{where}: key '{key}': expected a whole number >= 0, got {value!r}")
            values[attribute] = value
        else:
            if not isinstance(value, str):
                raise ConfigError(f"{where}: key '{key}': expected a string, got {_kind(value)}")
            if key == "on-error" and value not in ON_ERROR:
                raise ConfigError(
                    f"{where}: key '{key}': expected one of {', '.join(ON_ERROR)}, got {value!r}"
                )
            values[attribute] = value
    return Config(path=path, **values)


def _kind(value: Any) -> str:
    return {str: "a string", bool: "a boolean", int: "a number", float: "a number", dict: "a table"}.get(
        type(value), type(value).__name__
    )


def find(start: Path) -> Path | None:
    """The nearest configuration file at or above ``start`` (stops at a git root)."""
    directory = start.resolve()
    if not directory.is_dir():
        directory = directory.parent
    for candidate in (directory, *directory.parents):
        own = candidate / CONFIG_NAME
        if own.is_file():
            return own
        pyproject = candidate / PYPROJECT
        if pyproject.is_file() and _table(pyproject) is not None:
            return pyproject
        if (candidate / ".git").exists():
            return None
    return None


def load(path: Path) -> Config:
    """Read and validate one configuration file given explicitly."""
    table = _table(path)
    if table is None:
        raise ConfigError(f"{path}: no [tool.newsclean] table")
    return parse(path, table)


def discover(paths: tuple[str, ...]) -> Config:
    """The configuration for a run over ``paths`` (searched from their common directory)."""
    real = [Path(p) for p in paths if p != "-"]
    if real:
        try:
            common = Path(_common(real))
        except ValueError:  # different drives
            common = Path.cwd()
    else:
        common = Path.cwd()
    found = find(common)
    return load(found) if found is not None else Config()


def _common(paths: list[Path]) -> str:
    return os.path.commonpath([str(p.resolve()) for p in paths])
