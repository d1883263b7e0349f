"""Fixtures for pilot and snapshot tests of the Textual app."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.worker import WorkerCancelled, WorkerFailed

from tests.ui.sample_tree import build_sample

# Snapshots show the path of the sample folder, so it lives at a fixed place.
SNAPSHOT_ROOT = Path("/tmp/spyglass-snapshots/sample")
BUSY_GROUPS = {"listing", "preview", "preview-more", "location", "render"}


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


async def settle(pilot: Pilot[None], seconds: float = 0.12) -> None:
    """Let debounce timers fire, then wait for the app's IO workers to finish."""
    app = pilot.app
    for _ in range(100):
        await pilot.pause(seconds)
        busy = [w for w in app.workers if w.group in BUSY_GROUPS and not w.is_finished]
        if not busy:
            await pilot.pause()
            return
        with contextlib.suppress(WorkerCancelled, WorkerFailed):
            await app.workers.wait_for_complete(busy)
    raise AssertionError("workers did not settle")


def can_drop_privileges() -> bool:
    return hasattr(os, "seteuid") and os.geteuid() == 0
