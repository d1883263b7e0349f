"""`spyglass du`: largest first, human or exact sizes, errors on stderr and exit status 1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from spyglass.cli import main
from tests.conftest import require_permissions_apply, run_unprivileged
from tests.sizes.support import du, make_tree


def run_du(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], str]:
    status = main(["du", *args])
    out, err = capsys.readouterr()
    return status, out.splitlines(), err


def test_children_largest_first_with_exact_bytes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_tree(tmp_path)
    status, lines, err = run_du(capsys, str(tmp_path), "--bytes", "--apparent-size")
    assert status == 0, err
    assert err == ""
    expected = du("-b", "-s", str(tmp_path))[str(tmp_path)]
    sizes = [int(line.split("\t")[0]) for line in lines[:-1]]
    assert sizes == sorted(sizes, reverse=True)
    names = [line.split("\t")[2] for line in lines[:-1]]
    assert names[0] == str(tmp_path / "big") or names[0] == str(tmp_path / "links")
    assert str(tmp_path / "new\\nline \\x1b[31m") in names  # escaped, never raw controls
    assert "\x1b" not in "\n".join(lines)
    assert lines[-1].startswith(f"{expected}\t6 files in 6 folders\t{tmp_path}")
    assert "apparent size" in lines[-1]


def test_human_sizes_and_depth(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_tree(tmp_path)
    status, lines, _ = run_du(capsys, str(tmp_path), "--depth", "2", "--apparent-size")
    assert status == 0
    shown = [line.split("\t")[2] for line in lines[:-1]]
    assert str(tmp_path / "big" / "sub") in shown  # below big/, right after it
    assert shown.index(str(tmp_path / "big" / "sub")) > shown.index(str(tmp_path / "big"))
    assert lines[-1].split("\t")[0] == "4.9 MiB"
    status, lines, _ = run_du(capsys, str(tmp_path), "--depth", "0")
    assert len(lines) == 1 and "disk usage" in lines[0]


def test_a_file_or_a_missing_folder_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "file.txt").write_text("x")
    status, _, err = run_du(capsys, str(tmp_path / "file.txt"))
    assert status == 2 and "is a file" in err
    status, _, err = run_du(capsys, str(tmp_path / "missing"))
    assert status == 2 and err.startswith("spyglass: ")


_DU_AS_NOBODY = """
import contextlib, io, json, sys
from spyglass.cli import main

with contextlib.redirect_stdout(io.StringIO()):
    assert main(["du", sys.argv[2]]) == 0  # loads every module before the drop
drop_privileges()
out, err = io.StringIO(), io.StringIO()
with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
    status = main(["du", sys.argv[1]])
print(json.dumps({"status": status, "out": out.getvalue(), "err": err.getvalue()}))
"""


def test_an_unreadable_folder_is_named_on_stderr_and_the_status_is_1(public_dir: Path) -> None:
    root = public_dir / "tree"
    (root / "locked").mkdir(parents=True)
    (root / "open").mkdir()
    (root / "open" / "a.txt").write_text("a")
    (root / "locked").chmod(0o000)
    require_permissions_apply(root / "locked")
    home = public_dir / "home"
    home.mkdir(mode=0o755)
    done = run_unprivileged(_DU_AS_NOBODY, str(root), str(root / "open"), home=home)
    assert done.returncode == 0, done.stderr
    said = json.loads(done.stdout)
    assert said["status"] == 1
    assert "locked" in said["err"] and "ermission denied" in said["err"]
    last = said["out"].splitlines()[-1]
    assert last.startswith("at least ")
