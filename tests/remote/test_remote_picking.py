"""Remote places: `--cwd-file` leaves nothing for the shell, `--chooser-file` gets URLs."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from spyglass.config import Config
from spyglass.location import resolve
from spyglass.ui.app import SpyglassApp
from tests.remote.conftest import BUCKET
from tests.remote.servers import MotoServer
from tests.remote.test_remote_app import SECRET, _fill_bucket
from tests.support.pilot import settle
from tests.ui.helpers import move_to


@pytest.fixture
def bucket() -> Iterator[MotoServer]:
    server = MotoServer()
    server.start()
    _fill_bucket(server)
    yield server
    server.cleanup()


def _app(server: MotoServer, *, choosing: bool) -> SpyglassApp:
    options = {**server.options(), "secret": SECRET, "skip_instance_cache": True}
    config = Config()
    config.timeout = 5.0
    location = resolve(f"s3://{BUCKET}/data", options, timeout=5.0)
    return SpyglassApp(location, config, choosing=choosing)


async def test_quitting_in_a_bucket_writes_no_folder(bucket: MotoServer) -> None:
    app = _app(bucket, choosing=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        move_to(app, "hello.txt")
        await pilot.press("q")
        await pilot.pause()
    assert app.picks.landing is None


async def test_choosing_in_a_bucket_gives_urls_with_no_secret(bucket: MotoServer) -> None:
    app = _app(bucket, choosing=True)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        move_to(app, "hello.txt")
        await pilot.press("enter")
        await pilot.pause()
    assert app.picks.chosen == [f"s3://{BUCKET}/data/hello.txt"]
    assert app.picks.landing is None
