"""The command line as a user runs it: one line and status 2 for mistakes, plain text in pipes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from spyglass import __version__
from tests.conftest import isolated_env

SPYGLASS = Path(sys.executable).with_name("spyglass")


def run(
    home: Path, *args: str | bytes, extra_env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    """`python -m spyglass ARGS` with stdout and stderr as pipes and a private home."""
    env = {**isolated_env(home), **(extra_env or {})}
    return subprocess.run(
        [sys.executable, "-m", "spyglass", *args],
        capture_output=True,
        env=env,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def home(tmp_path: Path) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


def one_line_error(done: subprocess.CompletedProcess[bytes]) -> str:
    """The single stderr line of a refused command, after the common checks."""
    err = done.stderr.decode()
    assert done.returncode == 2, err
    assert done.stdout == b""
    assert "Traceback" not in err
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert err.startswith("spyglass: ")
    return err.strip()


def test_version_from_the_console_script(home: Path) -> None:
    done = subprocess.run(
        [str(SPYGLASS), "--version"], capture_output=True, env=isolated_env(home), timeout=60
    )
    assert done.returncode == 0
    assert done.stdout.decode().strip() == f"spyglass {__version__}"


def test_help_lists_the_options(home: Path) -> None:
    done = run(home, "--help")
    assert done.returncode == 0
    out = done.stdout.decode()
    for word in ("PATH_OR_URL", "--option KEY=VALUE", "--hidden", "--max-preview-bytes", "--theme"):
        assert word in out
    assert "spyglass cat PATH_OR_URL" in out


def test_cat_help(home: Path) -> None:
    done = run(home, "cat", "--help")
    assert done.returncode == 0
    assert b"Print the preview of a file to stdout." in done.stdout


def test_nonexistent_path_is_one_line_and_status_2(home: Path, tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such" / "place"
    assert one_line_error(run(home, str(missing))) == f"spyglass: {missing}: no such file or folder"


def test_unknown_protocol_is_one_line_and_status_2(home: Path) -> None:
    error = one_line_error(run(home, "nosuch://bucket/key"))
    assert error == "spyglass: unknown protocol nosuch:// in the location"


def test_missing_dependency_says_what_to_install(home: Path) -> None:
    # s3fs is made unimportable so the check holds whatever this venv holds.
    code = (
        "import sys\n"
        "sys.modules['s3fs'] = None\n"
        "from spyglass.cli import main\n"
        "sys.exit(main(['s3://bucket/key']))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        env=isolated_env(home),
        timeout=30,
        stdin=subprocess.DEVNULL,
    )
    error = one_line_error(done)
    assert error == "spyglass: s3:// needs an optional dependency: install spyglass[s3]"


@pytest.mark.parametrize("option", ["novalue", "=1"])
def test_bad_option_is_one_line_and_status_2(home: Path, option: str) -> None:
    error = one_line_error(run(home, "-k", option, "memory://x"))
    assert "expected the form name=value" in error


@pytest.mark.parametrize(
    ("value", "message"),
    [("lots", "bad size 'lots'"), ("10", "must be at least 1 KiB"), ("-5MiB", "bad size")],
)
def test_bad_max_preview_bytes_is_one_line_and_status_2(
    home: Path, tmp_path: Path, value: str, message: str
) -> None:
    error = one_line_error(run(home, f"--max-preview-bytes={value}", str(tmp_path)))
    assert message in error


def test_unknown_argument_is_one_line_and_status_2(home: Path) -> None:
    assert "unrecognized arguments: --frobnicate" in one_line_error(run(home, "--frobnicate"))


def test_bad_config_file_is_one_line_and_status_2(home: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("hidden = \n")
    assert "invalid TOML" in one_line_error(run(home, "--config", str(bad), str(tmp_path)))
    missing = tmp_path / "missing.toml"
    assert "does not exist" in one_line_error(run(home, "--config", str(missing), str(tmp_path)))


def test_bad_environment_setting_is_one_line_and_status_2(home: Path, tmp_path: Path) -> None:
    done = run(home, str(tmp_path), extra_env={"SPYGLASS_HIDDEN": "perhaps"})
    assert "SPYGLASS_HIDDEN: bad value 'perhaps'" in one_line_error(done)


def test_secrets_in_a_refused_location_are_masked(home: Path, tmp_path: Path) -> None:
    error = one_line_error(run(home, f"{tmp_path}/missing?sig=TOPSECRET99"))
    assert "TOPSECRET99" not in error
    assert "sig=****" in error


def test_running_the_cli_writes_nothing_in_home(home: Path, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("a\n")
    run(home, "cat", str(tmp_path / "a.txt"))
    run(home, str(tmp_path / "missing"))
    assert list(home.iterdir()) == []


# spyglass cat


@pytest.fixture
def samples(tmp_path: Path) -> Path:
    folder = tmp_path / "samples"
    folder.mkdir()
    (folder / "tool.py").write_text('def greet(name):\n    return f"hi {name}"  # [red]x[/red]\n')
    (folder / "data.json").write_text('{"b": [1, 2], "a": {"nested": true}}')
    (folder / "broken.json").write_text('{\n  "a": 1,\n  "b": oops\n}\n')
    (folder / "README.md").write_text("# Heading\n\nSome **bold** and `code`.\n\n- item\n")
    (folder / "blob.bin").write_bytes(bytes(range(40)))
    (folder / "evil.txt").write_bytes(b"before \x1b[2J\x1b]0;title\x07 after\n")
    (folder / "long.txt").write_bytes(b"0123456789abcde\n" * 1024)
    return folder


def cat(home: Path, *args: str | bytes) -> tuple[str, str]:
    done = run(home, "cat", *args)
    assert done.returncode == 0, done.stderr.decode()
    assert b"\x1b" not in done.stdout
    assert b"\x1b" not in done.stderr
    return done.stdout.decode(), done.stderr.decode()


def test_cat_code_in_a_pipe_is_the_plain_source(home: Path, samples: Path) -> None:
    out, err = cat(home, str(samples / "tool.py"))
    assert out == 'def greet(name):\n    return f"hi {name}"  # [red]x[/red]\n'
    assert err == ""


def test_cat_json_is_pretty_printed(home: Path, samples: Path) -> None:
    out, _ = cat(home, str(samples / "data.json"))
    assert out == '{\n  "b": [\n    1,\n    2\n  ],\n  "a": {\n    "nested": true\n  }\n}\n'


def test_cat_invalid_json_shows_the_text_and_says_where_it_breaks(
    home: Path, samples: Path
) -> None:
    out, err = cat(home, str(samples / "broken.json"))
    assert out == '{\n  "a": 1,\n  "b": oops\n}\n'
    assert err == "spyglass: broken.json: Invalid JSON: Expecting value at line 3, column 8\n"


def test_cat_markdown_is_rendered(home: Path, samples: Path) -> None:
    out, _ = cat(home, str(samples / "README.md"))
    assert "Heading" in out and "# Heading" not in out
    assert "Some bold and code." in out
    assert "• item" in out


def test_cat_binary_is_a_hex_dump(home: Path, samples: Path) -> None:
    out, _ = cat(home, str(samples / "blob.bin"))
    lines = out.splitlines()
    assert lines[0].startswith("00000000  00 01 02 03 04 05 06 07  08 09 0a 0b 0c 0d 0e 0f")
    assert lines[2].startswith("00000020  20 21 22 23 24 25 26 27")
    assert lines[2].endswith(" !\"#$%&'")
    assert len(lines) == 3


def test_cat_folder_summarises_it(home: Path, samples: Path) -> None:
    out, _ = cat(home, str(samples))
    assert out.splitlines()[0] == f"{samples}: 7 entries."
    assert "Files: 7" in out


def test_cat_shows_escape_sequences_in_content_escaped(home: Path, samples: Path) -> None:
    out, _ = cat(home, str(samples / "evil.txt"))
    assert out == "before \\x1b[2J\\x1b]0;title\\x07 after\n"


def test_cat_stops_at_the_budget_and_says_so(home: Path, samples: Path) -> None:
    out, err = cat(home, "--max-preview-bytes", "1KiB", str(samples / "long.txt"))
    assert out == "0123456789abcde\n" * 64
    assert err == "spyglass: long.txt: first 1.0 KiB of 16 KiB shown\n"


def test_cat_of_a_folder_whose_name_is_not_utf8(home: Path, tmp_path: Path) -> None:
    folder = os.path.join(os.fsencode(tmp_path), b"caf\xe9")
    os.mkdir(folder)
    done = run(home, "cat", folder)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode().splitlines()[0] == f"{tmp_path}/caf\\xe9: 0 entries."


def test_cat_of_a_missing_file_is_one_line_and_status_2(home: Path, tmp_path: Path) -> None:
    error = one_line_error(run(home, "cat", str(tmp_path / "nope.txt")))
    assert error.endswith("nope.txt: no such file or folder")


def test_cat_of_a_symlink_loop_exits_non_zero_with_a_sentence(home: Path, tmp_path: Path) -> None:
    (tmp_path / "loop").symlink_to("loop")
    done = run(home, "cat", str(tmp_path / "loop"))
    assert done.returncode == 1
    assert done.stderr.decode() == f"spyglass: {tmp_path / 'loop'}: symlink loop.\n"
