"""Name search over a bucket against one bare recursive listing of it, through the counting proxy.

Run: python -m bench.bucket_search [--runs N] [--keys N]. moto serves the bucket
in this process (its objects are put straight into its store, which takes a
second for 20,000 keys); the proxy counts what crosses the wire.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import time
from typing import Any

from bench.counting_proxy import CountingProxy, Traffic
from bench.moto_server import free_port
from bench.search_speed import _interleaved, _job_seconds, _report
from spyglass.fs.backend import Backend
from spyglass.location import open_backend, resolve
from spyglass.search.jobs import NameSearchJob
from spyglass.search.query import NameQuery

BUCKET = "search-bench"
PREFIX = "logs"


def _serve(keys: int) -> int:
    from moto.core.models import DEFAULT_ACCOUNT_ID
    from moto.s3.models import s3_backends
    from moto.server import ThreadedMotoServer

    store = s3_backends[DEFAULT_ACCOUNT_ID]["aws"]
    store.create_bucket(BUCKET, "us-east-1")
    for index in range(keys):
        folder = index // 100
        store.put_object(BUCKET, f"{PREFIX}/day{folder:03d}/item{index:05d}.log", b"x")
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # a line per request otherwise
    port = free_port()
    ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False).start()
    return port


def _backend(endpoint: str) -> tuple[Backend, str]:
    options: dict[str, Any] = {"endpoint_url": endpoint, "key": "testing", "secret": "testing"}
    return open_backend(resolve(f"s3://{BUCKET}/{PREFIX}/", options=options))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keys", type=int, default=20_000)
    args = parser.parse_args()
    proxy = CountingProxy(_serve(args.keys)).start()
    traffic: dict[str, list[Traffic]] = {"listing": [], "search": []}

    def counted(name: str, work: Any) -> float:
        backend, root = _backend(proxy.endpoint)
        before = proxy.traffic()
        started = time.perf_counter()
        work(backend, root)
        seconds = time.perf_counter() - started
        traffic[name].append(proxy.traffic() - before)
        return seconds

    def listing(backend: Backend, root: str) -> None:
        assert sum(len(batch) for batch in backend.list_recursive(root)) == args.keys

    def search(backend: Backend, root: str) -> None:
        _, _, found = _job_seconds(NameSearchJob(backend, root, NameQuery("item01999")))
        assert found == 1, found

    samples = _interleaved(
        args.runs,
        {
            "one bare recursive listing": lambda: counted("listing", listing),
            "NameSearchJob": lambda: counted("search", search),
        },
    )
    _report(f"name search over {args.keys:,} keys (moto)", samples, "one bare recursive listing")
    for name, seen in traffic.items():
        down = statistics.median(item.downstream for item in seen)
        requests = statistics.median(item.requests for item in seen)
        print(f"  {name}: {down / 1e6:.2f} MB from the server in {requests:.0f} requests")


if __name__ == "__main__":
    main()
