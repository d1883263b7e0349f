"""When to look at a followed file again: at once on an inotify event, else after a poll interval.

inotify comes from the optional `inotify_simple` package (the `follow`
extra), imported on first use; without it, or where the kernel refuses,
local files are polled. A watch is on the file's folder, so a file renamed
away, deleted or created again still wakes the follower.
"""

from __future__ import annotations

import os
import time
from typing import Any, Protocol

from spyglass.jobs.context import JobContext

LOCAL_POLL = 0.2  # without inotify
SAFETY_POLL = 1.0  # with inotify: a look now and then all the same (NFS, missed events)
REMOTE_POLL = 0.5  # SFTP: a stat is one round trip
OBJECT_POLL = 3.0  # object stores: each look is a billed request
SOON = 0.1  # the file was missing a moment ago: look again before calling it gone
SLICE = 0.05  # how often a wait on inotify lets the job deliver and notice a cancel


class Waiter(Protocol):
    def wait(self, context: JobContext[Any]) -> None:
        """Return when the file may have changed; raises JobCancelled on cancel."""
        ...

    def close(self) -> None: ...


class PollWaiter:
    def __init__(self, interval: float) -> None:
        self.interval = interval

    def wait(self, context: JobContext[Any]) -> None:
        context.sleep(self.interval)

    def close(self) -> None:
        pass


class InotifyWaiter:
    """Wakes on any change in the folders of the path and of the file it resolves to."""

    def __init__(self, path: str) -> None:
        from inotify_simple import INotify, flags

        self._inotify = INotify()
        mask = (
            flags.MODIFY
            | flags.ATTRIB
            | flags.CLOSE_WRITE
            | flags.CREATE
            | flags.DELETE
            | flags.MOVED_FROM
            | flags.MOVED_TO
        )
        folders = {os.path.dirname(os.path.abspath(path)), os.path.dirname(os.path.realpath(path))}
        try:
            for folder in folders:
                self._inotify.add_watch(folder, mask)
        except OSError:
            self._inotify.close()
            raise

    def wait(self, context: JobContext[Any]) -> None:
        end = time.monotonic() + SAFETY_POLL
        while (left := end - time.monotonic()) > 0:
            if self._inotify.read(timeout=int(min(left, SLICE) * 1000)):
                return
            context.check()

    def close(self) -> None:
        self._inotify.close()


def local_waiter(path: str) -> Waiter:
    try:
        return InotifyWaiter(path)
    except (ImportError, OSError):  # no package, not Linux, or out of watches
        return PollWaiter(LOCAL_POLL)
