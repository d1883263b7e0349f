"""Folder sizes on local disk, checked against GNU du run on the same tree."""

from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

from spyglass.fs.local_backend import LocalBackend
from spyglass.jobs.cancellation import Cancellation
from spyglass.jobs.context import JobContext
from spyglass.jobs.runner import run_job
from spyglass.jobs.update import JobState, JobUpdate
from spyglass.sizes.job import SizesJob
from spyglass.sizes.local_children import cores, share_out
from spyglass.sizes.local_read import LocalWalk
from spyglass.sizes.local_scan import scan_local
from spyglass.sizes.options import SizeOptions
from spyglass.sizes.tree import SizeTree
from tests.conftest import require_permissions_apply, run_unprivileged
from tests.sizes.support import count, du, make_tree


def children(tree: SizeTree) -> dict[str, int]:
    return {row.name: row.bytes for row in tree.rows(tree.root) if row.folder is not None}


def same_as_du(tree: SizeTree, root: Path, expected: dict[str, int]) -> None:
    """Per folder; big/ and links/ share a file by hard link, counted in whichever comes first."""
    assert tree.totals()[0] == expected[str(root)]
    sizes = children(tree)
    shared = ("big", "links")
    assert sum(sizes.pop(name) for name in shared) == sum(
        expected[str(root / name)] for name in shared
    )
    for name, size in sizes.items():
        assert size == expected[str(root / name)], name


def test_disk_usage_matches_gnu_du_per_folder_and_in_total(tmp_path: Path) -> None:
    make_tree(tmp_path)
    job, final = count(LocalBackend(), str(tmp_path))
    assert final.state is JobState.FINISHED, final.error
    expected = du("-B1", "--max-depth=1", str(tmp_path))
    tree = job.tree
    same_as_du(tree, tmp_path, expected)
    assert tree.measure == "disk usage"
    assert not tree.errors


def test_apparent_size_matches_gnu_du_bytes(tmp_path: Path) -> None:
    make_tree(tmp_path)
    job, _ = count(LocalBackend(), str(tmp_path), SizeOptions(apparent=True))
    expected = du("-b", "--max-depth=2", str(tmp_path))
    tree = job.tree
    same_as_du(tree, tmp_path, expected)
    assert tree.measure == "apparent size"
    sub = tree.size_of(str(tmp_path / "big" / "sub"))
    assert sub == (expected[str(tmp_path / "big" / "sub")], 1)


def test_hard_links_count_once_and_links_are_not_followed(tmp_path: Path) -> None:
    make_tree(tmp_path)
    job, _ = count(LocalBackend(), str(tmp_path), SizeOptions(apparent=True))
    tree = job.tree
    # data.bin with its two other names is one file; the links are two small files
    big, links = tree.size_of(str(tmp_path / "big")), tree.size_of(str(tmp_path / "links"))
    assert big is not None and links is not None
    # data.bin has three names: one file, in big/ or in links/, whichever is read first
    assert big[1] + links[1] == 4  # small.txt, the data, two symbolic links
    total_bytes, total_files, folders = tree.totals()
    assert total_files == 6  # data, small, 2 links, sparse, a.txt
    assert folders == 6  # the root, big, big/sub, links, empty, the hostile name
    assert total_bytes == 4096 * 6 + 100_001 + 3_000 + 5_000_000 + 10 + len("../big") + len(
        "../big/data.bin"
    )


def test_size_of_answers_only_for_counted_folders(tmp_path: Path) -> None:
    make_tree(tmp_path)
    job, _ = count(LocalBackend(), str(tmp_path))
    tree = job.tree
    assert tree.size_of(str(tmp_path / "big" / "sub")) is not None
    assert tree.size_of(str(tmp_path / "missing")) is None
    assert tree.size_of(str(tmp_path.parent)) is None
    assert tree.size_of(str(tmp_path / "links" / "to-big")) is None  # a link, not walked


def test_first_rows_come_before_the_count_ends_and_cancel_stops_it(tmp_path: Path) -> None:
    for folder in range(300):
        path = tmp_path / f"d{folder:03}"
        path.mkdir()
        for number in range(3):
            (path / f"f{number}").touch()
    cancellation = Cancellation()
    seen: list[JobUpdate[SizeTree]] = []
    first_rows = threading.Event()

    class Watching(list[JobUpdate[SizeTree]]):
        def append(self, update: JobUpdate[SizeTree]) -> None:
            super().append(update)
            if update.results and not first_rows.is_set():
                first_rows.set()
                assert len(update.results[-1].rows(update.results[-1].root)) == 300
                cancellation.cancel()  # Esc as soon as the first rows are on screen

    watching = Watching()
    job, final = count(LocalBackend(), str(tmp_path), cancellation=cancellation, seen=watching)
    seen.extend(watching)
    assert first_rows.is_set()
    assert final.state is JobState.CANCELLED
    assert not job.tree.finished
    assert job.tree.totals()[1] < 300 * 3  # it stopped before it had counted every file
    assert job.tree.size_of(str(tmp_path)) is None


