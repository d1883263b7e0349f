"""The same behaviour over every backend: local, memory, S3, GCS, Azure, SFTP and HTTP."""

from __future__ import annotations

import pytest

from spyglass.fs.archives import open_archive
from spyglass.fs.backend import Backend
from spyglass.fs.download import download
from spyglass.fs.entry import Entry, Kind
from spyglass.location import resolve
from spyglass.previews.loader import load_preview
from spyglass.previews.results import DataPreview, MessagePreview, TextPreview
from tests.remote.conftest import BIG_LOG_BYTES, BUCKET, Case, CountingBackend, corpus_files

BUDGET = 1024 * 1024


def _entries(backend: Backend, path: str) -> dict[str, Entry]:
    return {entry.name: entry for batch in backend.list_batches(path) for entry in batch}


def test_lists_the_root_with_kinds_and_sizes(case: Case) -> None:
    backend, root = case.backend()
    entries = _entries(backend, root)
    assert set(entries) == {
        "nested",
        "hello.txt",
        "config.json",
        "table.csv",
        "table.parquet",
        "pic.png",
        "archive.zip",
        "big.log",
    }
    assert entries["nested"].kind is Kind.FOLDER
    assert entries["hello.txt"].kind is Kind.FILE
    if case.name != "http":  # an HTML index gives no sizes
        assert entries["big.log"].size == BIG_LOG_BYTES


def test_expands_a_nested_folder(case: Case) -> None:
    backend, root = case.backend()
    nested = _entries(backend, root)["nested"]
    inside = _entries(backend, nested.path)
    assert list(inside) == ["deep.txt"]
    preview = load_preview(backend, inside["deep.txt"])
    assert isinstance(preview, TextPreview)
    assert preview.lines == ["deep down"]


def test_previews_text_json_csv_parquet_and_image(case: Case) -> None:
    backend, root = case.backend()
    entries = _entries(backend, root)
    text = load_preview(backend, entries["hello.txt"])
    assert isinstance(text, TextPreview) and text.lines == ["hello from spyglass"]
    json_preview = load_preview(backend, entries["config.json"])
    assert isinstance(json_preview, TextPreview) and json_preview.lexer == "json"
    assert '  "name": "spyglass",' in json_preview.lines
    for name in ("table.csv", "table.parquet"):
        table = load_preview(backend, entries[name])
        assert isinstance(table, DataPreview) and table.view == "table", (name, table)
    image = load_preview(backend, entries["pic.png"])
    assert isinstance(image, DataPreview) and image.view == "image"


def test_zip_opens_as_a_folder(case: Case) -> None:
    backend, root = case.backend()
    archive = _entries(backend, root)["archive.zip"]
    inside = open_archive(backend, archive, timeout=15)
    top = _entries(inside, "")
    assert top["inner"].kind is Kind.FOLDER
    assert top["top.json"].kind is Kind.FILE
    readme = _entries(inside, top["inner"].path)["readme.txt"]
    preview = load_preview(inside, readme)
    assert isinstance(preview, TextPreview) and preview.lines == ["inside the zip"]
    assert inside.display(readme.path).endswith("archive.zip/inner/readme.txt")


def test_missing_object_is_a_sentence(case: Case) -> None:
    backend, root = case.backend()
    ghost = Entry("ghost.txt", backend.join(root, "ghost.txt"), Kind.FILE, size=10)
    preview = load_preview(backend, ghost)
    assert isinstance(preview, MessagePreview) and preview.level == "error"
    assert "ghost.txt" in preview.message
    assert "Traceback" not in preview.message


def test_large_object_reads_stay_within_the_budget(case: Case) -> None:
    backend, root = case.backend()
    counting = CountingBackend(backend)
    big = _entries(backend, root)["big.log"]
    preview = load_preview(counting, big, BUDGET)
    assert isinstance(preview, TextPreview)
    assert preview.lines[0].startswith("2026-01-02T03:04:05 INFO")
    assert counting.bytes_read <= BUDGET
    assert counting.reads == 1


def test_downloads_a_file_and_a_folder(
    case: Case, tmp_path_factory: pytest.TempPathFactory
) -> None:
    backend, root = case.backend()
    entries = _entries(backend, root)
    target = tmp_path_factory.mktemp(f"download-{case.name}")
    result = download(backend, entries["table.parquet"], target)
    assert not result.errors
    assert (target / "table.parquet").read_bytes() == corpus_files()["table.parquet"]
    result = download(backend, entries["nested"], target)
    assert not result.errors
    assert (target / "nested" / "deep.txt").read_bytes() == b"deep down\n"


def test_s3_prefix_fills_in_page_by_page(servers: object) -> None:
    case = servers.case("s3")  # type: ignore[attr-defined]
    import s3fs

    fs = s3fs.S3FileSystem(**case.options, skip_instance_cache=True)
    fs.pipe({f"{BUCKET}/many/item{index:05}.txt": b"x" for index in range(2_500)})
    location = resolve(f"s3://{BUCKET}/many", dict(case.options), timeout=15)
    batches = [len(batch) for batch in location.backend().list_batches(location.path)]
    assert len(batches) >= 3
    assert batches[0] <= 1_000
    assert sum(batches) == 2_500


def test_wrong_azure_key_is_an_access_denied_sentence(servers: object) -> None:
    case = servers.case("azure")  # type: ignore[attr-defined]
    wrong = str(case.options["connection_string"]).replace("AccountKey=Eby8", "AccountKey=AAAA")
    location = resolve(f"az://{BUCKET}/data", {"connection_string": wrong}, timeout=15)
    backend = location.backend()
    preview = load_preview(backend, Entry("data", location.path, Kind.FOLDER))
    assert isinstance(preview, MessagePreview) and preview.level == "error"
    assert "access denied" in preview.message
    assert "AAAA" not in preview.message  # the key stays secret


def test_missing_bucket_is_a_sentence(servers: object) -> None:
    case = servers.case("s3")  # type: ignore[attr-defined]
    location = resolve("s3://no-such-bucket/data", dict(case.options), timeout=15)
    preview = load_preview(location.backend(), Entry("data", location.path, Kind.FOLDER))
    assert isinstance(preview, MessagePreview) and preview.level == "error"
    assert "does not exist" in preview.message
