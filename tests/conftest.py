"""Fixtures shared by all tests: public temp folders, privilege drops, the memory filesystem."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from fsspec.implementations.memory import MemoryFileSystem

from tests.support.memory_store import fresh_memory_store

NOBODY = 65534

# The child drops to nobody itself, after its imports: the interpreter may live
# in a folder nobody cannot enter (/root/.pyenv), so `user=` on subprocess.run
# would fail at exec time, and lazy imports after the drop would fail too.
_DROP_PRIVILEGES = f"""
import os

def drop_privileges() -> None:
    if os.geteuid() == 0:
        os.setgroups([])
        os.setgid({NOBODY})
        os.setuid({NOBODY})
    assert os.geteuid() != 0
"""


def isolated_env(home: Path) -> dict[str, str]:
    """The environment of a child whose home and config folders are `home` (never the real one)."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("SPYGLASS_")}
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_STATE_HOME=str(home / ".local" / "state"),
    )
    return env


def run_unprivileged(script: str, *args: str, home: Path) -> subprocess.CompletedProcess[str]:
    """Run `script` in a fresh interpreter that calls `drop_privileges()` once it has imported."""
    code = _DROP_PRIVILEGES + textwrap.dedent(script)
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=isolated_env(home),
    )


def require_permissions_apply(path: Path) -> None:
    """Root drops privileges in the child; another user needs the mode bits to bite."""
    if os.geteuid() != 0 and os.access(path, os.R_OK):
        pytest.skip(f"not root, and mode {path.stat().st_mode:o} does not stop this user reading")


def _unlock(folder: Path) -> None:
    """Give back the modes tests took away, so the folder can be removed by any user."""
    for root, dirs, _ in os.walk(folder, onerror=lambda exc: None):
        for name in dirs:
            path = os.path.join(root, name)
            if not os.path.islink(path):
                os.chmod(path, 0o755)


@pytest.fixture
def public_dir() -> Iterator[Path]:
    """A temp folder every user can enter (pytest's tmp_path sits under a 0700 folder)."""
    folder = Path(tempfile.mkdtemp(prefix="spyglass-test-"))
    folder.chmod(0o755)
    yield folder
    folder.chmod(0o755)
    _unlock(folder)
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def memory_fs() -> Iterator[MemoryFileSystem]:
    """fsspec's memory filesystem, empty for this test; what it held before comes back after."""
    with fresh_memory_store() as fs:
        yield fs


@pytest.fixture
def memory(memory_fs: MemoryFileSystem) -> tuple[MemoryFileSystem, str]:
    """The memory filesystem and a folder in it, for tests that list a folder of their own."""
    root = "/spyglass-test"
    memory_fs.mkdir(root)
    return memory_fs, root
