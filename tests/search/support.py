"""Running a search job to its end, and the rg the tests can use."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from spyglass.jobs.cancellation import Cancellation
from spyglass.jobs.job import Job
from spyglass.jobs.runner import run_job
from spyglass.jobs.update import JobState, JobUpdate
from spyglass.search.results import LineMatch, NameMatch, SearchProblem

# The test environment installs rg (14, which also names the binary files it skips)
# next to the interpreter; an rg on PATH does too.
RG = shutil.which("rg", path=str(Path(sys.executable).parent)) or shutil.which("rg")


def rg_or_skip() -> str:
    if RG is None:
        pytest.skip("rg is not installed")
    return RG


@dataclass
class Run:
    """What a search delivered: every result in order, and its final update."""

    results: list[Any] = field(default_factory=list)
    updates: list[JobUpdate[Any]] = field(default_factory=list)

    @property
    def final(self) -> JobUpdate[Any]:
        return self.updates[-1]

    @property
    def names(self) -> list[str]:
        return sorted(
            r.relative + ("/" if r.is_folder else "")
            for r in self.results
            if isinstance(r, NameMatch)
        )

    @property
    def lines(self) -> list[LineMatch]:
        found = [r for r in self.results if isinstance(r, LineMatch)]
        return sorted(found, key=lambda r: (r.relative, r.line))

    @property
    def problems(self) -> list[SearchProblem]:
        return [r for r in self.results if isinstance(r, SearchProblem)]


def run_search(
    job: Job[Any],
    *,
    on_update: Callable[[Run, Cancellation], None] | None = None,
    interval: float = 0.25,
) -> Run:
    """Run the job here; `on_update` sees each update as it comes (to cancel, delete, ...)."""
    run = Run()
    cancellation = Cancellation()

    def sink(update: JobUpdate[Any]) -> None:
        run.updates.append(update)
        run.results.extend(update.results)
        if on_update is not None:
            on_update(run, cancellation)

    run_job(job, sink, cancellation=cancellation, interval=interval)
    assert run.final.state is not JobState.RUNNING
    return run


def write(root: Path, files: dict[str, bytes | str]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content)
        else:
            path.write_bytes(content)
