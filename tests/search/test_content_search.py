"""Content search with Python's re, with rg, and over a walked backend: the same answers."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from fsspec.implementations.memory import MemoryFileSystem

from spyglass.fs.backend import Backend
from spyglass.fs.fsspec_backend import FsspecBackend
from spyglass.fs.local_backend import LocalBackend
from spyglass.jobs.cancellation import Cancellation
from spyglass.jobs.update import JobState
from spyglass.search.jobs import ContentSearchJob
from spyglass.search.query import ContentQuery
from spyglass.search.searchers import content_searcher_for
from tests.conftest import require_permissions_apply, run_unprivileged
from tests.search.support import Run, rg_or_skip, run_search, write

Searched = Callable[[ContentQuery], Run]
CAP = 4096


def _tree() -> dict[str, bytes | str]:
    return {
        "a.py": "def alpha():\n    return 'needle'\n",
        "notes/b.txt": "no match here\nneedle and NEEDLE and needle\n",
        "notes/deep/c.txt": "needle at depth three\n",
        "crlf.txt": b"first\r\nsecond needle\r\n",
        "blob.bin": b"\x00\x01needle\x00",
        "big.log": b"needle early\n" + b"x" * (CAP * 2) + b"\nneedle late\n",
        "escape.txt": "red \x1b[31mneedle\x1b[0m\x07 bell\n",
        "long.txt": "y" * 2_000 + "needle\n",
        "latin.txt": b"caf\xe9 needle\n",
        ".hidden/h.txt": "needle hidden\n",
        ".dot.txt": "needle dotfile\n",
    }


@pytest.fixture(params=["python", "rg", "walk"])
def search(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    memory_fs: MemoryFileSystem,
    monkeypatch: pytest.MonkeyPatch,
) -> Searched:
    """The same tree searched by Python's re, by rg (when installed) and over fsspec memory."""
    backend: Backend
    use_rg = request.param == "rg"
    if use_rg:
        monkeypatch.setenv(
            "PATH", f"{os.path.dirname(rg_or_skip())}{os.pathsep}{os.environ['PATH']}"
        )
    if request.param == "walk":
        memory_fs.pipe({f"/tree/{name}": _bytes(content) for name, content in _tree().items()})
        backend, root = FsspecBackend(memory_fs, "memory"), "/tree"
    else:
        write(tmp_path, _tree())
        backend, root = LocalBackend(), str(tmp_path)
    expected_how = {"python": "read each file", "rg": "rg", "walk": "read each file"}
    assert content_searcher_for(backend, use_rg=use_rg).how == expected_how[request.param]

    def searched(query: ContentQuery) -> Run:
        return run_search(ContentSearchJob(backend, root, query, use_rg=use_rg))

    return searched


def _bytes(content: bytes | str) -> bytes:
    return content.encode() if isinstance(content, str) else content


def _found(run: Run) -> list[tuple[str, int]]:
    return [(line.relative, line.line) for line in run.lines]


def test_finds_every_matching_line_with_its_number_and_spans(search: Searched) -> None:
    run = search(ContentQuery("needle", max_filesize=CAP))
    assert run.final.state is JobState.FINISHED, run.final.error
    assert _found(run) == [
        ("a.py", 2),
        ("big.log", 1),
        ("crlf.txt", 2),
        ("escape.txt", 1),
        ("latin.txt", 1),
        ("long.txt", 1),
        ("notes/b.txt", 2),
        ("notes/deep/c.txt", 1),
    ]
    by_name = {line.relative: line for line in run.lines}
    assert by_name["notes/b.txt"].text == "needle and NEEDLE and needle"
    assert by_name["notes/b.txt"].spans == ((0, 6), (22, 28))
    assert by_name["crlf.txt"].text == "second needle"  # the CRLF ending is not in the line
    assert by_name["a.py"].path.endswith("a.py")


def test_matched_lines_are_kept_raw_with_their_escape_sequences(search: Searched) -> None:
    run = search(ContentQuery("needle", max_filesize=CAP))
    [escape] = [line for line in run.lines if line.relative == "escape.txt"]
    assert escape.text == "red \x1b[31mneedle\x1b[0m\x07 bell"
    assert escape.spans == ((9, 15),)
    [latin] = [line for line in run.lines if line.relative == "latin.txt"]
    assert latin.text == "caf\udce9 needle"  # the byte that is not UTF-8 is kept, shown \xe9
    assert latin.spans == ((5, 11),)


def test_binary_files_are_skipped_and_counted(search: Searched) -> None:
    run = search(ContentQuery("needle", max_filesize=CAP))
    assert "blob.bin" not in {line.relative for line in run.lines}
    assert run.final.progress.skipped >= 1
    assert "1 binary file skipped" in run.final.progress.text


def test_a_file_over_the_cap_is_read_only_up_to_it_and_counted(search: Searched) -> None:
    run = search(ContentQuery("needle", max_filesize=CAP))
    assert [line.text for line in run.lines if line.relative == "big.log"] == ["needle early"]
    assert "1 file read only up to 4.0 KiB" in run.final.progress.text
    whole = search(ContentQuery("late", max_filesize=1024 * 1024))
    assert _found(whole) == [("big.log", 3)]


def test_a_long_line_is_cut_at_a_thousand_characters(search: Searched) -> None:
    run = search(ContentQuery("y+needle"))
    [line] = run.lines
    assert line.relative == "long.txt" and len(line.text) == 1_000
    assert line.spans == ((0, 1_000),)


