"""`spyglass cat --follow`: a file's last lines, then every line written to it, until Ctrl-C."""

from __future__ import annotations

import os
import select
import stat
import sys
from collections.abc import Callable
from typing import TextIO

from spyglass.errors import describe
from spyglass.follow.events import Appended, FollowEvent
from spyglass.follow.job import FollowJob
from spyglass.fs.backend import Backend
from spyglass.fs.entry import Entry
from spyglass.jobs.terminal_run import run_in_terminal
from spyglass.safe_text import safe_name

# A pipe reader waits on nothing longer than this for a line already read.
FOLLOW_INTERVAL = 0.05


def follow_to_stdout(
    backend: Backend, entry: Entry, *, stdout: TextIO | None = None, poll: float | None = None
) -> int:
    """Print like `tail -F`; what happens to the file (truncated, rotated, gone) goes to stderr."""
    out = stdout or sys.stdout
    name = safe_name(entry.name)
    if entry.is_folder:
        print(f"spyglass: {name} is a folder: only a file can be followed", file=sys.stderr)
        return 1

    def show(event: FollowEvent) -> None:
        if isinstance(event, Appended):
            if event.lines:  # already sanitised: no escape sequence reaches the terminal
                out.write("\n".join(event.lines) + "\n")
        else:
            print(f"spyglass: {name}: {event.message}", file=sys.stderr, flush=True)

    job = FollowJob(backend, entry.path, initial_lines=10, poll=poll, stop_when=_reader_gone(out))
    try:
        return run_in_terminal(job, show, stdout=out, interval=FOLLOW_INTERVAL)
    except OSError as exc:  # the first look failed before the job began
        print(f"spyglass: {describe(exc, 'follow', name)}", file=sys.stderr)
        return 1


def _reader_gone(out: TextIO) -> Callable[[], bool]:
    """For a pipe: has its reader closed it (`| head -n 3`)? Then nobody waits for lines.

    A write would tell too, but a quiet log may not be written to for hours.
    """
    try:
        fd = out.fileno()
        is_pipe = stat.S_ISFIFO(os.fstat(fd).st_mode)
    except (OSError, ValueError):
        is_pipe = False
    if not is_pipe or not hasattr(select, "poll"):
        return lambda: False
    poller = select.poll()
    poller.register(fd, 0)  # errors and hang-ups are always reported
    closed = select.POLLERR | select.POLLHUP
    return lambda: any(events & closed for _, events in poller.poll(0))
