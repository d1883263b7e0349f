"""Table formats from the loopback S3 server: a capped copy (DuckDB), range reads (SPSS, ORC)."""

from __future__ import annotations

from pathlib import Path

from spyglass.location import open_backend, resolve
from spyglass.previews.loader import load_preview
from spyglass.previews.preview_options import PreviewOptions
from spyglass.previews.results import TablePreview
from tests.format_samples import orc_bytes, write_duckdb, write_readstat
from tests.remote.conftest import BUCKET, Servers
from tests.support.counting_backend import CountingBackend


def _put(servers: Servers, name: str, data: bytes) -> tuple[CountingBackend, str]:
    import s3fs

    case = servers.case("s3")
    fs = s3fs.S3FileSystem(**case.options, skip_instance_cache=True)
    fs.pipe({f"{BUCKET}/formats/{name}": data})
    location = resolve(f"s3://{BUCKET}/formats/{name}", dict(case.options), timeout=15)
    backend = open_backend(location)[0]
    return CountingBackend(backend), location.path


def test_remote_duckdb_is_copied_up_to_the_cap(servers: Servers, tmp_path: Path) -> None:
    data = write_duckdb(tmp_path / "cities.duckdb").read_bytes()
    backend, path = _put(servers, "cities.duckdb", data)
    preview = load_preview(backend, backend.stat(path))
    assert isinstance(preview, TablePreview), preview.note_texts
    assert preview.payload.parts[0].rows == 30
    small = PreviewOptions(max_sqlite_copy_bytes=4096)
    refused = load_preview(backend, backend.stat(path), options=small)
    assert any("above the 4.0 KiB copy limit" in note for note in refused.note_texts)


def test_remote_spss_and_orc_are_read_in_ranges(servers: Servers, tmp_path: Path) -> None:
    sav = write_readstat(tmp_path / "big.sav", 100_000).read_bytes()
    for name, data in (("big.sav", sav), ("big.orc", orc_bytes(300_000))):
        backend, path = _put(servers, name, data)
        preview = load_preview(backend, backend.stat(path))
        assert isinstance(preview, TablePreview), preview.note_texts
        assert len(preview.payload.rows) == 1_000
        assert preview.payload.total_rows == 100_000 if name == "big.sav" else 300_000
        assert backend.bytes_read < len(data) / 4, (name, backend.bytes_read, len(data))
