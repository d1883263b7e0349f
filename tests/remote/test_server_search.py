"""Search on the server over SSH against the real loopback OpenSSH server.

Names and contents come back from find, rg and grep on the host; hostile
patterns and names stay text; a folder the user cannot read is a problem the
search goes past; an SFTP-only account is refused quickly; a cancelled search
leaves no program running on the host.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

import pytest

from spyglass.errors import SpyglassError
from spyglass.fs.backend import Backend, ExecRefused
from spyglass.fs.sftp_backend import SftpBackend
from spyglass.fs.ssh_exec import ChannelRefused
from spyglass.jobs.cancellation import Cancellation
from spyglass.jobs.context import JobContext
from spyglass.jobs.runner import run_job
from spyglass.jobs.update import JobState, JobUpdate
from spyglass.location import open_backend, resolve
from spyglass.search.query import ContentQuery, NameQuery
from spyglass.search.results import LineMatch, NameMatch, SearchProblem
from spyglass.search.server_commands import ServerTools
from spyglass.search.server_side import ServerContentSearcher, ServerNameSearcher
from tests.remote.servers import OpenSshServer, ServerUnavailable

R = TypeVar("R")
MARK = f"pwned-{uuid.uuid4().hex[:8]}"  # a file any injected command would create
HOSTILE = [f"'; touch {MARK}; '", f"$(touch {MARK})", f"`touch {MARK}`", "-e", "--", ";", "{}"]
HOSTILE_NAMES = [*HOSTILE, "-delete", "a\\b"]
GNU = ServerTools(rg=False, find_printf=True)
POSIX = ServerTools(rg=False, find_printf=False)
USER = "spyglass-search"  # a user without root's power, for folders it cannot read


@dataclass
class SearchJob(Generic[R]):
    work: Callable[[JobContext[R]], None]
    action: str = "search the server"

    def run(self, context: JobContext[R]) -> None:
        self.work(context)


@dataclass
class Outcome(Generic[R]):
    results: list[R] = field(default_factory=list)
    final: JobUpdate[R] | None = None

    @property
    def state(self) -> JobState | None:
        return self.final.state if self.final else None


def run(work: Callable[[JobContext[R]], None], **kwargs: object) -> Outcome[R]:
    outcome: Outcome[R] = Outcome()
    outcome.final = run_job(
        SearchJob(work),
        lambda update: outcome.results.extend(update.results),
        **kwargs,  # type: ignore[arg-type]
    )
    return outcome


def names(
    backend: Backend, root: str, query: NameQuery, tools: ServerTools | None = None
) -> Outcome[NameMatch | SearchProblem]:
    searcher = ServerNameSearcher(backend, tools=tools)
    return run(lambda context: searcher.search_names(root, query, context))


def lines(
    backend: Backend, root: str, query: ContentQuery, tools: ServerTools | None = None
) -> Outcome[LineMatch | SearchProblem]:
    searcher = ServerContentSearcher(backend, tools=tools)
    return run(lambda context: searcher.search_content(root, query, context))


def found(outcome: Outcome[NameMatch | SearchProblem]) -> dict[str, bool]:
    assert outcome.state is JobState.FINISHED, outcome.final
    return {r.relative: r.is_folder for r in outcome.results if isinstance(r, NameMatch)}


def hits(outcome: Outcome[LineMatch | SearchProblem]) -> set[tuple[str, int, str]]:
    assert outcome.state is JobState.FINISHED, outcome.final
    return {(r.relative, r.line, r.text) for r in outcome.results if isinstance(r, LineMatch)}


def problems(outcome: Outcome[R]) -> list[SearchProblem]:
    return [r for r in outcome.results if isinstance(r, SearchProblem)]


def make_tree(root: Path) -> None:
    files = {
        "Report.TXT": b"quarterly numbers\nHello World\n",
        "notes/todo.md": b"first\nsay hello to the team\nlast\n",
        "notes/deep/deeper/bottom.txt": b"hello from below\n",
        ".secret/hidden.txt": b"hello hidden\n",
        ".dotfile": b"hello dot\n",
        "with space.txt": b"spaced out\n",
        "new\nline.txt": b"a name with a newline\n",
        "esc\x1b[31mred.txt": b"\x1b[2Jhello with escapes\x1b[0m\n",
        "binary.bin": b"hello\x00\x01\x02 binary\n",
        "big.log": b"hello big\n" + b"x" * 3000 + b"\n",
        "hostile.txt": b"".join(p.encode() + b"\n" for p in HOSTILE) + f"/tmp/{MARK}\n".encode(),
    }
    for name in HOSTILE_NAMES:
        files[f"names/{name}"] = b"x\n"
    for name, content in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    (root / "empty folder").mkdir()
    (root / os.fsdecode(b"bad\xffname.txt")).write_bytes(b"hello latin\n")
    locked = root / "locked"
    locked.mkdir()
    (locked / "inside.txt").write_bytes(b"hello locked\n")
    (root / "unreadable.txt").write_bytes(b"hello unreadable\n")


def no_injection_ran(tree: Path) -> None:
    """An injected `touch` would create the mark in the tree, the home folder or /tmp."""
    assert not list(tree.parent.rglob(MARK)), "an injected command ran"
    for place in (Path("/tmp"), Path.home()):
        assert not (place / MARK).exists(), f"an injected command ran in {place}"


def close(backend: Backend) -> None:
    assert isinstance(backend, SftpBackend)
    backend.fs.close()


def connect(server: OpenSshServer, root: Path, user: str = "root") -> Backend:
    known_hosts = server.workdir / "known_hosts"
    known_hosts.write_text(server.known_hosts_line())
    options = {**server.options(user=user), "known_hosts": str(known_hosts)}
    port = options.pop("port")
    backend, _ = open_backend(resolve(f"sftp://{user}@127.0.0.1:{port}{root}", options, timeout=20))
    return backend


def start(root: Path, extra: list[str] | None = None) -> OpenSshServer:
    try:
        server = OpenSshServer(root, extra_config=extra or [])
    except ServerUnavailable as exc:
        pytest.skip(str(exc))
    server.start()
    return server


@pytest.fixture(scope="module")
def tree() -> Iterator[Path]:
    """Outside pytest's own temporary folder, which only root may enter."""
    base = Path(tempfile.mkdtemp(prefix="spyglass-search-"))
    base.chmod(0o755)
    root = base / "tree"
    make_tree(root)
    yield root
    for folder in (root / "locked", root / "unreadable.txt"):
        folder.chmod(0o755)
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="module")
def sshd(tree: Path) -> Iterator[OpenSshServer]:
    server = start(tree)
    yield server
    server.cleanup()


