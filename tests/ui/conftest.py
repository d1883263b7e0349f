"""Fixtures for pilot and snapshot tests of the Textual app."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ui.sample_tree import build_sample

# Snapshots show the path of the sample folder, so it lives at a fixed place.
SNAPSHOT_ROOT = Path("/tmp/spyglass-snapshots/sample")


@pytest.fixture(autouse=True)
def _utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Times on screen are in UTC whatever the machine's zone."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    return build_sample(tmp_path / "sample")


@pytest.fixture(scope="session")
def snapshot_sample() -> Path:
    return build_sample(SNAPSHOT_ROOT)


def can_drop_privileges() -> bool:
    return hasattr(os, "seteuid") and os.geteuid() == 0
