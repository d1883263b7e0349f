"""An Iceberg table previews from its newest metadata: live files only, schema, partitions."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from spyglass.fs.entry import Entry, Kind
from spyglass.fs.local_backend import LocalBackend
from spyglass.previews.iceberg_metadata import newest_metadata
from spyglass.previews.loader import load_preview
from spyglass.previews.results import NoteKind, Preview, TablePreview
from spyglass.sandbox.pool import Sandbox
from tests.support.counting_backend import CountingBackend


def write_iceberg_sales(warehouse: Path) -> Path:
    """Two snapshots: five rows partitioned by region, then an overwrite with two rows."""
    import pyarrow as pa
    from pyiceberg.catalog.sql import SqlCatalog

    catalog = SqlCatalog(
        "fixtures", uri=f"sqlite:///{warehouse}/catalog.db", warehouse=warehouse.as_uri()
    )
    catalog.create_namespace("db")
    first = pa.table(
        {"id": pa.array([1, 2, 3, 4, 5], pa.int64()), "region": ["eu", "us", "eu", "asia", "us"]}
    )
    table = catalog.create_table("db.sales", schema=first.schema)
    with table.update_spec() as spec:
        spec.add_identity("region")
    table.append(first)
    table.overwrite(pa.table({"id": pa.array([10, 11], pa.int64()), "region": ["eu", "sa"]}))
    return warehouse / "db" / "sales"


def newest_metadata_file(root: Path) -> Path:
    return max((root / "metadata").glob("*.metadata.json"))


def preview_of(root: Path, backend: LocalBackend | CountingBackend | None = None) -> Preview:
    sandbox = Sandbox()
    try:
        entry = Entry(root.name, str(root), Kind.FOLDER)
        return load_preview(backend or LocalBackend(), entry, sandbox=sandbox)
    finally:
        sandbox.close()


def test_removed_files_of_an_overwritten_iceberg_table_are_not_shown(tmp_path: Path) -> None:
    root = write_iceberg_sales(tmp_path)
    data_files = list((root / "data").rglob("*.parquet"))
    assert len(data_files) == 5  # the overwritten files are still on disk
    backend = CountingBackend(LocalBackend())
    preview = preview_of(root, backend)
    assert isinstance(preview, TablePreview), preview
    assert preview.title == "Iceberg dataset"
    table = preview.payload
    assert [column.name for column in table.columns] == ["id", "region"]
    assert sorted(table.rows) == [["10", "eu"], ["11", "sa"]]
    assert table.total_rows == 2 and table.exact_total
    assert preview.note_texts[1].startswith("2 files, ")
    assert "partitioned by region" in preview.note_texts
    assert any(
        text.startswith("Iceberg snapshot ") and text.endswith("the live files its metadata lists")
        for text in preview.note_texts
    )
    assert not [note for note in preview.notes if note.kind is NoteKind.PROBLEM]
    assert backend.listings == 2  # the table's folder and metadata/, no walk of data/


def test_a_file_io_named_by_the_table_itself_is_never_loaded(tmp_path: Path) -> None:
    from pyiceberg.table import StaticTable

    root = write_iceberg_sales(tmp_path)
    newest = newest_metadata_file(root)
    document = json.loads(newest.read_text())
    document["properties"]["py-io-impl"] = "spyglass_no_such_module.Loader"
    newest.write_text(json.dumps(document))
    with pytest.raises(ValueError, match="Could not initialize FileIO"):
        StaticTable.from_metadata(newest.as_uri())  # what the table asks pyiceberg to import
    preview = preview_of(root)
    assert isinstance(preview, TablePreview), preview
    assert sorted(preview.payload.rows) == [["10", "eu"], ["11", "sa"]]
    assert "spyglass_no_such_module" not in sys.modules


def test_corrupt_iceberg_metadata_is_a_sentence_and_the_files_are_listed(tmp_path: Path) -> None:
    root = write_iceberg_sales(tmp_path)
    newest_metadata_file(root).write_bytes(b"{\x1b[31m broken")
    preview = preview_of(root)
    assert isinstance(preview, TablePreview), preview
    problems = [note.text for note in preview.notes if note.kind is NoteKind.PROBLEM]
    assert len(problems) == 1
    assert problems[0].startswith("its Iceberg metadata could not be read (")
    assert "\x1b" not in problems[0]
    assert len(preview.payload.rows) == 7  # every data file, removed ones too


def test_without_pyiceberg_the_metadata_is_not_read_and_the_note_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_iceberg_sales(tmp_path)
    monkeypatch.setitem(sys.modules, "pyiceberg", None)  # as if the lakes extra were missing
    preview = preview_of(root)
    assert isinstance(preview, TablePreview), preview
    problems = [note.text for note in preview.notes if note.kind is NoteKind.PROBLEM]
    assert problems == [
        "its Iceberg metadata is not read (the lakes extra reads it): the data files are shown"
        " as they are, and may include removed ones"
    ]


def test_the_newest_metadata_file_is_chosen_by_its_version() -> None:
    names = [
        "00002-aa.metadata.json",
        "00010-bb.metadata.json",
        "snap-1-0-cc.avro",
        "version-hint.text",
        "00009-dd.metadata.json",
    ]
    assert newest_metadata(names) == "00010-bb.metadata.json"
    assert newest_metadata(["v1.metadata.json", "v12.metadata.json"]) == "v12.metadata.json"
    assert newest_metadata(["x.avro"]) is None
