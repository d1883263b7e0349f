"""Scenario 4: peak resident memory (VmHWM) after start-up and after the big folder is listed."""

from __future__ import annotations

from bench.scenarios import Scenario
from bench.session import Context
from bench.stats import Figure, Samples, Target, interleaved
from bench.steps import open_big_folder, settled_memory
from bench.subjects import Subject
from bench.terminal import ScreenTimeout

AFTER_START = "memory.peak_after_startup"
AFTER_FOLDER = "memory.peak_after_big_folder"


def _timeout(context: Context) -> float:
    return 20.0 if context.quick else 90.0


def _after_startup(context: Context, subject: Subject) -> float:
    if subject is context.floor:
        with context.launch(subject) as terminal:
            terminal.wait_for(subject.painted, _timeout(context))
            return settled_memory(terminal)["peak"]
    with context.launch(subject, str(context.fixtures.start_folder)) as terminal:
        terminal.wait_for(context.fixtures.start_marker, _timeout(context))
        return settled_memory(terminal)["peak"]


def _after_big_folder(context: Context, subject: Subject) -> float:
    fixtures = context.fixtures
    with context.launch(subject, str(fixtures.big_folder)) as terminal:
        # End reaches the last entry only once the listing is complete.
        open_big_folder(terminal, subject, fixtures.last_entry, _timeout(context))
        return settled_memory(terminal)["peak"]


def run(context: Context) -> list[Figure]:
    samples = Samples()
    subjects = [context.spyglass, context.floor, *context.rivals]
    for run_index, subject in interleaved(context.runs, subjects):
        context.say(
            f"4 memory after start-up · run {run_index + 1}/{context.runs} · {subject.name}"
        )
        try:
            samples.add(AFTER_START, subject.name, _after_startup(context, subject))
        except ScreenTimeout as exc:
            samples.fail(subject.name, f"run {run_index + 1}: after start-up: {exc}")
    for run_index, subject in interleaved(context.runs, [context.spyglass, *context.rivals]):
        context.say(
            f"4 memory after big folder · run {run_index + 1}/{context.runs} · {subject.name}"
        )
        try:
            samples.add(AFTER_FOLDER, subject.name, _after_big_folder(context, subject))
        except ScreenTimeout as exc:
            samples.fail(subject.name, f"run {run_index + 1}: after the big folder: {exc}")

    spyglass = context.spyglass.name
    entries = context.fixtures.sizes.folder_entries
    figures = [
        samples.figure(
            "4",
            AFTER_START,
            "peak resident memory after start-up",
            "MB",
            spyglass,
            reference=context.floor.name,
            target=Target(100),
        ),
        samples.figure(
            "4",
            AFTER_FOLDER,
            f"peak resident memory after the {entries:,}-entry folder",
            "MB",
            spyglass,
            target=Target(200),
        ),
    ]
    for rival in context.rivals:
        figures.append(
            samples.figure(
                "4",
                AFTER_START,
                f"peak resident memory after start-up, vs {rival.name}",
                "MB",
                spyglass,
                reference=rival.name,
            )
        )
        figures.append(
            samples.figure(
                "4",
                AFTER_FOLDER,
                f"peak resident memory after the {entries:,}-entry folder, vs {rival.name}",
                "MB",
                spyglass,
                reference=rival.name,
            )
        )
    return figures


SCENARIO = Scenario("4", "memory", run, compares=True)
