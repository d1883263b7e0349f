"""A hive-partitioned dataset under a bucket prefix previews as one table, over real S3 (moto)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from spyglass.fs.entry import Entry, Kind
from spyglass.location import open_backend, resolve
from spyglass.previews.loader import load_preview
from spyglass.previews.results import NoteKind, TablePreview
from spyglass.sandbox.pool import Sandbox
from tests.remote.servers import MotoServer
from tests.support.counting_backend import CountingBackend
from tests.test_dataset_preview import hive_files
from tests.test_delta_preview import write_sales
from tests.test_iceberg_preview import write_iceberg_sales

BUCKET = "datasets"


@pytest.fixture
def moto() -> Iterator[MotoServer]:
    server = MotoServer()
    server.start()
    yield server
    server.cleanup()


def test_a_partitioned_prefix_in_a_bucket_previews_as_one_table(moto: MotoServer) -> None:
    import s3fs

    fs = s3fs.S3FileSystem(**moto.options(), skip_instance_cache=True)
    fs.mkdir(BUCKET)
    files = hive_files()
    fs.pipe({f"{BUCKET}/sales/{name}": data for name, data in files.items()})
    backend, root = open_backend(resolve(f"s3://{BUCKET}/sales/", dict(moto.options())))
    counting = CountingBackend(backend)
    sandbox = Sandbox()
    try:
        preview = load_preview(counting, Entry("sales", root, Kind.FOLDER), sandbox=sandbox)
    finally:
        sandbox.close()
    assert isinstance(preview, TablePreview), preview
    table = preview.payload
    assert preview.title == "Parquet dataset"
    assert [column.name for column in table.columns] == ["id", "value", "year", "region"]
    assert len(table.rows) == 20
    assert {(row[2], row[3]) for row in table.rows} == {
        ("2023", "eu"), ("2023", "us"), ("2024", "eu"), ("2024", "us"),
    }  # fmt: skip
    size = sum(len(data) for data in files.values())
    assert preview.note_texts[1] == f"4 files, {size / 1024:.1f} KiB"
    assert "partitioned by year, region" in preview.note_texts
    assert counting.listings == 1 + 2 + 4  # one listing per folder, none repeated


def _upload(fs: Any, local: Path, prefix: str) -> None:
    files = {
        f"{prefix}/{path.relative_to(local).as_posix()}": path.read_bytes()
        for path in local.rglob("*")
        if path.is_file()
    }
    fs.pipe(files)


def test_a_delta_table_in_a_bucket_shows_only_its_live_files(
    moto: MotoServer, tmp_path: Path
) -> None:
    import s3fs
    from deltalake import DeltaTable

    local = tmp_path / "sales"
    write_sales(local)
    DeltaTable(str(local)).create_checkpoint()  # the tail copied is the checkpoint alone
    fs = s3fs.S3FileSystem(**moto.options(), skip_instance_cache=True)
    fs.mkdir(BUCKET)
    _upload(fs, local, f"{BUCKET}/sales")
    backend, root = open_backend(resolve(f"s3://{BUCKET}/sales/", dict(moto.options())))
    counting = CountingBackend(backend)
    sandbox = Sandbox()
    try:
        preview = load_preview(counting, Entry("sales", root, Kind.FOLDER), sandbox=sandbox)
    finally:
        sandbox.close()
    assert isinstance(preview, TablePreview), preview
    assert preview.title == "Delta Lake dataset"
    assert sorted(preview.payload.rows) == [["10", "eu"], ["11", "sa"]]
    assert preview.payload.total_rows == 2 and preview.payload.exact_total
    assert "Delta Lake version 1: the live files its log lists" in preview.note_texts
    assert counting.listings == 2  # the table's folder and its log, no partition walk


def test_a_corrupt_delta_log_in_a_bucket_is_a_sentence(moto: MotoServer, tmp_path: Path) -> None:
    import s3fs

    local = tmp_path / "sales"
    write_sales(local)
    (local / "_delta_log" / "00000000000000000001.json").write_bytes(b"\x00garbage")
    fs = s3fs.S3FileSystem(**moto.options(), skip_instance_cache=True)
    fs.mkdir(BUCKET)
    _upload(fs, local, f"{BUCKET}/broken")
    backend, root = open_backend(resolve(f"s3://{BUCKET}/broken/", dict(moto.options())))
    sandbox = Sandbox()
    try:
        preview = load_preview(backend, Entry("broken", root, Kind.FOLDER), sandbox=sandbox)
    finally:
        sandbox.close()
    assert isinstance(preview, TablePreview), preview
    problems = [note.text for note in preview.notes if note.kind is NoteKind.PROBLEM]
    assert len(problems) == 1 and "log could not be read" in problems[0]
    assert "testing" not in problems[0]  # no key in the sentence
    assert len(preview.payload.rows) == 7  # the folders as they are


def test_an_iceberg_table_in_a_bucket_shows_only_its_live_files(
    moto: MotoServer, tmp_path: Path
) -> None:
    """Its metadata names files by the local paths it was written at: read under the prefix."""
    import s3fs

    local = write_iceberg_sales(tmp_path)
    fs = s3fs.S3FileSystem(**moto.options(), skip_instance_cache=True)
    fs.mkdir(BUCKET)
    _upload(fs, local, f"{BUCKET}/isales")
    backend, root = open_backend(resolve(f"s3://{BUCKET}/isales/", dict(moto.options())))
    counting = CountingBackend(backend)
    sandbox = Sandbox()
    try:
        preview = load_preview(counting, Entry("isales", root, Kind.FOLDER), sandbox=sandbox)
    finally:
        sandbox.close()
    assert isinstance(preview, TablePreview), preview
    assert preview.title == "Iceberg dataset"
    assert sorted(preview.payload.rows) == [["10", "eu"], ["11", "sa"]]
    assert not [note for note in preview.notes if note.kind is NoteKind.PROBLEM]
    assert counting.listings == 2  # the table's folder and metadata/
