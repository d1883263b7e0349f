"""The benchmark harness runs end to end on tiny fixtures and writes the JSON it promises.

No timing is judged here: the targets belong to the benchmark run, not to the tests.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIGURE_KEYS = {
    "scenario",
    "key",
    "name",
    "unit",
    "subject",
    "samples",
    "median",
    "min",
    "max",
    "runs",
    "reference",
    "ratio",
    "target",
    "met",
    "errors",
    "details",
}
EXPECTED = {
    "startup.first_tree.vs.floor",
    "import.time",
    "import.time.vs.textual.app",
    "heavy.spyglass.cli",
    "heavy.spyglass.ui.app",
    "folder.first_entries_after_paint",
    "folder.first_entries_from_exec",
    "folder.end_after_paint",
    "folder.end_from_exec",
    "folder.worst_keypress",
    "folder.first_sorted_from_exec.vs.yazi",
    "folder.tree.first_sorted",
    "folder.tree.end",
    "folder.tree.worst_keypress",
    "folder.tree.worst_keypress_listed",
    "folder.tree.home",
    "folder.tree.page_down",
    "folder.tree.page_up",
    "folder.tree.end_loaded",
    "folder.tree.filter_worst_key",
    "folder.tree.filter_last_key",
}


def test_quick_benchmark_writes_complete_results(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    command = [sys.executable, "-m", "bench", "--quick", "--only", "1,2", "--no-yazi"]
    command += ["--cache", str(tmp_path / "cache"), "--json", str(out)]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stdout + done.stderr

    document = json.loads(out.read_text())
    assert {"machine", "options", "subjects", "fixtures", "figures"} <= document.keys()
    assert document["options"]["runs"] == 2
    assert document["fixtures"]["folder_entries"] == 2_000
    figures = {figure["key"]: figure for figure in document["figures"]}
    assert figures.keys() >= EXPECTED
    for figure in figures.values():
        assert figure.keys() >= FIGURE_KEYS
        assert figure["runs"] == 2 == len(figure["samples"])
        assert figure["min"] <= figure["median"] <= figure["max"]
        assert figure["min"] >= 0
    for key in EXPECTED - {"folder.first_entries_after_paint", *_heavy(figures)}:
        assert figures[key]["median"] > 0, key
    startup = figures["startup.first_tree.vs.floor"]
    assert startup["reference"]["name"] == "floor"
    assert startup["reference"]["median"] > 0
    assert startup["ratio"] > 0
    assert startup["target"]["on"] == "ratio"
    assert startup["met"] in (True, False)
    assert isinstance(figures["heavy.spyglass.cli"]["details"]["loaded"], list)
    versus_yazi = figures["folder.first_sorted_from_exec.vs.yazi"]
    assert versus_yazi["reference_note"] == "left out (--no-yazi)"
    assert "yazi: left out" in done.stdout
    for run in figures["folder.tree.filter_worst_key"]["details"]["per_run"]:
        assert run["matches"][-1] == 1
        assert len(run["latencies_ms"]) == len(run["text"]) == 7
    folder = tmp_path / "cache" / "fixtures-quick" / "folder-2000"
    assert len(list(folder.iterdir())) == 2_000
    assert (folder / "item1999.txt").is_file()


SCALE = {
    f"scale.{measure}.{size}"
    for measure in ("first_sorted", "end", "peak_memory")
    for size in (500, 2_000, 10_000)
}


def test_quick_scaling_line_times_each_size_against_the_one_below(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    command = [sys.executable, "-m", "bench", "--quick", "--only", "7"]
    command += ["--cache", str(tmp_path / "cache"), "--json", str(out)]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stdout + done.stderr

    figures = {figure["key"]: figure for figure in json.loads(out.read_text())["figures"]}
    assert figures.keys() == SCALE
    for figure in figures.values():
        assert figure["runs"] == 2 == len(figure["samples"])
        assert 0 < figure["min"] <= figure["median"] <= figure["max"]
    assert figures["scale.end.2000"]["reference"]["name"] == "500 entries"
    assert figures["scale.first_sorted.10000"]["ceiling"] == 20.0
    folder = tmp_path / "cache" / "fixtures-quick" / "scale-10000" / "big"
    assert (folder / "item-9999.log").is_file()


def _heavy(figures: dict[str, dict[str, object]]) -> set[str]:
    return {key for key in figures if key.startswith("heavy.")}


REMOTE = {
    "remote.csv_bytes",
    "remote.csv_first_row",
    "remote.parquet_bytes",
    "remote.parquet_first_row",
    "remote.prefix_first_entries_after_paint",
    "remote.prefix_first_entries_from_exec",
    "remote.slow_link_worst_keypress",
    "remote.slow_link_small_preview",
}


def test_quick_remote_scenario_counts_bytes_through_the_proxy(tmp_path: Path) -> None:
    if not Path(sys.executable).with_name("moto_server").exists():
        pytest.skip("moto's server is not installed")
    for module in ("s3fs", "pyarrow", "numpy"):
        pytest.importorskip(module)
    out = tmp_path / "results.json"
    command = [sys.executable, "-m", "bench", "--quick", "--only", "5"]
    command += ["--cache", str(tmp_path / "cache"), "--json", str(out)]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr

    figures = {figure["key"]: figure for figure in json.loads(out.read_text())["figures"]}
    assert figures.keys() >= REMOTE
    for figure in figures.values():
        assert figure["runs"] == 2 == len(figure["samples"])
        assert 0 <= figure["min"] <= figure["median"] <= figure["max"]
    for key in ("remote.csv_bytes", "remote.parquet_bytes"):
        assert figures[key]["target"]["text"] == "≤ 4 MiB"
        for run in figures[key]["details"]["per_run"]:
            assert run["downstream_bytes"] > 0
            assert any(line.startswith("GET /bench/") for line in run["exchanges"])
    for run in figures["remote.slow_link_worst_keypress"]["details"]["per_run"]:
        assert run["presses"] >= 10


FOLLOW_ROW = re.compile(
    r"^(?P<name>.+?)\s+median\s+(?P<median>[\d.]+) ms\s+max\s+(?P<max>[\d.]+) ms$"
)


def _follow_rows(*options: str) -> dict[str, tuple[float, float]]:
    command = [sys.executable, "-m", "bench.follow_speed", "--appends", "3", "--megabytes", "0"]
    done = subprocess.run(
        [*command, "--tui", *options], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr
    rows = {}
    for line in done.stdout.splitlines():
        match = FOLLOW_ROW.match(line)
        assert match, line  # a line that missed its marker is no row
        rows[match["name"]] = (float(match["median"]), float(match["max"]))
    return rows


def test_follow_on_screen_times_each_line_in_the_app() -> None:
    rows = _follow_rows()
    assert rows.keys() == {"local, cat -f stdout", "local, TUI screen"}
    for median, longest in rows.values():
        assert 0 < median <= longest


def test_follow_on_screen_over_sftp() -> None:
    if not Path("/usr/sbin/sshd").exists() or os.geteuid() != 0:
        pytest.skip("the loopback sshd needs /usr/sbin/sshd and root")
    rows = _follow_rows("--sftp")
    assert {"sftp, cat -f stdout", "sftp, TUI screen"} <= rows.keys()
    for median, longest in rows.values():
        assert 0 < median <= longest
