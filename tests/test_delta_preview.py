"""A Delta Lake table previews from its log: live files only, its schema and partitions."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from spyglass.fs.entry import Entry, Kind
from spyglass.fs.local_backend import LocalBackend
from spyglass.previews.delta_log import log_tail
from spyglass.previews.loader import load_preview
from spyglass.previews.preview_options import PreviewOptions
from spyglass.previews.results import NoteKind, Preview, TablePreview
from spyglass.sandbox.pool import Sandbox
from tests.support.counting_backend import CountingBackend


def write_sales(root: Path) -> None:
    """Two commits: five rows in three partitions, then an overwrite with two rows."""
    import pyarrow as pa
    from deltalake import write_deltalake

    first = pa.table({"id": [1, 2, 3, 4, 5], "region": ["eu", "us", "eu", "asia", "us"]})
    write_deltalake(str(root), first, partition_by=["region"])
    second = pa.table({"id": [10, 11], "region": ["eu", "sa"]})
    write_deltalake(str(root), second, partition_by=["region"], mode="overwrite")


def parquet_files(root: Path) -> list[Path]:
    return [path for path in root.rglob("*.parquet") if "_delta_log" not in path.parts]


def preview_of(
    root: Path, backend: LocalBackend | CountingBackend | None = None, max_rows: int = 1000
) -> Preview:
    sandbox = Sandbox()
    try:
        entry = Entry(root.name, str(root), Kind.FOLDER)
        options = PreviewOptions(max_rows=max_rows)
        return load_preview(backend or LocalBackend(), entry, options=options, sandbox=sandbox)
    finally:
        sandbox.close()


def test_removed_files_of_an_overwritten_table_are_not_shown(tmp_path: Path) -> None:
    root = tmp_path / "sales"
    write_sales(root)
    assert len(parquet_files(root)) == 5  # the overwritten files are still on disk
    preview = preview_of(root)
    assert isinstance(preview, TablePreview), preview
    assert preview.title == "Delta Lake dataset"
    table = preview.payload
    assert [column.name for column in table.columns] == ["id", "region"]
    assert sorted(table.rows) == [["10", "eu"], ["11", "sa"]]
    assert table.total_rows == 2 and table.exact_total
    texts = preview.note_texts
    assert texts[0] == "2 rows \u00d7 2 columns"
    assert texts[1].startswith("2 files, ")
    assert "partitioned by region" in texts
    assert "Delta Lake version 1: the live files its log lists" in texts
    assert not [note for note in preview.notes if note.kind is NoteKind.PROBLEM]


def test_a_table_previews_again_after_other_files_in_the_same_sandbox(tmp_path: Path) -> None:
    """The log reader gets a child of its own: not one a Parquet decode left its mappings in."""
    root = tmp_path / "sales"
    write_sales(root)
    sandbox = Sandbox()
    try:
        entry = Entry(root.name, str(root), Kind.FOLDER)
        for _ in range(3):
            preview = load_preview(LocalBackend(), entry, sandbox=sandbox)
            assert isinstance(preview, TablePreview), preview
            assert sorted(preview.payload.rows) == [["10", "eu"], ["11", "sa"]]
            assert not [note for note in preview.notes if note.kind is NoteKind.PROBLEM]
    finally:
        sandbox.close()


def test_a_big_table_reads_only_its_first_live_files_up_to_the_row_limit(tmp_path: Path) -> None:
    import pyarrow as pa
    from deltalake import write_deltalake

    root = tmp_path / "big"
    for batch in range(6):  # six appends, one file each
        rows = pa.table({"n": list(range(batch * 50, batch * 50 + 50))})
        write_deltalake(str(root), rows, mode="append")
    backend = CountingBackend(LocalBackend())
    preview = preview_of(root, backend, max_rows=120)
    assert isinstance(preview, TablePreview), preview
    assert len(preview.payload.rows) == 120
    assert preview.payload.total_rows == 300 and preview.payload.exact_total  # from the log
    assert preview.note_texts[1].startswith("6 files, ")
    assert "first 3 files read" in preview.note_texts
    assert len(backend.reads) <= 3 * 4  # a head and a footer or two for each file read
    assert backend.listings == 1  # the folder itself: the log says where the files are


def test_a_corrupt_log_is_a_sentence_and_the_files_are_listed_as_they_are(tmp_path: Path) -> None:
    root = tmp_path / "broken"
    write_sales(root)
    (root / "_delta_log" / "00000000000000000001.json").write_text("{not json\x1b[31m\n")
    preview = preview_of(root)
    assert isinstance(preview, TablePreview), preview
    assert preview.title == "Delta Lake dataset"
    problems = [note.text for note in preview.notes if note.kind is NoteKind.PROBLEM]
    assert len(problems) == 1
    assert problems[0].startswith("its Delta Lake log could not be read (")
    assert problems[0].endswith("may include removed ones")
    assert "\x1b" not in problems[0]
    assert len(preview.payload.rows) == 7  # every file in the folders, removed ones too


def test_without_the_reader_the_log_is_not_read_and_the_note_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "sales"
    write_sales(root)
    monkeypatch.setitem(sys.modules, "deltalake", None)  # as if the lakes extra were missing
    preview = preview_of(root)
    assert isinstance(preview, TablePreview), preview
    problems = [note.text for note in preview.notes if note.kind is NoteKind.PROBLEM]
    assert problems == [
        "its Delta Lake log is not read (the lakes extra reads it): the data files are shown"
        " as they are, and may include removed ones"
    ]


def test_a_checkpoint_and_the_commits_after_it_are_the_log_tail() -> None:
    names = [
        "00000000000000000000.json",
        "00000000000000000001.json",
        "00000000000000000002.checkpoint.parquet",
        "00000000000000000002.json",
        "00000000000000000003.json",
        "00000000000000000004.checkpoint.0000000001.0000000002.parquet",  # one part missing
        "00000000000000000004.json",
        "_last_checkpoint",
        ".00000000000000000005.json.tmp",
    ]
    assert log_tail(names) == [
        "00000000000000000002.checkpoint.parquet",
        "00000000000000000003.json",
        "00000000000000000004.json",
    ]
    assert log_tail(["00000000000000000000.json"]) == ["00000000000000000000.json"]