@pytest.fixture(scope="module")
def backend(sshd: OpenSshServer, tree: Path) -> Iterator[Backend]:
    backend = connect(sshd, tree)
    yield backend
    close(backend)


@pytest.fixture(scope="module")
def user(tree: Path) -> Iterator[str]:
    """A non-root login (CI runs as root, who can read everything)."""
    if os.geteuid() != 0 or shutil.which("useradd") is None:
        pytest.skip("needs root and useradd to make a user without root's power")
    home = tree.parent / "home"
    home.mkdir(exist_ok=True)
    subprocess.run(["userdel", "--force", USER], capture_output=True)  # left by a killed run
    # "*": no password, not a locked account (sshd turns locked ones away)
    subprocess.run(["useradd", "-M", "-d", str(home), "-s", "/bin/sh", "-p", "*", USER], check=True)
    shutil.chown(home, USER)
    (tree / "locked").chmod(0o000)
    (tree / "unreadable.txt").chmod(0o000)
    yield USER
    (tree / "locked").chmod(0o755)
    (tree / "unreadable.txt").chmod(0o644)
    subprocess.run(["userdel", "--force", USER], capture_output=True)


@pytest.fixture(scope="module")
def user_backend(sshd: OpenSshServer, tree: Path, user: str) -> Iterator[Backend]:
    sshd.workdir.chmod(0o755)  # sshd reads the user's authorized_keys as the user
    backend = connect(sshd, tree, user=user)
    yield backend
    close(backend)


