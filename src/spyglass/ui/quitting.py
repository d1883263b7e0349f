"""Quitting never waits for a worker: a thread stuck on a hung server is left behind.

Textual runs thread workers in the event loop's default executor, and
`asyncio.run` waits for that executor's threads before it returns; Python
waits for them again at exit. A read from a server that stopped answering
would keep `q` from quitting until its timeout.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import threading
from concurrent.futures import ThreadPoolExecutor


class _LeavingExecutor(ThreadPoolExecutor):
    """Shut down without waiting: queued work is dropped, running work is left to end."""

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        super().shutdown(wait=False, cancel_futures=True)


def never_wait_for_workers() -> None:
    """Call on the app's event loop before the first worker starts."""
    asyncio.get_running_loop().set_default_executor(
        _LeavingExecutor(thread_name_prefix="spyglass-worker")
    )


def stuck_threads() -> list[threading.Thread]:
    """Threads Python would wait for at exit: workers still blocked in a call."""
    main = threading.main_thread()
    return [
        thread
        for thread in threading.enumerate()
        if thread is not main and not thread.daemon and thread.is_alive()
    ]


def exit_now_if_stuck(status: int) -> None:
    """After the app has restored the terminal: end at once when a worker is still stuck,
    instead of waiting (maybe minutes) for it to give up."""
    if not stuck_threads():
        return
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)
