"""Scenario 1: from exec to the first painted tree, against a Textual app that paints one line.

Also how long the CLI and the UI modules take to import, and that the heavy
optional modules stay out of start-up.
"""

from __future__ import annotations

import json
import subprocess
import sys

from bench.scenarios import Scenario
from bench.session import Context
from bench.stats import Figure, Samples, Target, interleaved
from bench.subjects import BENCH_DIR, Subject
from bench.terminal import ScreenTimeout

STARTUP = "startup.first_tree"
IMPORT = "import.time"
PROBED = ("spyglass.cli", "spyglass.ui.app", "textual.app")


def _time_to_tree(context: Context, subject: Subject) -> float:
    timeout = 20.0 if context.quick else 60.0
    if subject is context.floor:
        with context.launch(subject) as terminal:
            return terminal.wait_for(subject.painted, timeout) - terminal.started_at
    folder = str(context.fixtures.start_folder)
    with context.launch(subject, folder) as terminal:
        return terminal.wait_for(context.fixtures.start_marker, timeout) - terminal.started_at


def _probe(context: Context, module: str) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, str(BENCH_DIR / "import_probe.py"), module],
        env=context.env_for(context.spyglass),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    answer: dict[str, object] = json.loads(result.stdout)
    return answer


def run(context: Context) -> list[Figure]:
    samples = Samples()
    subjects = [context.spyglass, context.floor, *context.rivals]
    for run_index, subject in interleaved(context.runs, subjects):
        context.say(f"1 start-up · run {run_index + 1}/{context.runs} · {subject.name}")
        try:
            samples.add(STARTUP, subject.name, _time_to_tree(context, subject))
        except ScreenTimeout as exc:
            samples.fail(subject.name, f"run {run_index + 1}: start-up: {exc}")
    heavy: dict[str, list[str]] = {}
    for run_index, module in interleaved(context.runs, PROBED):
        context.say(f"1 imports · run {run_index + 1}/{context.runs} · {module}")
        answer = _probe(context, module)
        seconds = answer["seconds"]
        assert isinstance(seconds, float)
        samples.add(IMPORT, module, seconds * 1000)
        loaded = answer["heavy"]
        assert isinstance(loaded, list)
        samples.add(f"heavy.{module}", module, float(len(loaded)))
        heavy[module] = sorted(set(heavy.get(module, [])) | set(loaded))

    spyglass = context.spyglass.name
    figures = [
        samples.figure(
            "1",
            STARTUP,
            "start-up: exec to first painted tree",
            "s",
            spyglass,
            reference=context.floor.name,
            target=Target(1.2, on="ratio"),
        ),
        *[
            samples.figure(
                "1",
                STARTUP,
                f"start-up: exec to first painted tree, vs {rival.name}",
                "s",
                spyglass,
                reference=rival.name,
            )
            for rival in context.rivals
        ],
        samples.figure("1", IMPORT, "import spyglass.cli", "ms", "spyglass.cli"),
        samples.figure(
            "1",
            IMPORT,
            "import spyglass.ui.app, vs import textual.app",
            "ms",
            "spyglass.ui.app",
            reference="textual.app",
        ),
    ]
    for module in ("spyglass.cli", "spyglass.ui.app"):
        figure = samples.figure(
            "1",
            f"heavy.{module}",
            f"heavy modules loaded by import {module}",
            "modules",
            module,
            target=Target(0),
        )
        figure.details["loaded"] = heavy.get(module, [])
        figures.append(figure)
    return figures


SCENARIO = Scenario("1", "start-up", run, compares=True)
