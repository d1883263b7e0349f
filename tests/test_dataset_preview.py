"""A folder of Parquet or CSV files, hive partitions too, previews as one table."""

from __future__ import annotations

import io
from pathlib import Path

from spyglass.config import Config
from spyglass.fs.entry import Entry, Kind
from spyglass.fs.local_backend import LocalBackend
from spyglass.location import resolve
from spyglass.previews.dataset_files import looks_like_dataset, partition
from spyglass.previews.loader import load_preview
from spyglass.previews.preview_options import PreviewOptions
from spyglass.previews.results import MessagePreview, NoteKind, Preview, TablePreview
from spyglass.sandbox.pool import Sandbox
from spyglass.ui.app import SpyglassApp
from spyglass.ui.table_panel import TablePanel
from tests.support.counting_backend import CountingBackend
from tests.support.pilot import settle


def parquet_of(rows: dict[str, list[object]]) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    buffer = io.BytesIO()
    pq.write_table(pa.table(rows), buffer)
    return buffer.getvalue()


def hive_files(files_per_part: int = 1, rows: int = 5) -> dict[str, bytes]:
    """year=2023..2024 / region=eu,us: four partitions, the partition columns not in the files."""
    files = {"_SUCCESS": b""}
    for year in (2023, 2024):
        for region in ("eu", "us"):
            for index in range(files_per_part):
                data = parquet_of(
                    {"id": list(range(rows)), "value": [year + i / 10 for i in range(rows)]}
                )
                files[f"year={year}/region={region}/part-{index:03d}.parquet"] = data
    return files


def _write(root: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def _preview(
    root: Path, backend: LocalBackend | CountingBackend | None = None, max_rows: int = 1000
) -> Preview:
    chosen = backend or LocalBackend()
    sandbox = Sandbox()
    try:
        entry = Entry(root.name, str(root), Kind.FOLDER)
        options = PreviewOptions(max_rows=max_rows)
        return load_preview(chosen, entry, options=options, sandbox=sandbox)
    finally:
        sandbox.close()


def test_partition_names_are_read_hive_style() -> None:
    assert partition("year=2024") == ("year", "2024")
    assert partition("city=S%C3%A3o%20Paulo") == ("city", "S\u00e3o Paulo")
    assert partition("plain") is None
    assert partition("a=b=c") is None


def test_a_dataset_is_recognised_from_the_folder_listing_alone(tmp_path: Path) -> None:
    _write(tmp_path / "ds", hive_files())
    (tmp_path / "mixed").mkdir()
    (tmp_path / "mixed" / "a.parquet").write_bytes(b"")
    (tmp_path / "mixed" / "README.md").write_text("hi")
    backend = LocalBackend()

    def listed(path: Path) -> list[Entry]:
        return [entry for batch in backend.list_batches(str(path)) for entry in batch]

    assert looks_like_dataset(listed(tmp_path / "ds"))
    assert not looks_like_dataset(listed(tmp_path / "mixed"))
    assert not looks_like_dataset(listed(tmp_path / "ds" / "year=2023" / "region=eu")[:0])


def test_hive_partitioned_folder_previews_as_one_table_with_partition_columns(
    tmp_path: Path,
) -> None:
    files = hive_files()
    _write(tmp_path / "sales", files)
    preview = _preview(tmp_path / "sales")
    assert isinstance(preview, TablePreview), preview
    table = preview.payload
    assert preview.title == "Parquet dataset"
    assert [column.name for column in table.columns] == ["id", "value", "year", "region"]
    assert table.columns[2].type == "int" and table.columns[2].numeric
    assert len(table.rows) == 20
    assert table.rows[0] == ["0", "2023.0", "2023", "eu"]
    assert table.rows[-1] == ["4", "2024.4", "2024", "us"]
    size = sum(len(data) for data in files.values())
    assert preview.note_texts[:3] == [
        "20 rows \u00d7 4 columns",
        f"4 files, {size / 1024:.1f} KiB",
        "partitioned by year, region",
    ]


def test_a_big_dataset_reads_its_first_files_only_up_to_the_row_limit(tmp_path: Path) -> None:
    _write(tmp_path / "big", hive_files(files_per_part=5, rows=40))
    backend = CountingBackend(LocalBackend())
    preview = _preview(tmp_path / "big", backend, max_rows=100)
    assert isinstance(preview, TablePreview)
    table = preview.payload
    assert len(table.rows) == 100
    assert not table.exact_total and table.shape().startswith("at least 120 rows")
    assert "20 files" in preview.note_texts[1]
    parts = [note.text for note in preview.notes if note.kind is NoteKind.PART]
    assert "first 3 files read" in parts
    assert len(backend.reads) <= 3 * 4  # a head and a footer or two for each file read
    assert [row[2:] for row in table.rows[::40]] == [["2023", "eu"]] * 3  # the first files
    assert backend.listings == 1 + 2 + 4  # the folder, the years, the regions


def test_a_folder_of_csv_files_previews_as_one_table(tmp_path: Path) -> None:
    root = tmp_path / "logs"
    root.mkdir()
    (root / "a.csv").write_text("city,temp\nOslo,9\nLima,10\n")
    (root / "b.csv").write_text("city,temp,wind\nRiga,3,12\n")
    preview = _preview(root)
    assert isinstance(preview, TablePreview)
    assert preview.title == "CSV dataset"
    assert [column.name for column in preview.payload.columns] == ["city", "temp", "wind"]
    assert preview.payload.rows == [["Oslo", "9", None], ["Lima", "10", None], ["Riga", "3", "12"]]


def test_a_plain_folder_is_still_summed_up(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hi")
    preview = _preview(tmp_path)
    assert isinstance(preview, MessagePreview) and preview.title == "Folder"


async def test_the_tree_shows_a_dataset_folder_as_a_table_and_enter_opens_it(
    tmp_path: Path,
) -> None:
    _write(tmp_path / "sales", hive_files())
    app = SpyglassApp(resolve(str(tmp_path)), Config())
    async with app.run_test(size=(140, 30)) as pilot:
        await settle(pilot)
        tree = app.file_tree
        await pilot.press("down")
        await settle(pilot)
        assert tree.cursor_entry is not None and tree.cursor_entry.name == "sales"
        table = app.query_one(TablePanel).table
        assert table is not None and table.kind == "dataset"
        assert [column.name for column in table.columns][-2:] == ["year", "region"]
        await pilot.press("enter")
        await settle(pilot)
        assert "sales" in {path.rsplit("/", 1)[-1] for path in tree.model.folders}
        assert tree.model.folders[str(tmp_path / "sales")].entries
        # Opened, the folder is previewed from the tree's own listing: still the one table.
        assert app.preview_pane.preview is not None
        assert app.preview_pane.preview.title == "Parquet dataset"


def test_partition_names_and_values_from_a_hostile_folder_are_made_safe(tmp_path: Path) -> None:
    root = tmp_path / "odd"
    part = root / "k%1B%5B31m=v%E2%80%AEx"
    part.mkdir(parents=True)
    (part / "a.csv").write_text("n\n1\n")
    preview = _preview(root)
    assert isinstance(preview, TablePreview)
    texts = " ".join(preview.note_texts) + " ".join(c.name for c in preview.payload.columns)
    assert "\x1b" not in texts and "\u202e" not in texts
    assert preview.payload.rows[0][1] is not None and "\u202e" not in preview.payload.rows[0][1]