# names


@pytest.mark.parametrize("tools", [GNU, POSIX], ids=["gnu-find", "posix-find"])
def test_names_are_found_case_insensitively_with_their_kinds(
    backend: Backend, tree: Path, tools: ServerTools
) -> None:
    root = str(tree)
    assert found(names(backend, root, NameQuery("report"), tools)) == {"Report.TXT": False}
    assert found(names(backend, root, NameQuery("*.txt"), tools)) == {
        "Report.TXT": False,
        "notes/deep/deeper/bottom.txt": False,
        "with space.txt": False,
        "new\nline.txt": False,
        "esc\x1b[31mred.txt": False,
        "bad\udcffname.txt": False,
        "hostile.txt": False,
        "locked/inside.txt": False,
        "unreadable.txt": False,
    }
    assert found(names(backend, root, NameQuery("DEEP"), tools)) == {
        "notes/deep": True,
        "notes/deep/deeper": True,
    }
    folders = found(names(backend, root, NameQuery("e", kind="folder"), tools))
    assert set(folders) == {
        "notes",
        "notes/deep",
        "notes/deep/deeper",
        "empty folder",
        "locked",
        "names",
    }
    files = found(names(backend, root, NameQuery("deep", kind="file"), tools))
    assert files == {}


def test_match_paths_are_the_backends_and_the_search_says_how(backend: Backend, tree: Path) -> None:
    outcome = names(backend, str(tree), NameQuery("todo"))
    [match] = [r for r in outcome.results if isinstance(r, NameMatch)]
    assert match.path == f"{tree}/notes/todo.md"
    assert backend.read_range(match.path, 0, 5) == b"first"
    assert outcome.final is not None
    assert outcome.final.progress.text.startswith("find on the server: sftp://")
    assert outcome.final.progress.matched == 1


def test_hidden_names_only_when_asked_and_depth_limits(backend: Backend, tree: Path) -> None:
    root = str(tree)
    assert found(names(backend, root, NameQuery("hidden"))) == {}
    assert found(names(backend, root, NameQuery("hidden", hidden=True))) == {
        ".secret/hidden.txt": False
    }
    assert found(names(backend, root, NameQuery("*.txt", max_depth=1))).keys() == {
        "Report.TXT",
        "with space.txt",
        "new\nline.txt",
        "esc\x1b[31mred.txt",
        "bad\udcffname.txt",
        "hostile.txt",
        "unreadable.txt",
    }


def test_regex_names_and_the_limit_says_it_stopped(backend: Backend, tree: Path) -> None:
    root = str(tree)
    assert found(names(backend, root, NameQuery(r"^b.*\.TXT$", regex=True))) == {
        "notes/deep/deeper/bottom.txt": False,
        "bad\udcffname.txt": False,
    }
    limited = names(backend, root, NameQuery("", limit=3))
    assert len(found(limited)) == 3
    assert limited.final is not None and "limit of 3" in limited.final.progress.text


@pytest.mark.parametrize("pattern", HOSTILE_NAMES)
def test_a_hostile_name_pattern_is_searched_for_literally(
    backend: Backend, tree: Path, pattern: str
) -> None:
    result = found(names(backend, str(tree / "names"), NameQuery(pattern)))
    assert pattern in result
    no_injection_ran(tree)
    assert (tree / "names" / "-delete").exists()


