"""A hive-partitioned dataset under a bucket prefix previews as one table, over real S3 (moto)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from spyglass.fs.entry import Entry, Kind
from spyglass.location import open_backend, resolve
from spyglass.previews.loader import load_preview
from spyglass.previews.results import TablePreview
from spyglass.sandbox.pool import Sandbox
from tests.remote.servers import MotoServer
from tests.support.counting_backend import CountingBackend
from tests.test_dataset_preview import hive_files

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
