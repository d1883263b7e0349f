"""The tree's columns over real servers: what each backend knows is shown, the rest is blank."""

from __future__ import annotations

import os
import re
import time

from spyglass.tree.columns import Columns
from tests.remote.conftest import BUCKET
from tests.remote.servers import MotoServer, OpenSshServer
from tests.remote.test_remote_app import _app, _known_hosts, _sftp_options, moto, sshd
from tests.support.pilot import settle
from tests.ui.test_tree_columns_ui import tree_line

__all__ = ["moto", "sshd"]  # the fixtures, used by name

MTIME = 1_700_000_000
TIME = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d$")


async def test_sftp_shows_the_mode_and_numeric_owner(sshd: OpenSshServer) -> None:
    data = sshd.root / "data"
    report = data / "report.csv"
    report.write_bytes(b"x" * 3000)
    report.chmod(0o640)
    os.chown(report, 1234, 5678)
    os.utime(report, (MTIME, MTIME))
    (data / "logs").mkdir()
    (data / "logs").chmod(0o751)
    url = f"sftp://root@127.0.0.1:{sshd.port}{data}"
    app = _app(url, _sftp_options(sshd, _known_hosts(sshd)))
    app.config.tree_columns = Columns.PERMISSIONS
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        # a server's uids are not this machine's: numbers, not local names
        assert tree_line(app, "report.csv").split()[-3:] == ["-rw-r-----", "1234", "5678"]
        assert tree_line(app, "logs/").split()[-3:] == ["drwxr-x--x", "0", "0"]
        await pilot.press("comma")  # none
        await pilot.press("comma")  # size
        await pilot.pause()
        assert tree_line(app, "report.csv").endswith(" 2.9 KiB")
        await pilot.press("comma")  # time
        await pilot.pause()
        shown = time.strftime("%Y-%m-%d %H:%M", time.localtime(MTIME))
        assert tree_line(app, "report.csv").endswith(" " + shown)


async def test_a_bucket_shows_size_and_time_and_no_permissions(moto: MotoServer) -> None:
    app = _app(f"s3://{BUCKET}/data", {**moto.options(), "skip_instance_cache": True})
    app.config.tree_columns = Columns.SIZE_TIME
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        line = tree_line(app, "hello.txt")
        assert TIME.search(line)
        assert re.search(r" \d+ B \d{4}-", line)
        await pilot.press("comma")  # permissions and owner: a bucket has none
        await pilot.pause()
        line = tree_line(app, "hello.txt")
        assert line.rstrip().endswith("hello.txt")
        assert len(line) > len("    hello.txt")  # the blank cells are still there
