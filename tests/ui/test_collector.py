"""Collections paused through start-up, and what start-up made frozen after the first frame."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from spyglass.ui import collector
from tests.support.pilot import settle
from tests.ui.helpers import make_app


@pytest.fixture
def restored_collector() -> Iterator[None]:
    yield
    gc.unfreeze()  # frozen objects go back to the oldest generation
    gc.enable()


async def test_the_app_resumes_collections_after_its_first_frame(
    sample: Path, restored_collector: None
) -> None:
    collector.pause()
    assert not gc.isenabled()
    app = make_app(sample)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0
    collector.resume()  # a second call does nothing
    assert gc.isenabled()


async def test_an_app_not_started_by_the_command_line_leaves_the_collector_alone(
    sample: Path, restored_collector: None
) -> None:
    frozen = gc.get_freeze_count()
    app = make_app(sample)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
    assert gc.isenabled() and gc.get_freeze_count() == frozen
