"""A tree with hard links, links, a sparse file and an empty folder; GNU du to check against."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from spyglass.fs.backend import Backend
from spyglass.jobs.cancellation import Cancellation
from spyglass.jobs.runner import run_job
from spyglass.jobs.update import JobUpdate
from spyglass.sizes.job import SizesJob
from spyglass.sizes.options import SizeOptions
from spyglass.sizes.tree import SizeTree


def make_tree(root: Path) -> None:
    """Sizes chosen so blocks and bytes differ: a sparse file, odd sizes, links."""
    (root / "big" / "sub").mkdir(parents=True)
    (root / "big" / "data.bin").write_bytes(b"d" * 100_001)
    os.link(root / "big" / "data.bin", root / "big" / "same.bin")  # one file, two names
    (root / "big" / "sub" / "small.txt").write_bytes(b"s" * 3_000)
    (root / "links").mkdir()
    (root / "links" / "to-big").symlink_to("../big")  # never followed
    (root / "links" / "to-data").symlink_to("../big/data.bin")
    (root / "links" / "also-data.bin").hardlink_to(root / "big" / "data.bin")
    with open(root / "sparse.img", "wb") as sparse:
        sparse.truncate(5_000_000)  # 5 MB apparent, next to nothing on disk
    (root / "empty").mkdir()
    (root / "new\nline \x1b[31m").mkdir()
    (root / "new\nline \x1b[31m" / "a.txt").write_bytes(b"a" * 10)


def du(*args: str) -> dict[str, int]:
    """GNU du's numbers: path -> bytes."""
    if shutil.which("du") is None:
        pytest.skip("GNU du is not installed")
    done = subprocess.run(["du", "-0", "-x", *args], capture_output=True, check=False)
    sizes: dict[str, int] = {}
    for record in done.stdout.split(b"\0"):
        if record:
            size, _, path = record.partition(b"\t")
            sizes[os.fsdecode(path)] = int(size)
    return sizes


def count(
    backend: Backend,
    root: str,
    options: SizeOptions | None = None,
    cancellation: Cancellation | None = None,
    seen: list[JobUpdate[SizeTree]] | None = None,
) -> tuple[SizesJob, JobUpdate[SizeTree]]:
    job = SizesJob(backend, root, options or SizeOptions())
    updates = seen if seen is not None else []
    final = run_job(job, updates.append, cancellation=cancellation)
    return job, final
