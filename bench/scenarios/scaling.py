"""Scenario 7: how the cost grows with the folder: 10,000, 100,000 and 1,000,000 entries.

Each size is a parent holding `a-small/` and `big/` (item-0.log ...); the
cursor moves onto `big/` and Enter opens it. A run times the first entries in
sorted order and End to the last ones, from Enter, and samples the resident
memory of spyglass and any process it starts, until the folder has settled. A
run that has not reached a screen within the cap is given up and shows as
"> cap"; the folders are made on first use and cached.
"""

from __future__ import annotations

from bench.fixtures import prepare_scale
from bench.process_memory import PeakMemory
from bench.scenarios import Scenario
from bench.session import Context
from bench.stats import Figure, Samples, Target
from bench.steps import MB
from bench.terminal import ProgramEnded, ScreenTimeout
from bench.tree_steps import enter_folder, first_screen, last_screen, settle

FIRST = "scale.first_sorted"
LAST = "scale.end"
MEMORY = "scale.peak_memory"
# the targets: 100,000 entries as from the tree; 1,000,000 within 3 s, 4 s, 400 MB
TARGETS = {
    100_000: {FIRST: 0.3, LAST: 0.5},
    1_000_000: {FIRST: 3.0, LAST: 4.0, MEMORY: 400.0},
}


def _cap(context: Context) -> float:
    return 20.0 if context.quick else 120.0


def _label(entries: int) -> str:
    return f"{entries:,} entries"


def _one_run(context: Context, entries: int, samples: Samples) -> None:
    """One opening of the folder; a step not done within the cap is recorded at the cap."""
    subject = context.spyglass
    folder = context.fixtures.scale_folder(entries)
    parent = context.fixtures.scale_parent(entries)
    label, cap = _label(entries), _cap(context)
    with context.launch(subject, str(parent)) as terminal, PeakMemory(terminal.pid) as memory:
        entered = enter_folder(terminal, subject, _cap(context))
        deadline = entered + cap
        capped: list[str] = []
        try:
            any_entry, first = first_screen(terminal, subject, folder, entered, deadline)
        except ProgramEnded:
            raise
        except ScreenTimeout:
            any_entry, first = cap, cap
            capped.append("first entries")
        if capped:
            last = cap
        else:
            try:
                last = last_screen(terminal, subject, folder, entered, deadline)
            except ProgramEnded:
                raise
            except ScreenTimeout:
                last = cap
        if last >= cap:
            capped.append("End")
        else:
            settle(terminal)
        peak = memory.stop() / MB
    samples.add(FIRST, label, min(first, cap))
    samples.add(LAST, label, min(last, cap))
    samples.add(MEMORY, label, peak)
    samples.note(FIRST, label, {"any_entry_s": round(min(any_entry, cap), 3)})
    samples.note(MEMORY, label, {"given_up": capped, "cap_s": cap})


def run(context: Context) -> list[Figure]:
    samples = Samples()
    sizes = context.fixtures.sizes.scale_entries
    for entries in sizes:
        context.say(f"7 fixtures: {entries:,} entries …")
        prepare_scale(context.fixtures, entries)
    # sizes interleave within a run, so a busy minute weighs on all of them alike
    for run_index in range(context.runs):
        for entries in sizes if run_index % 2 == 0 else reversed(sizes):
            context.say(f"7 {entries:,} entries · run {run_index + 1}/{context.runs}")
            try:
                _one_run(context, entries, samples)
            except ScreenTimeout as exc:
                samples.fail(_label(entries), f"run {run_index + 1}: {exc}")

    figures = []
    for index, entries in enumerate(sizes):
        label = _label(entries)
        smaller = _label(sizes[index - 1]) if index else None
        targets = TARGETS.get(entries, {}) if not context.quick else {}
        for measure, what, unit in (
            (FIRST, "Enter in the tree to the first entries in sorted order", "s"),
            (LAST, "Enter in the tree to End at the sorted last entries", "s"),
            (MEMORY, "peak resident memory (process tree)", "MB"),
        ):
            limit = targets.get(measure)
            figure = samples.figure(
                "7",
                measure,
                f"{label}: {what}",
                unit,
                label,
                reference=smaller,
                target=None if limit is None else Target(limit),
                ceiling=None if measure == MEMORY else _cap(context),
            )
            figure.key = f"{measure}.{entries}"
            figures.append(figure)
    return figures


SCENARIO = Scenario("7", "scaling", run)
