"""Shared paths and fixtures for the test suite."""

from __future__ import annotations

from pathlib import Path

import pytest

import cleaner

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"
DEV_SET = SHARED / "eval" / "dev"
SEEDS = SHARED / "seeds"


@pytest.fixture(scope="session")
def default_cleaner() -> cleaner.Cleaner:
    """The cleaner with every built-in pack."""
    return cleaner.get_cleaner()
