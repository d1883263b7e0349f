"""An S3 server (moto) that goes away: in the middle of a 20,000-object listing, or before `r`.

What was listed stays on screen with a sentence that names the cause, and the
sentence comes at once, not after the timeout.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import pytest
from textual.pilot import Pilot

from spyglass.config import Config
from spyglass.location import resolve
from spyglass.tree.model import RowKind
from spyglass.ui.app import SpyglassApp
from tests.remote.conftest import BUCKET
from tests.remote.servers import SeededMotoServer
from tests.support.pilot import settle
from tests.ui.helpers import row_messages, row_names, screen_text

TIMEOUT = 20.0  # the default: each page of moto's 20,000-object listing takes seconds
# A refused connection is a sentence once the one retry has failed (at most 1 s of
# backoff); botocore's legacy retries waited 7.5 s on average, up to 15 s.
PROMPT = 4.0
COUNT = 20_000


def _seeded(prefix: str, count: int) -> Iterator[SeededMotoServer]:
    server = SeededMotoServer(BUCKET, prefix, count)
    server.start()
    yield server
    server.cleanup()


@pytest.fixture
def many() -> Iterator[SeededMotoServer]:
    yield from _seeded("many", COUNT)


@pytest.fixture
def few() -> Iterator[SeededMotoServer]:
    yield from _seeded("few", 50)


def _app(url: str, server: SeededMotoServer) -> SpyglassApp:
    config = Config()
    config.timeout = TIMEOUT
    options = {**server.options(), "skip_instance_cache": True}
    return SpyglassApp(resolve(url, options, timeout=TIMEOUT), config)


def failure(app: SpyglassApp) -> str | None:
    return next((m for m in row_messages(app) if m.startswith("Cannot list")), None)


async def wait_until(pilot: Pilot[None], condition: Callable[[], bool], seconds: float) -> float:
    """Seconds until `condition` holds; fails after `seconds`."""
    started = time.monotonic()
    while not condition():
        assert time.monotonic() - started < seconds, "it did not happen in time"
        await pilot.pause(0.05)
    return time.monotonic() - started


async def test_a_server_killed_mid_listing_keeps_its_pages_and_says_why_at_once(
    many: SeededMotoServer,
) -> None:
    app = _app(f"s3://{BUCKET}/many", many)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_until(pilot, lambda: len(row_names(app)) >= 1_000, 120)
        many.stop()
        waited = await wait_until(pilot, lambda: failure(app) is not None, TIMEOUT + 10)
        sentence, kept = failure(app), row_names(app)
        assert sentence is not None and "cannot connect to the server" in sentence
        assert waited < PROMPT
        assert 1_000 <= len(kept) < COUNT and len(kept) % 1_000 == 0  # every page that came
        assert sentence.endswith(f"Showing the {len(kept):,} entries listed before.")
        assert app.file_tree.rows[1].kind is RowKind.ERROR  # above them, where it is seen
        await pilot.press("home")
        await settle(pilot)
        shown = screen_text(app)
        assert "still listing" not in shown and "so far" not in shown


async def test_r_with_the_server_gone_keeps_the_listing_and_says_why_at_once(
    few: SeededMotoServer,
) -> None:
    app = _app(f"s3://{BUCKET}/few/item00001.txt", few)  # its folder, with it highlighted
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert len(row_names(app)) == 50
        few.stop()
        await pilot.press("r")
        waited = await wait_until(pilot, lambda: failure(app) is not None, TIMEOUT + 10)
        sentence = failure(app)
        assert sentence is not None and "cannot connect to the server" in sentence
        assert waited < PROMPT
        assert sentence.endswith("Showing the 50 entries listed before.")
        assert len(row_names(app)) == 50  # the last good listing, not an empty tree
        assert "item00001.txt" in screen_text(app)
