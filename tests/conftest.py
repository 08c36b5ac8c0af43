"""Shared paths and fixtures for the test suite."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# The suite builds its own cache of compiled packs (cleaner.packcache), and so do the CLI
# runs it starts, instead of reading or writing the user's.
os.environ["NEWSCLEAN_CACHE_DIR"] = tempfile.mkdtemp(prefix="newsclean-test-cache-")

import cleaner  # after the cache folder is chosen

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"
DEV_SET = SHARED / "eval" / "dev"
SEEDS = SHARED / "seeds"


@pytest.fixture(scope="session")
def default_cleaner() -> cleaner.Cleaner:
    """The cleaner with every built-in pack."""
    return cleaner.get_cleaner()