def test_ignore_case_and_fixed_strings(search: Searched) -> None:
    assert len(search(ContentQuery("NEEDLE and", max_filesize=CAP)).lines) == 1
    run = search(ContentQuery("NEEDLE AND", ignore_case=True, max_filesize=CAP))
    assert [line.spans for line in run.lines] == [((0, 10), (11, 21))]
    assert search(ContentQuery("needle.", fixed=True, max_filesize=CAP)).lines == []
    assert len(search(ContentQuery("'needle'", fixed=True, max_filesize=CAP)).lines) == 1


def test_dot_files_and_depth(search: Searched) -> None:
    hidden = search(ContentQuery("needle", hidden=True, max_filesize=CAP))
    assert {".hidden/h.txt", ".dot.txt"} <= {line.relative for line in hidden.lines}
    shallow = search(ContentQuery("needle", max_depth=2, max_filesize=CAP))
    assert "notes/b.txt" in {line.relative for line in shallow.lines}
    assert "notes/deep/c.txt" not in {line.relative for line in shallow.lines}


def test_the_limit_stops_at_that_many_lines(search: Searched) -> None:
    run = search(ContentQuery("needle", limit=3, max_filesize=CAP))
    assert len(run.lines) == 3
    assert run.final.state is JobState.FINISHED
    assert "stopped at the limit of 3 matches" in run.final.progress.text


@pytest.fixture(params=["python", "rg"])
def use_rg(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Local disk, searched by Python's re or by rg (when installed)."""
    if request.param == "rg":
        rg_folder = os.path.dirname(rg_or_skip())
        monkeypatch.setenv("PATH", f"{rg_folder}{os.pathsep}{os.environ['PATH']}")
        return True
    return False


def test_cancel_stops_the_search(use_rg: bool, tmp_path: Path) -> None:
    # enough files that the search cannot be over by the first result
    write(tmp_path, {f"many{n // 100}/{n:04}.txt": "needle\n" * 100 for n in range(2_000)})

    def cancel_at_first(run: Run, cancellation: Cancellation) -> None:
        if run.results:
            cancellation.cancel()

    job = ContentSearchJob(LocalBackend(), str(tmp_path), ContentQuery("needle"), use_rg=use_rg)
    run = run_search(job, on_update=cancel_at_first)
    assert run.final.state is JobState.CANCELLED
    assert 1 <= len(run.lines) < 200_000


def test_a_missing_root_fails_with_a_sentence(use_rg: bool, tmp_path: Path) -> None:
    job = ContentSearchJob(LocalBackend(), str(tmp_path / "gone"), ContentQuery("x"), use_rg=use_rg)
    run = run_search(job)
    assert run.final.state is JobState.FAILED
    assert run.final.error is not None and "does not exist" in run.final.error


def test_a_pattern_rg_cannot_read_is_searched_with_python(use_rg: bool, tmp_path: Path) -> None:
    write(tmp_path, {"a.txt": "price: 10 euros\nprice: 10 dollars\n"})
    query = ContentQuery(r"(?<=price: )10(?= euros)")  # look-around: Rust's regex has none
    run = run_search(ContentSearchJob(LocalBackend(), str(tmp_path), query, use_rg=use_rg))
    assert run.final.state is JobState.FINISHED, run.final.error
    assert [(line.line, line.spans) for line in run.lines] == [(1, ((7, 9),))]
    assert run.final.progress.text.startswith("read each file")


def test_a_file_deleted_mid_search_is_a_problem_and_the_search_goes_on(tmp_path: Path) -> None:
    names = [f"{n}.txt" for n in range(5)]
    write(tmp_path, {name: "needle\n" for name in names})

    def delete_the_rest(run: Run, cancellation: Cancellation) -> None:
        if len(run.results) == 1:
            for name in names:
                if name != run.results[0].relative:
                    (tmp_path / name).unlink()

    job = ContentSearchJob(LocalBackend(), str(tmp_path), ContentQuery("needle"), use_rg=False)
    run = run_search(job, on_update=delete_the_rest)
    assert run.final.state is JobState.FINISHED
    assert len(run.lines) == 1
    assert len(run.problems) == 4
    assert all("does not exist" in problem.sentence for problem in run.problems)
    assert run.final.progress.skipped == 4


_UNPRIVILEGED = """
import json, sys
from spyglass.fs.local_backend import LocalBackend
from spyglass.jobs.runner import run_job
from spyglass.search.jobs import ContentSearchJob
from spyglass.search.query import ContentQuery
from spyglass.search.results import LineMatch, SearchProblem

drop_privileges()
found = []
query = ContentQuery("needle")
job = ContentSearchJob(LocalBackend(), sys.argv[1], query, use_rg=sys.argv[2] == "rg")
final = run_job(job, lambda update: found.extend(update.results))
print(json.dumps({
    "state": final.state.value,
    "error": final.error,
    "lines": sorted(r.relative for r in found if isinstance(r, LineMatch)),
    "problems": sorted([r.relative, r.sentence] for r in found if isinstance(r, SearchProblem)),
}))
"""


def test_unreadable_files_and_folders_are_problems(use_rg: bool, public_dir: Path) -> None:
    write(
        public_dir, {"open/a.txt": "needle\n", "locked/b.txt": "needle\n", "secret.txt": "needle\n"}
    )
    for path in public_dir.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    (public_dir / "locked").chmod(0o700)
    (public_dir / "secret.txt").chmod(0o600)
    require_permissions_apply(public_dir / "locked")
    home = public_dir / "home"
    home.mkdir(mode=0o755)
    done = run_unprivileged(_UNPRIVILEGED, str(public_dir), "rg" if use_rg else "python", home=home)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["state"] == "finished", result["error"]
    assert result["lines"] == ["open/a.txt"]
    assert [relative for relative, _ in result["problems"]] == ["locked", "secret.txt"]
    assert all("permission denied" in sentence for _, sentence in result["problems"])
