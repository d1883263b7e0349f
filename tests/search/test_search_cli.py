"""`spyglass find` and `spyglass grep`: lines like fd and grep -rn, exit codes, streaming, pipes."""

from __future__ import annotations

import argparse
import io
import json
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from spyglass.cli import main
from spyglass.config import Config
from spyglass.location import resolve
from spyglass.search_cli import run
from tests.conftest import isolated_env, require_permissions_apply, run_unprivileged
from tests.search.support import write


def spyglass(
    *args: str, home: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[int, list[str], list[str]]:
    """Run `spyglass ...` in this process: status, stdout lines, stderr lines."""
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out.splitlines(), err.splitlines()


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # no user configuration
    root = tmp_path / "tree"
    write(
        root,
        {
            "src/main.py": "def main():\n    print('hello')\n",
            "src/lib/util.py": "HELLO = 1\n",
            "docs/hello.md": "# Hello\n",
            "esc\x1b]0;title\x07.txt": "bell \x07 and \x1b[2J clear hello\n",
            "blob.bin": b"hello\x00\x01",
        },
    )
    return root


def test_find_prints_relative_paths_and_folders_end_with_a_slash(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = spyglass("find", str(tree), "l", home=tree, capsys=capsys)
    assert status == 0 and not err
    assert sorted(out) == [
        "blob.bin",
        "docs/hello.md",
        "esc\\x1b]0;title\\x07.txt",
        "src/lib/",
        "src/lib/util.py",
    ]


def test_find_options(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, python, _ = spyglass("find", str(tree), "*.py", home=tree, capsys=capsys)
    assert sorted(python) == ["src/lib/util.py", "src/main.py"]
    _, folders, _ = spyglass("find", str(tree), "s", "--type", "d", home=tree, capsys=capsys)
    assert sorted(folders) == ["docs/", "src/"]
    _, shallow, _ = spyglass("find", str(tree), "*", "--max-depth", "1", home=tree, capsys=capsys)
    assert "src/main.py" not in shallow and "src/" in shallow
    _, regex, _ = spyglass("find", str(tree), r"^u.*y$", "--regex", home=tree, capsys=capsys)
    assert regex == ["src/lib/util.py"]
    _, limited, _ = spyglass("find", str(tree), "*", "--limit", "2", home=tree, capsys=capsys)
    assert len(limited) == 2


def test_find_shows_escape_sequences_in_names_as_text(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = spyglass("find", str(tree), "esc", home=tree, capsys=capsys)
    assert status == 0
    assert out == ["esc\\x1b]0;title\\x07.txt"]


def test_grep_prints_path_line_and_text_with_controls_made_visible(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = spyglass(
        "grep", str(tree), "hello", "-i", "--no-rg", home=tree, capsys=capsys
    )
    assert status == 0 and not err
    assert sorted(out) == [
        "docs/hello.md:1:# Hello",
        "esc\\x1b]0;title\\x07.txt:1:bell \\x07 and \\x1b[2J clear hello",
        "src/lib/util.py:1:HELLO = 1",
        "src/main.py:2:    print('hello')",
    ]  # blob.bin is binary: skipped


def test_grep_fixed_strings_and_size_cap(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tree, {"big.txt": "x" * 5000 + "\nneedle\n"})
    assert spyglass("grep", str(tree), "print(", "-F", home=tree, capsys=capsys)[1] == [
        "src/main.py:2:    print('hello')"
    ]
    status, out, _ = spyglass(
        "grep", str(tree), "needle", "--max-filesize", "4KiB", home=tree, capsys=capsys
    )
    assert (status, out) == (1, [])
    assert spyglass("grep", str(tree), "needle", home=tree, capsys=capsys)[1] == [
        "big.txt:2:needle"
    ]


def test_exit_one_when_nothing_matched(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert spyglass("find", str(tree), "nothing-like-it", home=tree, capsys=capsys) == (1, [], [])
    assert spyglass("grep", str(tree), "nothing-like-it", home=tree, capsys=capsys) == (1, [], [])


@pytest.mark.parametrize(
    "args",
    [
        ["find", "{tree}/missing", "x"],
        ["find", "{tree}", "(", "--regex"],
        ["grep", "{tree}", "("],
        ["find", "{tree}/src/main.py", "x"],
        ["find", "{tree}", "x", "--max-depth", "0"],
        ["grep", "{tree}", "x", "--max-filesize", "lots"],
    ],
)
def test_exit_two_and_one_line_on_an_error(
    tree: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    status, out, err = spyglass(*[a.format(tree=tree) for a in args], home=tree, capsys=capsys)
    assert status == 2 and out == []
    assert len(err) == 1 and err[0].startswith("spyglass: ") and "Traceback" not in err[0]


def test_the_first_result_is_printed_while_the_search_goes_on(tmp_path: Path) -> None:
    """Once the first line is out the other folder is deleted: buffered output would show both."""
    write(tmp_path, {"one/match.txt": "", "two/match.txt": ""})

    class Watching(io.StringIO):
        deleted = False

        def flush(self) -> None:
            if self.getvalue() and not self.deleted:
                self.deleted = True
                shutil.rmtree(tmp_path / ("two" if self.getvalue().startswith("one/") else "one"))

    out, err = Watching(), io.StringIO()
    args = argparse.Namespace(
        pattern="match", regex=False, type=None, hidden=False, max_depth=None, limit=None
    )
    status = run("find", args, Config(), resolve(str(tmp_path)), stdout=out, stderr=err)
    assert out.getvalue().count("match.txt") == 1
    assert "does not exist" in err.getvalue()
    assert status == 2  # a folder could not be searched, as grep and rg count it


def _popen(*args: str, home: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "spyglass", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=isolated_env(home),
    )


def _many(root: Path) -> None:
    for folder in range(40):
        write(root, {f"f{folder:02}/match{n:03}.txt": "needle\n" * 50 for n in range(50)})


@pytest.mark.parametrize("command", ["find", "grep"])
def test_a_closed_pipe_ends_the_search_quietly(tmp_path: Path, command: str) -> None:
    _many(tmp_path / "tree")
    pattern = "match" if command == "find" else "needle"
    process = _popen(command, str(tmp_path / "tree"), pattern, home=tmp_path)
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline()  # `| head -1`
    process.stdout.close()
    assert process.wait(timeout=30) == 0
    assert process.stderr.read() == b""


def test_ctrl_c_stops_the_search_with_130(tmp_path: Path) -> None:
    _many(tmp_path / "tree")
    process = _popen("grep", str(tmp_path / "tree"), "needle", "--no-rg", home=tmp_path)
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline()
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=30) == 130
    process.stdout.read()
    assert b"Traceback" not in process.stderr.read()


_UNPRIVILEGED = """
import contextlib, io, json, sys
from spyglass.cli import main

with contextlib.redirect_stdout(io.StringIO()):  # loads what the run needs before the drop
    main(["find", sys.argv[1] + "/open", "x"])
drop_privileges()
out, err = io.StringIO(), io.StringIO()
with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
    status = main(["find", sys.argv[1], "txt"])
print(json.dumps({"status": status, "out": out.getvalue(), "err": err.getvalue()}))
"""


def test_a_folder_that_cannot_be_read_is_a_line_on_stderr_and_exit_two(public_dir: Path) -> None:
    write(public_dir, {"open/a.txt": "x", "locked/b.txt": "x"})
    for path in public_dir.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    (public_dir / "locked").chmod(0o700)
    require_permissions_apply(public_dir / "locked")
    home = public_dir / "home"
    home.mkdir(mode=0o755)
    done = run_unprivileged(_UNPRIVILEGED, str(public_dir), home=home)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["out"] == "open/a.txt\n"
    [line] = result["err"].splitlines()
    assert line.startswith("spyglass: Cannot search ") and "permission denied" in line
    assert result["status"] == 2
