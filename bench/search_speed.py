"""Search speed and memory against GNU find, grep -rn and rg, in the same run.

    python -m bench.search_speed [--runs 5] [--folders 20000] [--megabytes 50]

Builds its fixtures in a temporary folder: 200,000 empty files in 20,000
folders for the name search; about 50 MB of Python source (copies of the
installed packages' own files) for the content search. Prints medians with
min and max; timings taken while other work runs on the machine are noisy.
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from spyglass.fs.local_backend import LocalBackend
from spyglass.jobs.job import Job
from spyglass.jobs.runner import run_job
from spyglass.search.jobs import ContentSearchJob, NameSearchJob
from spyglass.search.query import ContentQuery, NameQuery
from spyglass.search.results import LineMatch, NameMatch
from spyglass.search.rg_content import find_rg

NAME_PATTERN = "item0042"  # one file in each folder matches: 20,000 matches
CONTENT_PATTERN = r"def \w+_cache"


def build_names(root: Path, folders: int, per_folder: int = 10) -> None:
    for folder in range(folders):
        path = root / f"d{folder // 200:03}" / f"f{folder:05}"
        path.mkdir(parents=True)
        for item in range(per_folder):
            (path / f"item{(folder * per_folder + item) % 10_000:04}.txt").touch()


def build_sources(root: Path, megabytes: int) -> int:
    """Copies of installed .py files until `megabytes` MB; returns the bytes written."""
    site = Path(sysconfig.get_paths()["purelib"])
    written = 0
    target = megabytes * 1_000_000
    copy = 0
    while written < target:
        for source in sorted(site.rglob("*.py")):
            if written >= target:
                break
            try:
                data = source.read_bytes()
            except OSError:
                continue
            destination = root / f"copy{copy}" / source.relative_to(site)
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(data)
            written += len(data)
        copy += 1
    return written


def _job_seconds(job: Job[Any]) -> tuple[float, float | None, int]:
    """Whole time, time to the first result, results."""
    start = time.perf_counter()
    first: list[float] = []
    count = 0

    def sink(update: Any) -> None:
        nonlocal count
        if update.results and not first:
            first.append(time.perf_counter() - start)
        count += len(update.results)

    run_job(job, sink)
    return time.perf_counter() - start, (first[0] if first else None), count


def _command_seconds(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def _median(samples: list[float]) -> str:
    return f"{statistics.median(samples):.3f} s (min {min(samples):.3f}, max {max(samples):.3f})"


def _interleaved(runs: int, subjects: dict[str, Callable[[], float]]) -> dict[str, list[float]]:
    samples: dict[str, list[float]] = {name: [] for name in subjects}
    for _ in range(runs):
        for name, subject in subjects.items():
            samples[name].append(subject())
    return samples


def _report(title: str, samples: dict[str, list[float]], reference: str) -> None:
    print(f"\n{title}")
    base = statistics.median(samples[reference])
    for name, values in samples.items():
        ratio = statistics.median(values) / base if base else float("nan")
        print(f"  {name:<34} {_median(values)}  {ratio:.2f}x")


def names(root: Path, runs: int) -> None:
    backend = LocalBackend()
    firsts: list[float] = []

    def ours() -> float:
        whole, first, count = _job_seconds(
            NameSearchJob(backend, str(root), NameQuery(NAME_PATTERN))
        )
        assert count == 20_000 or count > 0, count
        if first is not None:
            firsts.append(first)
        return whole

    samples = _interleaved(
        runs,
        {
            "GNU find -iname": lambda: _command_seconds(
                ["find", str(root), "-iname", f"*{NAME_PATTERN}*"]
            ),
            "NameSearchJob (in process)": ours,
            "spyglass find (whole command)": lambda: _command_seconds(
                [sys.executable, "-m", "spyglass", "find", str(root), NAME_PATTERN]
            ),
        },
    )
    _report("name search, 200,000 files in 20,000 folders", samples, "GNU find -iname")
    print(f"  first result after {_median(firsts)}")


def contents(root: Path, runs: int, size: int) -> None:
    backend = LocalBackend()
    subjects: dict[str, Callable[[], float]] = {
        "grep -rn": lambda: _command_seconds(["grep", "-rnE", r"def \w+_cache", str(root)]),
        "ContentSearchJob, Python re": lambda: _job_seconds(
            ContentSearchJob(backend, str(root), ContentQuery(CONTENT_PATTERN), use_rg=False)
        )[0],
    }
    rg = find_rg()
    if rg is not None:
        subjects["rg"] = lambda: _command_seconds(
            [rg, "-n", "--no-ignore", CONTENT_PATTERN, str(root)]
        )
        subjects["ContentSearchJob, rg"] = lambda: _job_seconds(
            ContentSearchJob(backend, str(root), ContentQuery(CONTENT_PATTERN), use_rg=True)
        )[0]
    samples = _interleaved(runs, subjects)
    _report(f"content search, {size / 1e6:.0f} MB of Python source", samples, "grep -rn")
    if rg is not None:
        ratio = statistics.median(samples["ContentSearchJob, rg"]) / statistics.median(
            samples["rg"]
        )
        print(f"  ContentSearchJob with rg / rg: {ratio:.2f}x")


def _rss() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def memory() -> None:
    print("\nmemory of 1,000,000 results held in a list")
    root = "/home/someone/projects/spyglass-bench/names"
    for kind in ("NameMatch", "LineMatch"):
        gc.collect()
        before = _rss()
        held: list[Any] = []
        for n in range(1_000_000):
            relative = f"d{n // 2000:03}/f{n // 10:05}/item{n % 10_000:04}.txt"
            if kind == "NameMatch":
                held.append(NameMatch(f"{root}/{relative}", relative, False))
            else:
                text = f"    def handle_cache_{n}(self, key: str) -> None:"
                held.append(
                    LineMatch(f"{root}/{relative}", relative, n % 5000 + 1, text, ((4, 20),))
                )
        gc.collect()
        print(f"  {kind:<10} {(_rss() - before) / 1e6:.0f} MB")
        del held


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--folders", type=int, default=20_000)
    parser.add_argument("--megabytes", type=int, default=50)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="spyglass-search-bench-"))
    try:
        build_names(work / "names", args.folders)
        names(work / "names", args.runs)
        size = build_sources(work / "sources", args.megabytes)
        contents(work / "sources", args.runs, size)
        memory()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
