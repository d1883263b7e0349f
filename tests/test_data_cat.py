from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.data_samples import csv_text, image_bytes, parquet_bytes, write


def _cat(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "spyglass", "cat", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "HOME": str(path.parent), "NO_COLOR": "1"},
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
