"""Search over every backend: local, memory, S3, GCS, Azure, SFTP and HTTP, and inside a zip."""

from __future__ import annotations

import time
from typing import Any

from bench.counting_proxy import CountingProxy, Exchange
from spyglass.fs.archives import open_archive
from spyglass.fs.backend import Backend
from spyglass.jobs.cancellation import Cancellation
from spyglass.jobs.update import JobState
from spyglass.location import open_backend, resolve
from spyglass.search.jobs import ContentSearchJob, NameSearchJob
from spyglass.search.query import ContentQuery, NameQuery
from spyglass.search.searchers import content_searcher_for, name_searcher_for
from tests.remote.conftest import BUCKET, Case, Servers
from tests.search.support import Run, run_search

OBJECT_STORES = ("s3", "gcs", "azure")


def test_finds_files_and_folders_by_name(case: Case) -> None:
    backend, root = case.backend()
    run = run_search(NameSearchJob(backend, root, NameQuery("*.txt")))
    assert run.final.state is JobState.FINISHED, run.final.error
    assert run.names == ["hello.txt", "nested/deep.txt"]
    assert run_search(NameSearchJob(backend, root, NameQuery("NEST"))).names == ["nested/"]
    files = run_search(NameSearchJob(backend, root, NameQuery("e", kind="file", max_depth=1)))
    assert "nested/deep.txt" not in files.names and "table.parquet" in files.names
    expected = {"sftp": "find on the server"}.get(
        case.name, "listed the bucket" if case.name in OBJECT_STORES else "walked the folder"
    )
    assert run.final.progress.text.startswith(expected)
    assert name_searcher_for(backend).how.startswith(expected)


def test_paths_of_results_open_on_the_backend(case: Case) -> None:
    backend, root = case.backend()
    run = run_search(NameSearchJob(backend, root, NameQuery("deep")))
    [match] = run.results
    assert backend.read_range(match.path, 0, 9) == b"deep down"


def test_finds_lines_in_files_and_reads_big_ones_only_up_to_the_cap(case: Case) -> None:
    backend, root = case.backend()
    run = run_search(
        ContentSearchJob(backend, root, ContentQuery("DEEP|from spy", ignore_case=True))
    )
    assert run.final.state is JobState.FINISHED, run.final.error
    assert [(line.relative, line.line, line.text) for line in run.lines] == [
        ("hello.txt", 1, "hello from spyglass"),
        ("nested/deep.txt", 1, "deep down"),
    ]
    searcher = content_searcher_for(backend)
    if searcher.how.endswith("on the server"):  # the server skips big.log (6 MiB), and says so
        assert "(files over 1.0 MiB not searched)" in run.final.progress.text
        return
    assert "1 file read only up to 1.0 MiB" in run.final.progress.text  # big.log, 6 MiB
    binary = 3  # table.parquet, pic.png and archive.zip have NULs early
    if searcher.how != "rg":
        assert f"{binary} binary files skipped" in run.final.progress.text
        assert run.final.progress.byte_count <= 1024 * 1024 + 64 * 1024


def test_a_zip_is_searched_from_its_index(case: Case) -> None:
    backend, root = case.backend()
    archive = next(
        entry
        for batch in backend.list_batches(root)
        for entry in batch
        if entry.name == "archive.zip"
    )
    inside = open_archive(backend, archive, timeout=15)
    assert run_search(NameSearchJob(inside, "", NameQuery("readme"))).names == ["inner/readme.txt"]
    lines = run_search(ContentSearchJob(inside, "", ContentQuery("zip"))).lines
    assert [(line.relative, line.text) for line in lines] == [
        ("inner/readme.txt", "inside the zip"),
        ("top.json", '{"zipped": true}'),
    ]


def _s3_through_proxy(servers: Servers, proxy: CountingProxy) -> tuple[Backend, str]:
    case = servers.case("s3")
    options: dict[str, Any] = {**case.options, "endpoint_url": proxy.endpoint}
    location = resolve(f"s3://{BUCKET}/pages", options, timeout=15)
    return open_backend(location)


def _listings(proxy: CountingProxy) -> list[Exchange]:
    return [e for e in proxy.exchanges if "list-type=2" in e.request]


LATENCY = 1.0  # seconds the proxy holds each request: a page comes a second after it is asked


def test_s3_first_matches_come_after_the_first_page(servers: Servers) -> None:
    case = servers.case("s3")
    import s3fs

    fs = s3fs.S3FileSystem(**case.options, skip_instance_cache=True)
    fs.pipe({f"{BUCKET}/pages/d{n // 100:02}/item{n:05}.txt": b"x" for n in range(2_500)})
    upstream = int(str(case.options["endpoint_url"]).rsplit(":", 1)[1])
    with CountingProxy(upstream, latency=LATENCY) as proxy:
        backend, root = _s3_through_proxy(servers, proxy)
        assert backend.capabilities.recursive_listing
        first_result: list[float] = []

        def note_first(run: Run, cancellation: Cancellation) -> None:
            if run.results and not first_result:
                first_result.append(time.perf_counter())

        run = run_search(
            NameSearchJob(backend, root, NameQuery("item0000?.txt")), on_update=note_first
        )
        listings = _listings(proxy)
    assert run.names == [f"d00/item{n:05}.txt" for n in range(10)]
    assert len(listings) == 3  # 2,500 keys: three pages of a listing without a delimiter
    assert all("delimiter" not in e.request.lower() for e in listings)
    # the matches of the first page were out before the second page could have come
    assert first_result[0] < listings[1].at + LATENCY


def test_s3_content_search_reads_each_object_once_and_counts_the_bytes(servers: Servers) -> None:
    case = servers.case("s3")
    upstream = int(str(case.options["endpoint_url"]).rsplit(":", 1)[1])
    with CountingProxy(upstream) as proxy:
        location = resolve(
            f"s3://{BUCKET}/data/nested", {**case.options, "endpoint_url": proxy.endpoint}
        )
        backend, root = open_backend(location)
        run = run_search(ContentSearchJob(backend, root, ContentQuery("down")))
        reads = [e for e in proxy.exchanges if e.request.startswith("GET") and e.range]
    assert [line.relative for line in run.lines] == ["deep.txt"]
    assert len(reads) == 1 and run.final.progress.byte_count == len(b"deep down\n")
