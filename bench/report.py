"""The results: a table for the terminal and a JSON file for later comparison."""

from __future__ import annotations

import json
import os
import platform
import sys
from importlib.metadata import version
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from bench.stats import Figure


def format_value(value: float | None, unit: str, ceiling: float | None = None) -> str:
    if value is None:
        return "—"
    if ceiling is not None and value >= ceiling:
        return f"> {format_value(ceiling, unit)}"
    if unit == "s":
        return f"{value:.3f} s"
    if unit == "ms":
        return f"{value:.1f} ms"
    if unit == "MB":
        return f"{value:.1f} MB"
    if unit == "MiB":
        return f"{value:.2f} MiB"
    if unit == "modules":
        return f"{value:g}"
    return f"{value:g} {unit}"


def _result(figure: Figure) -> Text:
    met = figure.met
    if met is None:
        return Text("—", style="dim")
    return Text("met", style="bold green") if met else Text("MISSED", style="bold red")


def table(figures: list[Figure], title: str) -> Table:
    grid = Table(title=title, title_justify="left", header_style="bold")
    grid.add_column("#", justify="right")
    grid.add_column("figure")
    grid.add_column("median", justify="right")
    grid.add_column("min", justify="right")
    grid.add_column("max", justify="right")
    grid.add_column("runs", justify="right")
    grid.add_column("reference (median)")
    grid.add_column("ratio", justify="right")
    grid.add_column("target", justify="right")
    grid.add_column("result")
    for index, figure in enumerate(figures):
        reference = "—"
        if figure.reference is not None:
            median = format_value(figure.reference_median, figure.unit, figure.ceiling)
            if figure.reference_median is None and figure.reference_note:
                median = figure.reference_note
            reference = f"{figure.reference}: {median}"
        ratio = figure.ratio
        at_least = figure.capped(figure.median) and not figure.capped(figure.reference_median)
        last_of_scenario = (
            index + 1 == len(figures) or figures[index + 1].scenario != figure.scenario
        )
        grid.add_row(
            figure.scenario,
            figure.name,
            format_value(figure.median, figure.unit, figure.ceiling),
            format_value(figure.minimum, figure.unit, figure.ceiling),
            format_value(figure.maximum, figure.unit, figure.ceiling),
            str(len(figure.samples)),
            reference,
            "—" if ratio is None else f"{'> ' if at_least else ''}{ratio:.2f}x",
            figure.target.describe(figure.unit) if figure.target else "—",
            _result(figure),
            end_section=last_of_scenario,
        )
    return grid


def _cpu_model() -> str | None:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.partition(":")[2].strip()
    except OSError:
        pass
    return None


def _memory_total() -> int | None:
    try:
        with open("/proc/meminfo", encoding="ascii") as info:
            for line in info:
                if line.startswith("MemTotal:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def machine() -> dict[str, Any]:
    """Enough to tell whether two result files can be compared."""
    return {
        "platform": platform.platform(),
        "python": sys.version.split()[0],
        "cpu": _cpu_model(),
        "cpus": os.cpu_count(),
        "memory_bytes": _memory_total(),
        "load_average": list(os.getloadavg()),
        "textual": version("textual"),
    }


def write_json(path: Path, document: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=2) + "\n")


def print_report(console: Console, figures: list[Figure], title: str, problems: list[str]) -> None:
    console.print(table(figures, title))
    seen: set[str] = set()
    for figure in figures:
        for error in figure.errors:
            line = f"{figure.scenario} · {error.splitlines()[0]}"
            if line not in seen:
                seen.add(line)
                console.print(f"[yellow]run failed[/]: {line}", highlight=False)
    for problem in dict.fromkeys(problems):
        console.print(f"[yellow]note[/]: {problem}", highlight=False)
