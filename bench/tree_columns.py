"""The cost of the tree's columns: scenario 2's folder opened from the tree, columns off and on.

Run: python -m bench.tree_columns [--runs N] [--columns size_time] [--quick] [--src DIR].
Each run opens the same 100,000-entry folder twice, once without columns and
once with them (`SPYGLASS_TREE_COLUMNS`), in turn so both see the same load;
the table gives each figure's median for both and their ratio (≤ 1x: the
columns cost nothing there).
"""

from __future__ import annotations

import argparse
import os
import statistics
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.table import Table

from bench import fixtures as fixture_files
from bench.scenarios import folder_in_tree
from bench.session import Context, clean_environment
from bench.stats import Figure
from bench.subjects import BENCH_DIR, floor, spyglass

OFF = "none"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.tree_columns", description=__doc__)
    parser.add_argument("--runs", type=int, default=3, help="runs of each (default 3)")
    parser.add_argument("--columns", default="size_time", help="the columns on (tree_columns)")
    parser.add_argument("--quick", action="store_true", help="a folder of 2,000 entries")
    parser.add_argument("--src", type=Path, help="measure the spyglass package in this folder")
    parser.add_argument("--cache", type=Path, default=BENCH_DIR / ".cache")
    return parser


def _context(args: argparse.Namespace) -> Context:
    """Only the folder this scenario opens is made (not scenario 3's 5 GiB file)."""
    sizes = fixture_files.Sizes.quick() if args.quick else fixture_files.Sizes()
    cache: Path = args.cache.resolve()
    folder = cache / ("fixtures-quick" if args.quick else "fixtures")
    fixtures = fixture_files.Fixtures(folder, sizes)
    fixtures.root.mkdir(parents=True, exist_ok=True)
    fixture_files.cached(
        fixtures.root / f"{fixtures.tree_parent.name}.done",
        {"entries": sizes.tree_entries},
        lambda: fixture_files._make_parent(fixtures.tree_parent, fixtures.tree_folder),
    )
    return Context(
        runs=1,
        quick=args.quick,
        fixtures=fixtures,
        spyglass=spyglass(args.src.resolve() if args.src else None),
        floor=floor(),
        rivals=[],
        env=clean_environment(cache / "config-home"),
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    console = Console()
    context = _context(args)
    base = dict(context.env)
    load = os.getloadavg()[0]
    titles: dict[str, str] = {}
    units: dict[str, str] = {}
    samples: dict[tuple[str, str], list[float]] = {}
    for run in range(args.runs):
        for columns in (OFF, args.columns):
            context.say(f"run {run + 1}/{args.runs}, columns {columns}")
            context.env = {**base, "SPYGLASS_TREE_COLUMNS": columns}
            figure: Figure
            for figure in folder_in_tree.run(context):
                titles[figure.key] = figure.name
                units[figure.key] = figure.unit
                samples.setdefault((figure.key, columns), []).extend(figure.samples)
    table = Table(title=f"columns {OFF} against {args.columns}, {args.runs} runs each")
    for heading in ("figure", OFF, args.columns, "ratio"):
        table.add_column(heading, justify="left" if heading == "figure" else "right")
    for key, title in titles.items():
        off, on = samples.get((key, OFF), []), samples.get((key, args.columns), [])
        if not off or not on:
            table.add_row(title, "failed" if not off else "", "failed" if not on else "", "")
            continue
        median_off, median_on = statistics.median(off), statistics.median(on)
        ratio = f"{median_on / median_off:.2f}x" if median_off else "—"
        unit = units[key]
        table.add_row(title, f"{median_off:.3f} {unit}", f"{median_on:.3f} {unit}", ratio)
    console.print(table)
    console.print(f"load average {load:.2f} at start, {os.getloadavg()[0]:.2f} at end")
    for problem in dict.fromkeys(context.problems):
        console.print(f"note: {problem}", highlight=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
