"""Remote sessions in the running app: failures are sentences, keys keep working, `r` retries."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from spyglass.config import Config
from spyglass.location import resolve
from spyglass.tree.model import RowKind
from spyglass.ui.app import SpyglassApp
from spyglass.ui.confirm_screen import ConfirmScreen
from tests.remote.conftest import BUCKET, corpus_files
from tests.remote.servers import MotoServer, OpenSshServer, ServerUnavailable
from tests.support.pilot import settle
from tests.ui.helpers import row_messages, row_names, screen_text

SECRET = "TopSecretValue-4242"


def _app(url: str, options: dict[str, object], timeout: float = 5.0) -> SpyglassApp:
    config = Config()
    config.timeout = timeout
    return SpyglassApp(resolve(url, options, timeout=timeout), config)


def _fill_bucket(server: MotoServer) -> None:
    import s3fs

    fs = s3fs.S3FileSystem(**server.options(), skip_instance_cache=True)
    fs.mkdir(BUCKET)
    fs.pipe({f"{BUCKET}/data/{name}": data for name, data in corpus_files().items()})


@pytest.fixture
def moto() -> Iterator[MotoServer]:
    server = MotoServer()
    server.start()
    _fill_bucket(server)
    yield server
    server.cleanup()


@pytest.fixture
def sshd(tmp_path: Path) -> Iterator[OpenSshServer]:
    try:
        server = OpenSshServer(tmp_path)
    except ServerUnavailable as exc:
        pytest.skip(str(exc))
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "hello.txt").write_text("hello over ssh\n")
    server.start()
    yield server
    server.cleanup()


def _known_hosts(server: OpenSshServer) -> Path:
    path = server.workdir / "known_hosts"
    path.write_text(server.known_hosts_line())
    return path


def _sftp_options(server: OpenSshServer, known_hosts: Path) -> dict[str, object]:
    options = {**server.options(), "known_hosts": str(known_hosts)}
    options.pop("port")
    return options


async def test_s3_server_stopped_mid_session_then_r_retries(moto: MotoServer) -> None:
    options = {**moto.options(), "secret": SECRET, "skip_instance_cache": True}
    app = _app(f"s3://{BUCKET}/data", options)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert "hello.txt" in row_names(app)
        moto.stop()
        await pilot.press("r")
        await settle(pilot)
        messages = " ".join(row_messages(app))
        assert "Cannot list" in messages
        assert "cannot connect" in messages or "timed out" in messages
        await pilot.press("home", "down")  # the app still answers keys
        assert app.file_tree.cursor == 1
        moto.start()
        _fill_bucket(moto)
        await pilot.press("r")
        await settle(pilot)
        assert "hello.txt" in row_names(app)
        assert not any(row.kind is RowKind.ERROR for row in app.file_tree.rows)
        assert SECRET not in screen_text(app)


async def test_secrets_from_options_and_urls_never_reach_the_screen(moto: MotoServer) -> None:
    options = {**moto.options(), "secret": SECRET, "skip_instance_cache": True}
    app = _app(f"s3://{BUCKET}/no-such-prefix/", options)
    async with app.run_test(size=(140, 30)) as pilot:
        await settle(pilot)
        moto.stop()
        await pilot.press("r")
        await settle(pilot)
        app.open_location(f"sftp://user:{SECRET}@127.0.0.1:9/x")
        await settle(pilot)
        shown = screen_text(app) + " ".join(n.message for n in app._notifications)
        assert "Cannot" in shown
        assert SECRET not in shown


async def test_sftp_reconnects_after_the_server_restarts(sshd: OpenSshServer) -> None:
    options = _sftp_options(sshd, _known_hosts(sshd))
    url = f"sftp://root@127.0.0.1:{sshd.port}{sshd.root}/data"
    app = _app(url, options)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert row_names(app) == ["hello.txt"]
        sshd.stop()
        await pilot.press("r")
        await settle(pilot)
        assert any("Cannot list" in message for message in row_messages(app))
        sshd.start()
        await pilot.press("r")
        await settle(pilot)
        assert row_names(app) == ["hello.txt"]


async def test_wrong_ssh_key_is_an_authentication_sentence(sshd: OpenSshServer) -> None:
    options = {**_sftp_options(sshd, _known_hosts(sshd)), "key_filename": str(sshd.other_key)}
    app = _app(f"sftp://root@127.0.0.1:{sshd.port}{sshd.root}/data", options)
    async with app.run_test(size=(140, 30)) as pilot:
        await settle(pilot)
        assert "authentication failed" in screen_text(app)


async def test_unknown_host_key_is_asked_and_remembered(sshd: OpenSshServer) -> None:
    known_hosts = sshd.workdir / "empty_known_hosts"
    options = _sftp_options(sshd, known_hosts)
    app = _app(f"sftp://root@127.0.0.1:{sshd.port}{sshd.root}/data", options)
    async with app.run_test(size=(120, 30)) as pilot:
        for _ in range(300):
            await pilot.pause(0.05)
            if isinstance(app.screen, ConfirmScreen):
                break
        assert isinstance(app.screen, ConfirmScreen)
        for _ in range(100):  # the modal screen is drawn on the next frame
            await pilot.pause(0.02)
            if "SHA256:" in screen_text(app):
                break
        assert "SHA256:" in screen_text(app)
        await pilot.press("y")
        await settle(pilot)
        assert row_names(app) == ["hello.txt"]
    assert f"[127.0.0.1]:{sshd.port} ssh-ed25519" in known_hosts.read_text()


async def test_refused_host_key_is_a_sentence(sshd: OpenSshServer) -> None:
    options = _sftp_options(sshd, sshd.workdir / "empty_known_hosts")
    app = _app(f"sftp://root@127.0.0.1:{sshd.port}{sshd.root}/data", options)
    async with app.run_test(size=(140, 30)) as pilot:
        for _ in range(300):
            await pilot.pause(0.05)
            if isinstance(app.screen, ConfirmScreen):
                break
        await pilot.press("n")
        await settle(pilot)
        assert "was not accepted" in screen_text(app)


async def test_server_down_at_start_then_r_opens_the_location(sshd: OpenSshServer) -> None:
    options = _sftp_options(sshd, _known_hosts(sshd))
    url = f"sftp://root@127.0.0.1:{sshd.port}{sshd.root}/data"
    sshd.stop()
    app = _app(url, options)
    async with app.run_test(size=(140, 30)) as pilot:
        await settle(pilot)
        assert "Cannot open" in screen_text(app)
        sshd.start()
        await pilot.press("r")
        await settle(pilot)
        assert row_names(app) == ["hello.txt"]
