"""Scenario 3: previewing a 5 GB text file must cost what a 5 KB one costs, in time and memory.

Each file sits alone in its folder, so listing costs the same for both. Time is
from exec of `spyglass FILE` to the file's first line in the preview; memory is
resident memory just before and after the preview, in a session opened on the
folder and moved onto the file with Down.
"""

from __future__ import annotations

from pathlib import Path

from bench.fixtures import FIRST_LOG_LINE
from bench.scenarios import Scenario
from bench.session import Context
from bench.stats import Figure, Samples, Target, interleaved
from bench.steps import settled_memory
from bench.terminal import ScreenTimeout

PREVIEW = "file.preview_first_line"
GROWTH = "file.rss_growth"
FIRST_LINE_MARK = "service starting"


def _size_label(size: int) -> str:
    for unit, factor in (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
        if size >= factor:
            return f"{size / factor:g} {unit}"
    return f"{size} B"


def _time_to_first_line(context: Context, path: Path) -> float:
    with context.launch(context.spyglass, str(path)) as terminal:
        return terminal.wait_for(FIRST_LINE_MARK, _timeout(context)) - terminal.started_at


def _memory_growth(context: Context, path: Path) -> float:
    with context.launch(context.spyglass, str(path.parent)) as terminal:
        terminal.wait_for(path.name, _timeout(context))
        before = settled_memory(terminal)
        terminal.send("down")
        terminal.wait_for(FIRST_LINE_MARK, _timeout(context))
        after = settled_memory(terminal)
        return after["rss"] - before["rss"]


def _timeout(context: Context) -> float:
    return 20.0 if context.quick else 60.0


def run(context: Context) -> list[Figure]:
    assert FIRST_LINE_MARK in FIRST_LOG_LINE
    fixtures = context.fixtures
    big = f"spyglass, {_size_label(fixtures.sizes.big_text_bytes)} file"
    small = f"spyglass, {_size_label(fixtures.sizes.small_text_bytes)} file"
    files = {big: fixtures.big_text, small: fixtures.small_text}
    samples = Samples()
    for run_index, name in interleaved(context.runs, list(files)):
        context.say(f"3 big file · run {run_index + 1}/{context.runs} · {name}")
        try:
            samples.add(PREVIEW, name, _time_to_first_line(context, files[name]))
            samples.add(GROWTH, name, _memory_growth(context, files[name]))
        except ScreenTimeout as exc:
            samples.fail(name, f"run {run_index + 1}: {exc}")
    return [
        samples.figure(
            "3",
            PREVIEW,
            "big file: exec to first line in the preview",
            "s",
            big,
            reference=small,
            target=Target(1.2, on="ratio"),
        ),
        samples.figure(
            "3",
            GROWTH,
            "big file: growth of resident memory for the preview",
            "MB",
            big,
            reference=small,
            target=Target(20),
        ),
    ]


SCENARIO = Scenario("3", "big file", run)
