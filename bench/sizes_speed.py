"""Folder sizes against GNU du -s, and over a bucket against one bare recursive listing.

    python -m bench.sizes_speed [--runs 5] [--folders 20000] [--keys 20000] [--only local|s3]

Local: 200,000 files (one byte each) in 20,000 folders, built once under
bench/.cache; `SizesJob` to its final update against `du -s` in the same
run (also with the walk kept in one process, without forked children), and
the time to the first update with rows (the children on screen).
S3: moto in this process with 20,000 keys, the counting proxy in front;
`SizesJob` against `list_recursive` alone, with requests and bytes counted.
Prints medians with min and max; the machine may be busy: see the load.
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import time
from pathlib import Path
from typing import Any

from bench.counting_proxy import CountingProxy, Traffic
from bench.moto_server import free_port
from bench.search_speed import _command_seconds, _interleaved, _median, _report
from spyglass.fs.backend import Backend
from spyglass.fs.local_backend import LocalBackend
from spyglass.jobs.runner import run_job
from spyglass.location import open_backend, resolve
from spyglass.sizes.job import SizesJob

CACHE = Path(__file__).parent / ".cache"
BUCKET = "sizes-bench"
PREFIX = "data"


def build_tree(folders: int, per_folder: int = 10) -> Path:
    """The fixture, built once: a marker file says it is complete."""
    root = CACHE / f"sizes-{folders}x{per_folder}"
    marker = root / ".complete"
    if marker.exists():
        return root
    started = time.perf_counter()
    for folder in range(folders):
        path = root / f"d{folder // 200:03}" / f"f{folder:05}"
        path.mkdir(parents=True, exist_ok=True)
        for item in range(per_folder):
            with open(path / f"item{item:02}.txt", "wb") as out:
                out.write(b"x")
    marker.touch()
    print(f"built {folders * per_folder:,} files in {time.perf_counter() - started:.1f} s")
    return root


def _job(backend: Backend, root: str, firsts: list[float], children: bool = True) -> float:
    job = SizesJob(backend, root, children=children)
    started = time.perf_counter()

    first: list[float] = []

    def note(update: Any) -> None:
        if update.results and not first and job.tree.rows(job.tree.root):
            first.append(time.perf_counter() - started)

    final = run_job(job, note)
    seconds = time.perf_counter() - started
    assert final.state.value == "finished", final.error
    if first:
        firsts.append(first[0])
    return seconds


def local(runs: int, folders: int) -> None:
    root = build_tree(folders)
    backend = LocalBackend()
    firsts: list[float] = []
    samples = _interleaved(
        runs,
        {
            "GNU du -s": lambda: _command_seconds(["du", "-s", str(root)]),
            "SizesJob": lambda: _job(backend, str(root), firsts),
            "SizesJob, one process": lambda: _job(backend, str(root), [], children=False),
        },
    )
    _report(f"sizes of {folders * 10:,} files in {folders:,} folders", samples, "GNU du -s")
    print(f"  first children (first update with rows): {_median(firsts)}")


def _serve(keys: int) -> int:
    from moto.core.models import DEFAULT_ACCOUNT_ID
    from moto.s3.models import s3_backends
    from moto.server import ThreadedMotoServer

    store = s3_backends[DEFAULT_ACCOUNT_ID]["aws"]
    store.create_bucket(BUCKET, "us-east-1")
    for index in range(keys):
        store.put_object(BUCKET, f"{PREFIX}/day{index // 100:03d}/item{index:05d}.log", b"x" * 10)
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    port = free_port()
    ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False).start()
    return port


def bucket(runs: int, keys: int) -> None:
    proxy = CountingProxy(_serve(keys)).start()
    traffic: dict[str, list[Traffic]] = {"listing": [], "sizes": []}

    def counted(name: str, work: Any) -> float:
        options: dict[str, Any] = {
            "endpoint_url": proxy.endpoint,
            "key": "testing",
            "secret": "testing",
        }
        backend, root = open_backend(resolve(f"s3://{BUCKET}/{PREFIX}/", options=options))
        before = proxy.traffic()
        started = time.perf_counter()
        work(backend, root)
        seconds = time.perf_counter() - started
        traffic[name].append(proxy.traffic() - before)
        return seconds

    def listing(backend: Backend, root: str) -> None:
        assert sum(len(batch) for batch in backend.list_recursive(root)) == keys

    def sizes(backend: Backend, root: str) -> None:
        job = SizesJob(backend, root)
        run_job(job, lambda update: None)
        assert job.tree.totals()[:2] == (keys * 10, keys), job.tree.totals()

    samples = _interleaved(
        runs,
        {
            "one bare recursive listing": lambda: counted("listing", listing),
            "SizesJob": lambda: counted("sizes", sizes),
        },
    )
    _report(f"sizes over {keys:,} keys (moto)", samples, "one bare recursive listing")
    for name, seen in traffic.items():
        down = statistics.median(item.downstream for item in seen)
        requests = statistics.median(item.requests for item in seen)
        print(f"  {name}: {down / 1e6:.2f} MB from the server in {requests:.0f} requests")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--folders", type=int, default=20_000)
    parser.add_argument("--keys", type=int, default=20_000)
    parser.add_argument("--only", choices=["local", "s3"])
    args = parser.parse_args()
    print(f"load average: {' '.join(f'{value:.2f}' for value in os.getloadavg())}")
    if args.only != "s3":
        local(args.runs, args.folders)
    if args.only != "local":
        bucket(args.runs, args.keys)
    print(f"load average: {' '.join(f'{value:.2f}' for value in os.getloadavg())}")


if __name__ == "__main__":
    main()
