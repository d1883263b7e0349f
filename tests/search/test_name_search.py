"""Name search on local disk and over a walked backend: kinds, dot-files, depth, limit, failures."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from fsspec.implementations.memory import MemoryFileSystem

from spyglass.fs.backend import Backend
from spyglass.fs.fsspec_backend import FsspecBackend
from spyglass.fs.local_backend import LocalBackend
from spyglass.jobs.cancellation import Cancellation
from spyglass.jobs.update import JobState
from spyglass.search.jobs import NameSearchJob
from spyglass.search.query import NameQuery
from spyglass.search.searchers import name_searcher_for
from tests.conftest import require_permissions_apply, run_unprivileged
from tests.search.support import Run, run_search, write

TREE: dict[str, bytes | str] = {
    "README.md": "top\n",
    "src/main.py": "print()\n",
    "src/util/strings.py": "x = 1\n",
    "src/util/readme.txt": "inner\n",
    "docs/guide.md": "# guide\n",
    ".git/config": "[core]\n",
    "src/.cache/readme.cache": "cached\n",
}

Searched = Callable[[NameQuery], Run]


@pytest.fixture(params=["local", "memory"])
def search(request: pytest.FixtureRequest, tmp_path: Path, memory_fs: MemoryFileSystem) -> Searched:
    """A name search over TREE, on local disk or walked over fsspec's memory filesystem."""
    backend: Backend
    if request.param == "local":
        write(tmp_path, TREE)
        backend, root = LocalBackend(), str(tmp_path)
    else:
        memory_fs.pipe({f"/tree/{name}": str(content).encode() for name, content in TREE.items()})
        backend, root = FsspecBackend(memory_fs, "memory"), "/tree"

    def searched(query: NameQuery) -> Run:
        return run_search(NameSearchJob(backend, root, query))

    return searched


def test_a_substring_finds_files_and_folders_at_any_depth(search: Searched) -> None:
    assert search(NameQuery("readme")).names == ["README.md", "src/util/readme.txt"]
    assert search(NameQuery("UTIL")).names == ["src/util/"]


def test_a_glob_matches_whole_names(search: Searched) -> None:
    assert search(NameQuery("*.py")).names == ["src/main.py", "src/util/strings.py"]


def test_a_regex_matches(search: Searched) -> None:
    assert search(NameQuery(r"^(main|guide)\.", regex=True)).names == [
        "docs/guide.md",
        "src/main.py",
    ]


def test_kind_keeps_only_files_or_only_folders(search: Searched) -> None:
    assert search(NameQuery("s", kind="folder")).names == ["docs/", "src/"]
    assert search(NameQuery("s", kind="file")).names == ["src/util/strings.py"]


def test_dot_files_and_what_is_under_dot_folders_only_when_asked(search: Searched) -> None:
    assert search(NameQuery("c")).names == ["docs/", "src/"]
    assert search(NameQuery("c", hidden=True)).names == [
        ".git/config",
        "docs/",
        "src/",
        "src/.cache/",
        "src/.cache/readme.cache",
    ]


def test_depth_one_is_the_folder_own_entries(search: Searched) -> None:
    assert search(NameQuery("*", max_depth=1)).names == ["README.md", "docs/", "src/"]
    assert "src/util/" in search(NameQuery("*", max_depth=2)).names
    assert "src/util/strings.py" not in search(NameQuery("*", max_depth=2)).names


def test_the_limit_stops_the_search_and_says_so(search: Searched) -> None:
    run = search(NameQuery("*", limit=2))
    assert len(run.names) == 2
    assert run.final.state is JobState.FINISHED
    assert run.final.progress.matched == 2
    assert "stopped at the limit of 2 matches" in run.final.progress.text


def test_progress_counts_what_was_visited(search: Searched) -> None:
    run = search(NameQuery("main"))
    assert run.final.progress.matched == 1
    assert run.final.progress.visited == 8  # 5 files and 3 folders outside dot-folders
    assert run.final.progress.text.startswith(name_searcher_for(LocalBackend()).how) or (
        run.final.progress.text.startswith("walked the folders")
    )


def test_results_carry_the_backend_path(tmp_path: Path) -> None:
    write(tmp_path, TREE)
    run = run_search(NameSearchJob(LocalBackend(), str(tmp_path), NameQuery("strings")))
    [match] = run.results
    assert match.path == str(tmp_path / "src" / "util" / "strings.py")
    assert match.relative == "src/util/strings.py" and not match.is_folder


