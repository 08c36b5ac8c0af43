"""The hooks in .pre-commit-hooks.yaml, run by the real pre-commit against this checkout.

pre-commit installs the hook repository into its own virtualenv (from PyPI, like a user's
machine would), so the first run takes a while; the environment is then reused.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.clipages import ARTICLE_ONLY, KO_CLEAN, KO_PAGE, write
from tests.conftest import ROOT


def _pre_commit() -> list[str] | None:
    venv_tool = Path(sys.executable).with_name("pre-commit")
    if venv_tool.exists():
        return [str(venv_tool)]
    found = shutil.which("pre-commit")
    return [found] if found else None


PRE_COMMIT = _pre_commit()
pytestmark = [
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
    pytest.mark.skipif(PRE_COMMIT is None, reason="pre-commit is not installed (pip install -e '.[dev]')"),
]


def git(*args: str, cwd: Path) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True)
    return done.stdout


def snapshot_of_checkout(into: Path) -> tuple[Path, str]:
    """This working tree (tracked and untracked, not ignored) committed in a fresh repository.

    pre-commit would make such a shadow repository on every call when the tree has
    uncommitted changes, and install the hooks each time; one snapshot installs once.
    """
    files = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT).split("\0")
    for name in filter(None, files):
        source = ROOT / name
        if source.is_file():
            target = into / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    git("init", "-q", cwd=into)
    git("add", "-A", cwd=into)
    git(
        "-c",
        "user.name=test",
        "-c",
        "user.email=test@example.invalid",
        "commit",
        "-q",
        "-m",
        "snapshot",
        cwd=into,
    )
    return into, git("rev-parse", "HEAD", cwd=into).strip()


def test_hooks_round_trip(tmp_path: Path) -> None:
    assert PRE_COMMIT is not None
    hooks_repo, rev = snapshot_of_checkout(tmp_path / "hooks")
    work = tmp_path / "corpus"
    work.mkdir()
    git("init", "-q", cwd=work)
    write(work / "pages" / "noisy.txt", KO_PAGE)
    write(work / "pages" / "clean.txt", ARTICLE_ONLY)
    write(work / "notes.md", KO_PAGE)  # not a .txt file: the hooks leave it alone
    git("add", "-A", cwd=work)
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "cache"), NO_COLOR="1")
    env.pop("VIRTUAL_ENV", None)

    def hook(hook_id: str) -> subprocess.CompletedProcess[str]:
        command = [
            *PRE_COMMIT,
            "try-repo",
            str(hooks_repo),
            hook_id,
            "--ref",
            rev,
            "--all-files",
            "--color",
            "never",
        ]
        return subprocess.run(command, cwd=work, env=env, capture_output=True, text=True, timeout=600)

    check = hook("newsclean-check")
    assert check.returncode == 1, check.stdout + check.stderr
    assert "would clean pages/noisy.txt" in check.stdout
    assert "-본문 바로가기" in check.stdout  # the diff is shown
    assert (work / "pages" / "noisy.txt").read_text("utf-8") == KO_PAGE

    first = hook("newsclean")
    assert first.returncode == 1, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout
    assert "cleaned pages/noisy.txt" in first.stdout
    assert (work / "pages" / "noisy.txt").read_text("utf-8") == KO_CLEAN
    assert (work / "pages" / "clean.txt").read_text("utf-8") == ARTICLE_ONLY
    assert (work / "notes.md").read_text("utf-8") == KO_PAGE

    git("add", "-A", cwd=work)
    second = hook("newsclean")
    assert second.returncode == 0, second.stdout + second.stderr
    assert hook("newsclean-check").returncode == 0