def test_a_hostile_folder_name_is_a_path_not_a_command(backend: Backend, tree: Path) -> None:
    for name in HOSTILE_NAMES:
        assert found(names(backend, str(tree / "names" / name), NameQuery("x"))) == {}
    no_injection_ran(tree)


# contents


TOOLS = [ServerTools(rg=True), ServerTools(rg=False)]


def tools_present(backend: Backend, tools: ServerTools) -> None:
    if tools.rg and shutil.which("rg") is None:
        pytest.skip("rg is not installed on the server (scripts/install-test-servers)")


@pytest.mark.parametrize("tools", TOOLS, ids=["rg", "grep"])
def test_lines_are_found_with_numbers_and_spans(
    backend: Backend, tree: Path, tools: ServerTools
) -> None:
    tools_present(backend, tools)
    outcome = lines(backend, str(tree), ContentQuery("hello", ignore_case=True), tools)
    assert hits(outcome) >= {
        ("Report.TXT", 2, "Hello World"),
        ("notes/todo.md", 2, "say hello to the team"),
        ("notes/deep/deeper/bottom.txt", 1, "hello from below"),
        ("esc\x1b[31mred.txt", 1, "\x1b[2Jhello with escapes\x1b[0m"),
        ("bad\udcffname.txt", 1, "hello latin"),
        ("big.log", 1, "hello big"),
    }
    found_in = {relative for relative, _, _ in hits(outcome)}
    assert "binary.bin" not in found_in
    assert not found_in & {".secret/hidden.txt", ".dotfile"}
    todo = next(r for r in outcome.results if isinstance(r, LineMatch) and r.line == 2)
    assert todo.text[todo.spans[0][0] : todo.spans[0][1]].lower() == "hello"
    assert outcome.final is not None
    assert outcome.final.progress.text.startswith(("rg on the server", "grep on the server"))


@pytest.mark.parametrize("tools", TOOLS, ids=["rg", "grep"])
def test_case_fixed_strings_hidden_depth_and_the_size_cap(
    backend: Backend, tree: Path, tools: ServerTools
) -> None:
    tools_present(backend, tools)
    root = str(tree)
    assert ("Report.TXT", 2, "Hello World") not in hits(
        lines(backend, root, ContentQuery("hello"), tools)
    )
    fixed = hits(lines(backend, root, ContentQuery("(", fixed=True), tools))
    assert {relative for relative, _, _ in fixed} == {"hostile.txt"}
    hidden = hits(lines(backend, root, ContentQuery("hello hidden", hidden=True), tools))
    assert hidden == {(".secret/hidden.txt", 1, "hello hidden")}
    shallow = hits(lines(backend, root, ContentQuery("hello", max_depth=1), tools))
    assert "notes/todo.md" not in {relative for relative, _, _ in shallow}
    capped = hits(lines(backend, root, ContentQuery("hello big", max_filesize=1000), tools))
    assert capped == set()


@pytest.mark.parametrize("tools", TOOLS, ids=["rg", "grep"])
def test_a_hostile_content_pattern_is_searched_for_literally(
    backend: Backend, tree: Path, tools: ServerTools
) -> None:
    tools_present(backend, tools)
    for pattern in [*HOSTILE, f"/tmp/{MARK}"]:
        result = hits(lines(backend, str(tree), ContentQuery(pattern, fixed=True), tools))
        assert ("hostile.txt", pattern) in {(relative, text) for relative, _, text in result}
    no_injection_ran(tree)


@pytest.mark.parametrize("tools", TOOLS, ids=["rg", "grep"])
def test_a_bad_regex_is_a_sentence_before_the_server_runs_anything(
    backend: Backend, tree: Path, tools: ServerTools
) -> None:
    tools_present(backend, tools)
    with pytest.raises(SpyglassError, match="bad regular expression"):
        lines(backend, str(tree), ContentQuery("("), tools)


# what the user may not read


