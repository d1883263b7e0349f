from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import spyglass
from tests.data_samples import csv_text, image_bytes, parquet_bytes, write

# The package under test, not whichever one the interpreter would find on its own.
_SOURCE = str(Path(spyglass.__file__).resolve().parents[1])


def _cat(path: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "spyglass", "cat", *options, str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        env={
            "PATH": "/usr/bin:/bin",
            "HOME": str(path.parent),
            "NO_COLOR": "1",
            "PYTHONPATH": _SOURCE,
        },
    )


def test_cat_prints_a_table_with_types_and_row_numbers(tmp_path: Path) -> None:
    result = _cat(write(tmp_path, "weather.csv", csv_text(5)))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "city" in lines[0] and "temperature" in lines[0]
    assert "str" in lines[1] and "float" in lines[1]
    assert lines[3].split()[:3] == ["1", "0", "Lisbon"]


def test_cat_parquet_says_on_stderr_that_only_the_first_rows_are_shown(tmp_path: Path) -> None:
    result = _cat(write(tmp_path, "w.parquet", parquet_bytes(1500)))
    assert result.returncode == 0, result.stderr
    assert "first 1,000 rows shown" in result.stderr
    assert "1,000" in result.stdout.splitlines()[-1]


def test_cat_image_to_a_pipe_prints_the_info_line_only(tmp_path: Path) -> None:
    result = _cat(write(tmp_path, "quad.png", image_bytes("PNG", (64, 40))))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "PNG · 64\u00d740 px · RGBA"


def test_cat_says_on_stderr_which_part_of_a_big_text_file_it_printed(tmp_path: Path) -> None:
    result = _cat(write(tmp_path, "big.txt", "log line\n" * 200_000))
    assert result.returncode == 0, result.stderr
    assert result.stderr == "spyglass: big.txt: first 1.0 MiB of 1.7 MiB shown\n"


def test_cat_of_a_big_binary_file_says_which_part_it_printed(tmp_path: Path) -> None:
    result = _cat(write(tmp_path, "blob.bin", bytes(range(256)) * 8000))
    assert result.stderr == "spyglass: blob.bin: first 1.0 MiB of 2.0 MiB shown\n"


def test_cat_of_a_long_markdown_file_says_it_is_plain_text_and_which_part(tmp_path: Path) -> None:
    text = "# Chapter\n\n" + "Some words in a paragraph.\n\n" * 40_000
    result = _cat(write(tmp_path, "long.md", text))
    assert result.stderr == (
        "spyglass: long.md: larger than 256 KiB: shown as plain text\n"
        "spyglass: long.md: first 1.0 MiB of 1.1 MiB shown\n"
    )


def test_cat_says_on_stderr_why_json_is_printed_as_text(tmp_path: Path) -> None:
    result = _cat(write(tmp_path, "broken.json", '{\n "a": ,\n}\n'))
    assert result.returncode == 0, result.stderr
    assert result.stderr == (
        "spyglass: broken.json: Invalid JSON: Expecting value at line 2, column 7\n"
    )


def test_cat_says_on_stderr_why_a_table_fell_back_to_text(tmp_path: Path) -> None:
    result = _cat(write(tmp_path, "ragged.csv", "a,b,c\n1,2,3\n4,5\n"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["a,b,c", "1,2,3", "4,5"]
    # One line however long: a script reading stderr line by line gets the whole sentence.
    assert result.stderr == (
        "spyglass: ragged.csv: Cannot show as csv ~/ragged.csv: ragged CSV: line 3 has 2 "
        "fields, the header has 3.\n"
    )


def test_cat_prints_other_notes_nowhere(tmp_path: Path) -> None:
    result = _cat(write(tmp_path, "small.csv", csv_text(5)))
    assert result.returncode == 0, result.stderr
    # The shape line alone: what the file is (delimiter, encoding) stays off stderr.
    assert result.stderr == "small.csv · CSV · 5 rows \u00d7 5 columns\n"


def test_cat_goes_by_what_a_note_is_not_by_how_it_reads(tmp_path: Path) -> None:
    path = tmp_path / "odd.sqlite"
    connection = sqlite3.connect(path)
    connection.execute('CREATE TABLE "Cannot be missed" (x INTEGER)')
    connection.execute('INSERT INTO "Cannot be missed" VALUES (1)')
    connection.commit()
    connection.close()
    result = _cat(path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "odd.sqlite · SQLite · table Cannot be missed · 1 row \u00d7 1 column\n"


def test_cat_of_a_table_to_a_pipe_says_its_shape_on_stderr_once(tmp_path: Path) -> None:
    result = _cat(write(tmp_path, "weather.parquet", parquet_bytes(5000)))
    assert result.returncode == 0, result.stderr
    # stdout holds the table alone; the shape line carries what was left out.
    assert result.stderr == (
        "weather.parquet · Parquet · 5,000 rows \u00d7 5 columns, first 1,000 rows shown\n"
    )
    assert result.stdout.split()[0] == "id"


def test_cat_of_a_table_on_a_terminal_prints_the_shape_line_first(tmp_path: Path) -> None:
    path = write(tmp_path, "weather.csv", csv_text(1500))
    printed = _cat_on_terminal(path)
    first = printed.splitlines()[0]
    assert first == "weather.csv · CSV · 1,500 rows \u00d7 5 columns, first 1,000 rows shown"
    assert "city" in printed.splitlines()[1]


def _cat_on_terminal(path: Path, *options: str) -> str:
    """stdout and stderr of `spyglass cat` on one terminal, without its escape sequences."""
    import os
    import pty
    import re

    master, slave = pty.openpty()
    child = subprocess.Popen(
        [sys.executable, "-m", "spyglass", "cat", *options, str(path)],
        stdin=subprocess.DEVNULL,
        stdout=slave,
        stderr=slave,
        env={
            "PATH": "/usr/bin:/bin",
            "HOME": str(path.parent),
            "PYTHONPATH": _SOURCE,
            "COLUMNS": "160",
            "LINES": "50",
            "TERM": "dumb",
        },
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    child.wait(timeout=60)
    os.close(master)
    text = b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text)


def test_cat_stats_prints_the_statistics_of_the_columns(tmp_path: Path) -> None:
    result = _cat(write(tmp_path, "weather.csv", csv_text(1500)), "--stats")
    assert result.returncode == 0, result.stderr
    assert result.stderr == (
        "weather.csv · CSV · 1,500 rows \u00d7 5 columns, first 1,000 rows shown · "
        "Statistics over the first 1,000 of 1,500 rows\n"
    )
    lines = result.stdout.splitlines()
    assert lines[0].split()[:9] == [
        "column", "type", "count", "nulls", "distinct", "min", "max", "mean", "top",
    ]  # fmt: skip
    rows = {line.split()[1]: line.split() for line in lines[3:] if line.strip()}
    assert rows["id"][2:9] == ["int", "1,000", "0", "1,000", "0", "999", "499.5"]
    assert rows["city"][2:5] == ["str", "1,000", "0"]
    assert "Lisbon (125)" in " ".join(rows["city"])


def test_cat_stats_of_a_file_that_is_no_table_is_a_sentence(tmp_path: Path) -> None:
    result = _cat(write(tmp_path, "notes.txt", "hello\n"), "--stats")
    assert result.returncode == 1
    assert result.stderr == "spyglass: notes.txt is not a table: no statistics\n"
