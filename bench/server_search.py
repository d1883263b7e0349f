"""Name search on the loopback OpenSSH server: find on the server vs `ssh HOST find` vs a walk.

`python -m bench.server_search [FILES]` (root, with sshd installed). Medians
of a few runs, interleaved so that load on the machine hits each alike.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from spyglass.fs.backend import Backend
from spyglass.jobs.context import JobContext
from spyglass.jobs.runner import run_job
from spyglass.location import open_backend, resolve
from spyglass.search.query import NameQuery
from spyglass.search.results import NameMatch, SearchProblem
from spyglass.search.server_side import ServerNameSearcher
from tests.remote.servers import OpenSshServer

RUNS = 5
PER_FOLDER = 100


@dataclass
class _Job:
    searcher: ServerNameSearcher
    root: str
    query: NameQuery
    action: str = "search"

    def run(self, context: JobContext[NameMatch | SearchProblem]) -> None:
        self.searcher.search_names(self.root, self.query, context)


def make_tree(root: Path, files: int) -> None:
    for index in range(files):
        folder = root / f"folder{index // PER_FOLDER:04d}"
        if index % PER_FOLDER == 0:
            folder.mkdir(parents=True)
        (folder / f"file{index:06d}.txt").write_bytes(b"x")


def server_find(backend: Backend, root: str, query: NameQuery) -> int:
    matched: list[int] = []
    job = _Job(ServerNameSearcher(backend), root, query)
    run_job(job, lambda update: matched.append(len(update.results)))
    return sum(matched)


def ssh_find(server: OpenSshServer, known_hosts: Path, root: str, glob: str) -> int:
    done = subprocess.run(
        [
            "ssh",
            "-p",
            str(server.port),
            "-i",
            str(server.client_key),
            "-o",
            f"UserKnownHostsFile={known_hosts}",
            "-o",
            "BatchMode=yes",
            "root@127.0.0.1",
            f"find {root} -mindepth 1 -iname '{glob}' -print0",
        ],
        capture_output=True,
        check=True,
    )
    return done.stdout.count(b"\0")


def sftp_walk(backend: Backend, root: str, query: NameQuery) -> int:
    matched = 0
    folders = [root]
    while folders:
        folder = folders.pop()
        backend.invalidate(folder)
        for batch in backend.list_batches(folder):
            for entry in batch:
                if entry.is_folder:
                    folders.append(entry.path)
                if query.matches(entry.name):
                    matched += 1
    return matched


def timed(work: Callable[[], int]) -> tuple[float, int]:
    began = time.perf_counter()
    result = work()
    return time.perf_counter() - began, result


def compare(
    backend: Backend,
    server: OpenSshServer,
    known_hosts: Path,
    root: str,
    label: str,
    query: NameQuery,
    glob: str,
    files: int,
) -> None:
    cold, count = timed(lambda: server_find(backend, root, query))
    works: dict[str, Callable[[], int]] = {
        "server": lambda: server_find(backend, root, query),
        "ssh": lambda: ssh_find(server, known_hosts, root, glob),
        "walk": lambda: sftp_walk(backend, root, query),
    }
    times: dict[str, list[float]] = {name: [] for name in works}
    counts: dict[str, int] = {}
    for run in range(RUNS):
        for name, work in works.items():
            if name == "walk" and run >= 3:
                continue  # the slow one: three runs
            seconds, counts[name] = timed(work)
            times[name].append(seconds)
    medians = {name: statistics.median(values) for name, values in times.items()}
    print(
        f"{files:,} files, {label} ({count:,} matches; counts {counts}): "
        f"find on the server {medians['server']:.3f} s (first search {cold:.3f} s), "
        f"ssh HOST find {medians['ssh']:.3f} s, SFTP walk {medians['walk']:.3f} s; "
        f"ratio to ssh find {medians['server'] / medians['ssh']:.2f}x"
    )


def main() -> None:
    files = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    base = Path(tempfile.mkdtemp(prefix="spyglass-bench-"))
    make_tree(base / "tree", files)
    server = OpenSshServer(base)
    server.start()
    try:
        known_hosts = server.workdir / "known_hosts"
        known_hosts.write_text(server.known_hosts_line())
        options = {**server.options(), "known_hosts": str(known_hosts)}
        port = options.pop("port")
        root = str(base / "tree")
        backend, _ = open_backend(resolve(f"sftp://root@127.0.0.1:{port}{root}", options))
        backend.stat(root)  # connected before any timing
        for label, pattern, glob in (("rare", "12345", "*12345*"), ("all", "", "**")):
            compare(backend, server, known_hosts, root, label, NameQuery(pattern), glob, files)
    finally:
        server.cleanup()
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
