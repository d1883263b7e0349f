"""`spyglass shell-init`: the function it prints runs in each shell and lands where it quit."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.terminal import Terminal
from spyglass.cli import main

SRC = str(Path(__file__).resolve().parent.parent / "src")
REPO = str(Path(__file__).resolve().parent.parent)
# Leaves spyglass's args in ARGS, then writes the folder in TARGET to the --cwd-file.
FAKE_SPYGLASS = """#!/bin/sh
cwd_file=""
: > "$ARGS"
while [ $# -gt 0 ]; do
    if [ "$1" = "--cwd-file" ]; then shift; cwd_file="$1"; else printf '%s\\n' "$1" >> "$ARGS"; fi
    shift
done
[ -n "$TARGET" ] && printf '%s' "$TARGET" > "$cwd_file"
printf '%s' "$cwd_file" > "$ARGS.file"
exit 3
"""

RUN = {
    "bash": ["bash", "--norc", "--noprofile", "-c"],
    "zsh": ["zsh", "-f", "-c"],
    "fish": ["fish", "--no-config", "-c"],
}
SCRIPT = {
    "bash": 'eval "$(cat "$INIT")"; cd /; {name} one "two words"; echo "rc=$?"; pwd',
    "zsh": 'eval "$(cat "$INIT")"; cd /; {name} one "two words"; echo "rc=$?"; pwd',
    "fish": 'source $INIT; cd /; {name} one "two words"; echo "rc=$status"; pwd',
}


def _shell_init(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["shell-init", *args]) == 0
    return capsys.readouterr().out


def _run(shell: str, folder: Path, init: str, target: str, name: str = "sg") -> list[str]:
    if shutil.which(shell) is None:
        pytest.skip(f"{shell} is not installed")
    bin_folder = folder / "bin"
    bin_folder.mkdir(exist_ok=True)
    fake = bin_folder / "spyglass"
    fake.write_text(FAKE_SPYGLASS)
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    (folder / "init").write_text(init)
    env = {
        "PATH": f"{bin_folder}{os.pathsep}/usr/bin:/bin",
        "HOME": str(folder),
        "INIT": str(folder / "init"),
        "ARGS": str(folder / "args"),
        "TARGET": target,
        "TMPDIR": str(folder),
    }
    done = subprocess.run(
        [*RUN[shell], SCRIPT[shell].format(name=name)],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_the_function_changes_folder_passes_arguments_and_cleans_up(
    shell: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "a folder" / "with spaces"
    target.mkdir(parents=True)
    output = _run(shell, tmp_path, _shell_init(capsys, shell), str(target))
    assert output == ["rc=3", str(target)]  # spyglass's own status comes back
    assert (tmp_path / "args").read_text().splitlines() == ["one", "two words"]
    cwd_file = Path((tmp_path / "args.file").read_text())
    assert cwd_file.parent == tmp_path
    assert not cwd_file.exists()  # removed afterwards


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_a_name_ending_with_a_line_break_is_kept(
    shell: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "odd\n"
    target.mkdir()
    output = _run(shell, tmp_path, _shell_init(capsys, shell), str(target))
    assert output[0] == "rc=3"
    assert "\n".join(output[1:]) == str(target)


@pytest.mark.parametrize("shell", ["bash", "fish"])
def test_nothing_written_or_not_a_folder_stays_put(
    shell: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    init = _shell_init(capsys, shell)
    assert _run(shell, tmp_path, init, "") == ["rc=3", "/"]
    (tmp_path / "file.txt").write_text("x")
    assert _run(shell, tmp_path, init, str(tmp_path / "file.txt")) == ["rc=3", "/"]


def test_the_name_comes_from_name_or_the_config(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _shell_init(capsys, "bash", "--name", "sgx").startswith("sgx() {")
    config = tmp_path / "config.toml"
    config.write_text('shell_function = "lookaround"\n')
    assert _shell_init(capsys, "fish", "--config", str(config)).startswith("function lookaround ")
    target = tmp_path / "there"
    target.mkdir()
    init = _shell_init(capsys, "bash", "--name", "sgx")
    assert _run("bash", tmp_path, init, str(target), name="sgx")[-1] == str(target)


def test_a_bad_name_or_shell_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["shell-init", "bash", "--name", "rm -rf"]) == 2
    assert "bad function name" in capsys.readouterr().err
    assert main(["shell-init", "tcsh"]) == 2
    assert "invalid choice" in capsys.readouterr().err


def _launcher(folder: Path) -> Path:
    """`spyglass` on PATH: this checkout's, run by the test's interpreter."""
    bin_folder = folder / "bin"
    bin_folder.mkdir()
    launcher = bin_folder / "spyglass"
    launcher.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m spyglass "$@"\n')
    launcher.chmod(launcher.stat().st_mode | stat.S_IXUSR)
    return bin_folder


def test_bash_lands_in_the_folder_the_real_spyglass_quit_in(tmp_path: Path) -> None:
    start = tmp_path / "start"
    (start / "inner").mkdir(parents=True)
    (start / "zz.txt").write_text("x\n")
    out = tmp_path / "pwd"
    bin_folder = _launcher(tmp_path)
    env = {
        **os.environ,
        "PATH": f"{bin_folder}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONPATH": os.pathsep.join([SRC, REPO]),
        "HOME": str(tmp_path),
        "TMPDIR": str(tmp_path),
    }
    script = f'eval "$(spyglass shell-init bash)"; cd /; sg "{start}"; pwd > "{out}"'
    with Terminal(["bash", "--norc", "--noprofile", "-c", script], env=env) as terminal:
        terminal.wait_for("zz.txt", timeout=30)
        terminal.send("j")  # from the root onto `inner`
        time.sleep(0.3)
        terminal.send("q")
        assert terminal.wait_exit(20)
    assert out.read_text().strip() == str(start / "inner")
    assert not list(tmp_path.glob("spyglass-cwd.*"))
