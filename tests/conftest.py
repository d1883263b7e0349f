"""Helpers shared by the headless tests: public temp folders, privilege drops, read counting."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import pytest

from spyglass.fs.backend import Backend, Capabilities
from spyglass.fs.entry import Entry

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


class CountingBackend:
    """Wraps a backend and records every read, to check reads stay under the budget."""

    def __init__(self, inner: Backend) -> None:
        self.inner = inner
        self.protocol = inner.protocol
        self.reads: list[tuple[int, int]] = []  # (start, bytes returned)
        self.listings = 0

    @property
    def bytes_read(self) -> int:
        return sum(size for _, size in self.reads)

    @property
    def capabilities(self) -> Capabilities:
        return self.inner.capabilities

    def list_batches(self, path: str) -> Iterator[list[Entry]]:
        self.listings += 1
        return self.inner.list_batches(path)

    def list_names_first(self, path: str) -> Iterator[list[Entry]]:
        self.listings += 1
        return self.inner.list_names_first(path)

    def with_details(self, entries: list[Entry]) -> list[Entry]:
        return self.inner.with_details(entries)

    def stat(self, path: str) -> Entry:
        return self.inner.stat(path)

    def read_range(self, path: str, start: int, length: int) -> bytes:
        data = self.inner.read_range(path, start, length)
        self.reads.append((start, len(data)))
        return data

    def open_binary(self, path: str) -> BinaryIO:
        return self.inner.open_binary(path)

    def invalidate(self, path: str) -> None:
        self.inner.invalidate(path)

    def join(self, folder: str, name: str) -> str:
        return self.inner.join(folder, name)

    def parent(self, path: str) -> str:
        return self.inner.parent(path)

    def display(self, path: str) -> str:
        return self.inner.display(path)