def test_a_folder_the_user_cannot_read_is_a_problem_and_the_search_goes_on(
    user_backend: Backend, tree: Path
) -> None:
    outcome = names(user_backend, str(tree), NameQuery("inside"))
    assert found(outcome) == {}
    [problem] = problems(outcome)
    assert (problem.path, problem.relative) == (f"{tree}/locked", "locked")
    assert problem.sentence.endswith(": permission denied.")
    assert outcome.final is not None and outcome.final.progress.skipped == 1
    assert "notes/todo.md" in found(names(user_backend, str(tree), NameQuery("todo")))


@pytest.mark.parametrize("tools", TOOLS, ids=["rg", "grep"])
def test_unreadable_files_and_folders_are_problems_in_a_content_search(
    user_backend: Backend, tree: Path, tools: ServerTools
) -> None:
    tools_present(user_backend, tools)
    outcome = lines(user_backend, str(tree), ContentQuery("hello"), tools)
    assert ("notes/todo.md", 2, "say hello to the team") in hits(outcome)
    assert {problem.relative for problem in problems(outcome)} == {"locked", "unreadable.txt"}


# refused, cancelled, shared


def test_an_sftp_only_account_is_refused_quickly_and_still_browses(tree: Path) -> None:
    server = start(tree, ["ForceCommand internal-sftp"])
    try:
        backend = connect(server, tree)
        began = time.monotonic()
        with pytest.raises(ExecRefused, match="does not run commands"):
            backend.run(["printf", "x"], timeout=30)
        assert time.monotonic() - began < 10  # well before the 30 s the probe may wait
        with pytest.raises(ExecRefused):
            backend.run(["printf", "x"], timeout=30)  # remembered for the connection
        outcome = names(backend, str(tree), NameQuery("report"))
        assert outcome.state is JobState.FAILED and outcome.results == []
        listed = {e.name for batch in backend.list_batches(f"{tree}/notes") for e in batch}
        assert listed == {"todo.md", "deep"}
        close(backend)
    finally:
        server.cleanup()


def test_a_searcher_raises_exec_refused_before_emitting(tree: Path) -> None:
    server = start(tree, ["ForceCommand internal-sftp"])
    try:
        backend = connect(server, tree)
        updates: list[JobUpdate[object]] = []
        context: JobContext[object] = JobContext(
            updates.append, Cancellation(), interval=0.25, max_results=1000
        )
        with pytest.raises(ExecRefused):
            ServerNameSearcher(backend).search_names(str(tree), NameQuery("x"), context)  # type: ignore[arg-type]
        with pytest.raises(ExecRefused):
            ServerContentSearcher(backend).search_content(str(tree), ContentQuery("x"), context)  # type: ignore[arg-type]
        assert [update.results for update in updates if update.results] == []
        close(backend)
    finally:
        server.cleanup()


@pytest.fixture(scope="module")
def many(tree: Path) -> Path:
    """More output than the SSH window holds: an unread find blocks on its writes."""
    root = tree.parent / f"many-{uuid.uuid4().hex[:8]}"
    root.mkdir()
    for index in range(12_000):  # 3 MB of names, where the window is 2 MiB
        os.close(os.open(root / f"{index:06d}-{'n' * 230}", os.O_CREAT | os.O_WRONLY, 0o644))
    return root


def running(marker: str) -> list[str]:
    done = subprocess.run(["pgrep", "-a", "-f", marker], capture_output=True, text=True)
    return [line for line in done.stdout.splitlines() if "pgrep" not in line]


def gone(marker: str, deadline: float = 10.0) -> bool:
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        if not running(marker):
            return True
        time.sleep(0.05)
    return False


def test_closing_the_output_ends_a_silent_remote_command(backend: Backend) -> None:
    seconds = f"{time.time() % 1000 + 60:.3f}"  # a unique argument to find it by
    chunks = backend.run(["sleep", seconds], timeout=20)
    assert next(chunks) == b""  # silent: the channel is polled
    assert running(f"sleep {seconds}")
    chunks.close()
    assert gone(f"sleep {seconds}"), running(f"sleep {seconds}")


