"""From `write()` of a line to that line on the screen of the real app, `F` pressed on the log.

spyglass runs in the bench's pseudo-terminal on the log file (a path or an
SFTP URL); once its preview shows the file, `F` follows it, and each line
appended from here carries its own marker. A line is timed from just before
its `write()` to the arrival of the bytes that put its marker on screen.

The pauses between lines vary around the mean asked for: a fixed pause would
lock each write to the same point of an SFTP follower's poll cycle, and every
line would wait the same part of it.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.session import QUIT_TIMEOUT, clean_environment
from bench.terminal import ProgramEnded, ScreenTimeout, ScreenView, Terminal

SOURCE = str(Path(__file__).resolve().parents[1] / "src")
FIRST_LINE = "first line of the followed log"
OPEN_TIMEOUT = 30.0  # start-up and, over SFTP, the connection
SETTLE_SECONDS = 0.3  # the screen still this long after `F`: the first read is drawn
QUIET_TIMEOUT = 5.0
SPREAD = 0.5  # pauses spread over this, one SFTP poll interval: writes land all over the cycle
SEED = 14  # the same pauses on every run


@dataclass(frozen=True)
class ScreenFollow:
    """Seconds per appended line; `missed` says which line never showed, when one did not."""

    times: list[float]
    missed: str | None = None


def marker(index: int) -> str:
    # zero-padded, so no marker is a part of another
    return f"appended line {index:03d}"


def following(view: ScreenView) -> bool:
    """The preview's title says "following" (no other text on screen does)."""
    return view.contains("following") and view.contains(FIRST_LINE)


def screen_latency(
    log: Path,
    target: Sequence[str],
    *,
    appends: int,
    gap: float,
    line_timeout: float,
) -> ScreenFollow:
    """Follow `log` (reached through `target`, the app's arguments) and time `appends` lines.

    A line not on screen within `line_timeout` ends the series, so the run
    stays bounded whatever happens.
    """
    log.write_text(FIRST_LINE + "\n")
    with tempfile.TemporaryDirectory(prefix="follow-screen-") as config:
        env = {**clean_environment(Path(config)), "PYTHONPATH": SOURCE}
        argv = [sys.executable, "-m", "spyglass", *target]
        with Terminal(argv, env=env) as terminal:
            terminal.wait_for(FIRST_LINE, OPEN_TIMEOUT)
            terminal.send("F")
            terminal.wait_for(following, OPEN_TIMEOUT)
            terminal.wait_quiet(SETTLE_SECONDS, QUIET_TIMEOUT)
            result = _appends(terminal, log, appends, gap, line_timeout)
            terminal.quit("q", QUIT_TIMEOUT)
    return result


def _appends(
    terminal: Terminal, log: Path, appends: int, gap: float, line_timeout: float
) -> ScreenFollow:
    times: list[float] = []
    pauses = random.Random(SEED)
    spread = min(SPREAD, 2 * gap)
    with log.open("a") as handle:
        for index in range(appends):
            time.sleep(gap + pauses.uniform(-spread / 2, spread / 2))
            text = marker(index)
            started = time.perf_counter()
            handle.write(text + "\n")
            handle.flush()
            try:
                shown = terminal.wait_for(text, line_timeout)
            except ProgramEnded:
                raise
            except ScreenTimeout:
                return ScreenFollow(times, f"line {index} not on screen within {line_timeout:g} s")
            times.append(shown - started)
    return ScreenFollow(times)
