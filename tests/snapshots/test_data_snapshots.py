"""SVG snapshots of the table and image previews on fixed, generated fixtures."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from fsspec.implementations.memory import MemoryFileSystem
from textual.pilot import Pilot

from spyglass.fs.fsspec_backend import FsspecBackend
from tests.data_app import PaneApp, focus_view
from tests.data_samples import (
    csv_text,
    image_bytes,
    parquet_bytes,
    records,
    write_sqlite,
    xlsx_bytes,
)
from tests.support.pilot import settle

SIZE = (100, 24)

pytest.importorskip("pyarrow")
pytest.importorskip("openpyxl")
pytest.importorskip("PIL")


# A memory filesystem: the same shown path ("memory:///snapshots/...") on every machine.
_FOLDER = "/snapshots"


@pytest.fixture
def files(memory_fs: MemoryFileSystem) -> Callable[[str, bytes | str], PaneApp]:
    backend = FsspecBackend(memory_fs, "memory")

    def make(name: str, data: bytes | str) -> PaneApp:
        memory_fs.pipe_file(f"{_FOLDER}/{name}", data.encode() if isinstance(data, str) else data)
        return PaneApp(f"{_FOLDER}/{name}", backend=backend)

    return make


def _keys(*keys: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    async def play(pilot: Pilot[None]) -> None:
        await settle(pilot)
        if keys:
            await focus_view(pilot)
            await pilot.press(*keys)
            await settle(pilot)

    return play


def test_csv_table(files: Any, snap_compare: Any) -> None:
    app = files("weather.csv", csv_text(40))
    assert snap_compare(app, terminal_size=SIZE, run_before=_keys("down", "right"))


def test_wide_table_scrolled_right_keeps_row_numbers(
    files: Any, snap_compare: Any, tmp_path: Path
) -> None:
    header = ",".join(f"column_{i}" for i in range(20))
    rows = "".join(",".join(f"r{r}c{c}" for c in range(20)) + "\n" for r in range(60))
    app = files("wide.csv", header + "\n" + rows)
    play = _keys(*["right"] * 14, "pagedown")
    assert snap_compare(app, terminal_size=SIZE, run_before=play)


def test_long_cell_detail(files: Any, snap_compare: Any) -> None:
    value = json.dumps({"tags": ["a", "b"], "note": "a long value " * 12})
    app = files("notes.jsonl", json.dumps({"id": 1, "meta": json.loads(value)}) + "\n")
    play = _keys("right", "enter")
    assert snap_compare(app, terminal_size=SIZE, run_before=play)


def test_parquet_table(files: Any, snap_compare: Any) -> None:
    app = files("weather.parquet", parquet_bytes(300, row_group_size=100))
    assert snap_compare(app, terminal_size=SIZE, run_before=_keys())


def test_parquet_schema(files: Any, snap_compare: Any) -> None:
    data = parquet_bytes(300, row_group_size=100, compression="zstd")
    app = files("weather.parquet", data)
    assert snap_compare(app, terminal_size=SIZE, run_before=_keys("s"))


def test_excel_second_sheet(files: Any, snap_compare: Any) -> None:
    app = files("book.xlsx", xlsx_bytes())
    play = _keys("right_square_bracket")
    assert snap_compare(app, terminal_size=SIZE, run_before=play)


def test_sqlite_tables(files: Any, snap_compare: Any, tmp_path: Path) -> None:
    write_sqlite(tmp_path / "cities.db")
    app = files("cities.db", (tmp_path / "cities.db").read_bytes())
    assert snap_compare(app, terminal_size=SIZE, run_before=_keys())


def test_json_array_table(files: Any, snap_compare: Any) -> None:
    app = files("days.json", json.dumps(records(12)))
    assert snap_compare(app, terminal_size=SIZE, run_before=_keys())


def test_ragged_csv_falls_back_to_text(files: Any, snap_compare: Any) -> None:
    app = files("ragged.csv", "a,b,c\n1,2,3\n4,5\n")
    assert snap_compare(app, terminal_size=SIZE, run_before=_keys())


def test_image_half_blocks(files: Any, snap_compare: Any) -> None:
    app = files("quadrants.png", image_bytes("PNG", (64, 40)))
    assert snap_compare(app, terminal_size=SIZE, run_before=_keys())