def test_closing_the_output_ends_a_blocked_remote_command(backend: Backend, many: Path) -> None:
    chunks = backend.run(["find", str(many)], timeout=20)
    assert next(chunk for chunk in chunks if chunk)
    assert any("find" in line for line in running(str(many)))
    chunks.close()
    assert gone(str(many)), running(str(many))


def test_cancelling_a_search_ends_find_on_the_server(backend: Backend, many: Path) -> None:
    cancellation = Cancellation()
    first = threading.Event()

    def sink(update: JobUpdate[NameMatch | SearchProblem]) -> None:
        if update.results:
            first.set()
            time.sleep(0.5)  # meanwhile the unread output fills the window

    searcher = ServerNameSearcher(backend)
    query = NameQuery("n", regex=True)
    thread = threading.Thread(
        target=run_job,
        args=(SearchJob(lambda c: searcher.search_names(str(many), query, c)), sink),
        kwargs={"cancellation": cancellation},
    )
    thread.start()
    assert first.wait(20)
    assert any("find" in line for line in running(str(many)))
    cancellation.cancel()
    thread.join(20)
    assert not thread.is_alive()
    assert gone(str(many)), running(str(many))


def test_a_search_leaves_the_sftp_channels_of_other_threads_alone(
    backend: Backend, tree: Path, many: Path
) -> None:
    problems_seen: list[BaseException] = []
    stop = threading.Event()

    def browse() -> None:
        try:
            while not stop.is_set():
                backend.invalidate(f"{tree}/notes")
                listed = {e.name for b in backend.list_batches(f"{tree}/notes") for e in b}
                assert listed == {"todo.md", "deep"}
                assert backend.read_range(f"{tree}/notes/todo.md", 0, 5) == b"first"
        except BaseException as exc:  # handed to the test thread
            problems_seen.append(exc)

    browser = threading.Thread(target=browse)
    browser.start()
    try:
        result = found(names(backend, str(many), NameQuery("0999")))
        assert set(result) == {path.name for path in many.iterdir() if "0999" in path.name}
    finally:
        stop.set()
        browser.join(20)
    assert problems_seen == []


def test_busybox_find_without_printf_still_tells_folders(tmp_path: Path, tree: Path) -> None:
    busybox = shutil.which("busybox")
    if busybox is None:
        pytest.skip("busybox is not installed (scripts/install-test-servers)")
    tools = tmp_path / "bin"
    tools.mkdir()
    (tools / "find").symlink_to(busybox)
    server = start(tree, [f"SetEnv PATH={tools}:/usr/bin:/bin"])
    try:
        backend = connect(server, tree)
        assert found(names(backend, str(tree), NameQuery("deep"))) == {
            "notes/deep": True,
            "notes/deep/deeper": True,
        }
        assert found(names(backend, str(tree / "names"), NameQuery("-e"))) == {"-e": False}
        no_injection_ran(tree)
        close(backend)
    finally:
        server.cleanup()


def test_no_channel_for_a_command_now_is_not_remembered_as_a_refusal(tree: Path) -> None:
    server = start(tree, ["MaxSessions 1"])
    try:
        backend = connect(server, tree)
        assert isinstance(backend, SftpBackend)
        # the SFTP channel opened on connecting takes the one session
        with pytest.raises(ChannelRefused):
            backend.run(["printf", "x"], timeout=20)
        backend.fs.ftp.close()  # sshd frees the session soon after: ask until it has
        deadline = time.monotonic() + 10
        while True:
            try:
                assert b"".join(backend.run(["printf", "x"], timeout=20)) == b"x"
                break
            except ChannelRefused:  # a refusal remembered would be a plain ExecRefused
                assert time.monotonic() < deadline
                time.sleep(0.1)
        close(backend)
    finally:
        server.cleanup()