def test_a_link_loop_is_one_match_and_no_hang(tmp_path: Path) -> None:
    write(tmp_path, {"real/file.txt": "x"})
    (tmp_path / "real" / "loop").symlink_to(tmp_path / "real")
    (tmp_path / "self").symlink_to("self")
    run = run_search(NameSearchJob(LocalBackend(), str(tmp_path), NameQuery("*")))
    # the link to a folder is a folder, but it is not walked into
    assert run.names == ["real/", "real/file.txt", "real/loop/", "self"]
    assert not run.problems


def test_names_are_kept_raw_for_the_screen_to_escape(tmp_path: Path) -> None:
    name = "evil\x1b[31mred\x07.txt"
    (tmp_path / name).write_text("x")
    run = run_search(NameSearchJob(LocalBackend(), str(tmp_path), NameQuery("red")))
    assert [match.relative for match in run.results] == [name]


def test_a_folder_deleted_mid_search_is_a_problem_and_the_search_goes_on(tmp_path: Path) -> None:
    write(tmp_path, {"one/match.txt": "x", "two/match.txt": "x"})

    def delete_the_rest(run: Run, cancellation: Cancellation) -> None:
        if len(run.results) == 1:  # the first match: the other folder goes away now
            first = run.results[0].relative.split("/")[0]
            shutil.rmtree(tmp_path / ("two" if first == "one" else "one"))

    run = run_search(
        NameSearchJob(LocalBackend(), str(tmp_path), NameQuery("match")),
        on_update=delete_the_rest,
    )
    assert run.final.state is JobState.FINISHED
    assert len(run.names) == 1
    [problem] = run.problems
    assert "does not exist" in problem.sentence and problem.relative in ("one", "two")
    assert run.final.progress.skipped == 1


def test_a_missing_root_fails_with_a_sentence(tmp_path: Path) -> None:
    run = run_search(NameSearchJob(LocalBackend(), str(tmp_path / "gone"), NameQuery("x")))
    assert run.final.state is JobState.FAILED
    assert run.final.error is not None and "does not exist" in run.final.error


def test_cancel_stops_the_walk_mid_way(tmp_path: Path) -> None:
    for folder in range(50):
        write(tmp_path, {f"f{folder:02}/match{n}.txt": "" for n in range(20)})

    def cancel_at_first(run: Run, cancellation: Cancellation) -> None:
        if run.results:
            cancellation.cancel()

    run = run_search(
        NameSearchJob(LocalBackend(), str(tmp_path), NameQuery("match")),
        on_update=cancel_at_first,
    )
    assert run.final.state is JobState.CANCELLED
    assert 1 <= len(run.names) < 1_000


_UNPRIVILEGED = """
import json, sys
from spyglass.fs.local_backend import LocalBackend
from spyglass.jobs.runner import run_job
from spyglass.search.jobs import NameSearchJob
from spyglass.search.query import NameQuery
from spyglass.search.results import NameMatch, SearchProblem

drop_privileges()
found = []
final = run_job(NameSearchJob(LocalBackend(), sys.argv[1], NameQuery("txt")),
                lambda update: found.extend(update.results))
print(json.dumps({
    "state": final.state.value,
    "names": sorted(r.relative for r in found if isinstance(r, NameMatch)),
    "problems": [[r.relative, r.sentence] for r in found if isinstance(r, SearchProblem)],
}))
"""


def test_a_folder_without_permission_is_a_problem_and_the_rest_is_searched(
    public_dir: Path,
) -> None:
    write(public_dir, {"open/a.txt": "x", "locked/secret.txt": "x", "z.txt": "x"})
    for path in public_dir.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    (public_dir / "locked").chmod(0o700)
    require_permissions_apply(public_dir / "locked")
    home = public_dir / "home"
    home.mkdir(mode=0o755)
    done = run_unprivileged(_UNPRIVILEGED, str(public_dir), home=home)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["state"] == "finished"
    assert result["names"] == ["open/a.txt", "z.txt"]
    [[relative, sentence]] = result["problems"]
    assert relative == "locked"
    assert "permission denied" in sentence and os.fspath(public_dir) in sentence