_AS_NOBODY = """
import json, subprocess, sys
from spyglass.fs.local_backend import LocalBackend
from spyglass.jobs.runner import run_job
from spyglass.sizes.job import SizesJob
from spyglass.sizes.du_command import lines

drop_privileges()
job = SizesJob(LocalBackend(), sys.argv[1])
final = run_job(job, lambda update: None)
du = subprocess.run(["du", "-0", "-x", "-B1", "-s", sys.argv[1]], capture_output=True)
unreadable = [row.name for row in job.tree.rows(job.tree.root) if row.unreadable]
print(json.dumps({
    "state": final.state.value,
    "total": job.tree.totals()[0],
    "errors": [error.sentence for error in job.tree.errors],
    "unreadable": unreadable,
    "du": int(du.stdout.split(b"\\t")[0]),
    "du_status": du.returncode,
    "last_line": lines(job.tree, 1, False)[-1],
}))
"""


def test_an_unreadable_folder_is_an_error_and_the_total_a_lower_bound(public_dir: Path) -> None:
    root = public_dir / "tree"
    root.mkdir()
    make_tree(root)
    locked = root / "locked"
    (locked / "inner").mkdir(parents=True)
    (locked / "inner" / "secret.bin").write_bytes(b"x" * 50_000)
    locked.chmod(0o000)
    require_permissions_apply(locked)
    home = public_dir / "home"
    home.mkdir(mode=0o755)
    done = run_unprivileged(_AS_NOBODY, str(root), home=home)
    assert done.returncode == 0, done.stderr
    said = json.loads(done.stdout)
    assert said["state"] == "finished"
    assert said["du_status"] == 1  # du could not read it either
    assert said["total"] == said["du"]  # the locked folder's own entry, not what is inside
    assert said["unreadable"] == ["locked"]
    [error] = said["errors"]
    assert "locked" in error and "ermission denied" in error
    assert said["last_line"].startswith("at least ")
    assert os.stat(locked).st_mode & 0o777 == 0


@dataclass
class HandedOff:
    """SizesJob's local scan, shared out to child processes after the first folder."""

    job: SizesJob
    action: str = "count"

    def run(self, context: JobContext[SizeTree]) -> None:
        scan_local(self.job.tree, self.job.options, context, handoff=1)
        self.job.tree.finished = True
        self.job.tree.finish_all()


def test_children_count_the_same_as_gnu_du(tmp_path: Path) -> None:
    make_tree(tmp_path)
    for name in ("more", "other"):  # hard links from two children's parts: counted once
        (tmp_path / name).mkdir()
        (tmp_path / name / "shared.bin").hardlink_to(tmp_path / "big" / "data.bin")
    if cores() < 2:
        pytest.skip("one core: the walk stays in one process")
    job = SizesJob(LocalBackend(), str(tmp_path))
    final = run_job(HandedOff(job), lambda update: None)
    assert final.state is JobState.FINISHED, final.error
    assert job.tree.how.endswith("processes")
    expected = du("-B1", "-s", str(tmp_path))
    assert job.tree.totals() == (expected[str(tmp_path)], 6, 8)
    assert job.tree.size_of(str(tmp_path / "big" / "sub")) is not None


def test_cancel_kills_the_children(tmp_path: Path) -> None:
    for folder in range(50):
        (tmp_path / f"d{folder:02}").mkdir()
    if cores() < 2:
        pytest.skip("one core: the walk stays in one process")
    cancellation = Cancellation()
    tree = SizesJob(LocalBackend(), str(tmp_path)).tree
    forked: list[bool] = []

    @dataclass
    class CancelledOnceForked:
        action: str = "count"

        def run(self, context: JobContext[SizeTree]) -> None:
            walk = LocalWalk(tree, SizeOptions(), None)
            stack = [(str(tmp_path / name), tree.root) for name in ("d00", "d01", "d02")]
            cancellation.cancel()  # Esc just as the children start
            forked.append(share_out(walk, stack, context))

    final = run_job(CancelledOnceForked(), lambda update: None, cancellation=cancellation)
    assert final.state is JobState.CANCELLED
    assert not forked  # share_out did not return: the cancel went through it
    assert tree.how.endswith("processes")  # the children had started
    with pytest.raises(ChildProcessError):  # and were killed and reaped
        os.waitpid(-1, os.WNOHANG)
