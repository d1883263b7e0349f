"""Scenario 5: S3 served by moto on 127.0.0.1, behind a proxy that counts the bytes on the wire.

moto and the proxy start once for the scenario and stop at its end, whatever
happens; the objects are uploaded once, and every run starts spyglass afresh
on an S3 URL. How each session measures is in bench.remote_steps.
"""

from __future__ import annotations

import statistics

from bench.counting_proxy import CountingProxy, Traffic
from bench.moto_server import MotoServer
from bench.remote_fixtures import RemoteObjects, prepare_tables, upload
from bench.remote_steps import (
    LATENCY,
    Remote,
    open_prefix,
    preview_table,
    slow_link,
    without_aws_settings,
)
from bench.scenarios import Scenario
from bench.session import Context
from bench.stats import Figure, Samples, Target, interleaved
from bench.terminal import ScreenTimeout

CSV_BYTES = "remote.csv_bytes"
CSV_TIME = "remote.csv_first_row"
PARQUET_BYTES = "remote.parquet_bytes"
PARQUET_TIME = "remote.parquet_first_row"
PREFIX_AFTER_PAINT = "remote.prefix_first_entries_after_paint"
PREFIX_FROM_EXEC = "remote.prefix_first_entries_from_exec"
SLOW_KEY = "remote.slow_link_worst_keypress"
SLOW_PREVIEW = "remote.slow_link_small_preview"
SESSIONS = ("csv", "parquet", "prefix", "slow")
MEASURES = {
    "csv": (CSV_BYTES, CSV_TIME),
    "parquet": (PARQUET_BYTES, PARQUET_TIME),
    "prefix": (PREFIX_AFTER_PAINT, PREFIX_FROM_EXEC),
    "slow": (SLOW_KEY, SLOW_PREVIEW),
}
MIB = 1024**2


def _measure(remote: Remote, session: str, samples: Samples, run_label: str) -> None:
    """One session of one run, its samples and details recorded under spyglass's name."""
    name = remote.context.spyglass.name
    if session in ("csv", "parquet"):
        key = remote.objects.csv if session == "csv" else remote.objects.parquet
        bytes_measure, time_measure = MEASURES[session]
        table = preview_table(remote, key)
        samples.add(bytes_measure, name, table.traffic.downstream / MIB)
        samples.add(time_measure, name, table.seconds)
        samples.note(bytes_measure, name, _traffic_details(table.traffic, table.exchanges))
        if not table.settled:
            samples.fail(name, f"{run_label}: still reading after the first row", bytes_measure)
    elif session == "prefix":
        opening = open_prefix(remote)
        samples.add(PREFIX_AFTER_PAINT, name, opening.first_entries - opening.painted)
        samples.add(PREFIX_FROM_EXEC, name, opening.first_entries)
        samples.note(
            PREFIX_FROM_EXEC,
            name,
            {"all_listed_s": round(opening.listed, 3), **_traffic_details(opening.traffic)},
        )
    else:
        slow = slow_link(remote)
        samples.add(SLOW_KEY, name, max(slow.latencies) * 1000)
        samples.add(SLOW_PREVIEW, name, slow.preview)
        samples.note(
            SLOW_KEY,
            name,
            {
                "presses": len(slow.latencies),
                "presses_until_listed": slow.presses_until_listed,
                "window_s": round(slow.window, 3),
                "median_ms": round(statistics.median(slow.latencies) * 1000, 1),
                "latencies_ms": [round(value * 1000, 1) for value in slow.latencies],
            },
        )


def _traffic_details(traffic: Traffic, exchanges: list[str] | None = None) -> dict[str, object]:
    details: dict[str, object] = {
        "downstream_bytes": traffic.downstream,
        "upstream_bytes": traffic.upstream,
        "requests": traffic.requests,
        "connections": traffic.connections,
    }
    if exchanges is not None:
        details["exchanges"] = exchanges
    return details


def _figures(samples: Samples, context: Context, sizes: dict[str, str], count: int) -> list[Figure]:
    name = context.spyglass.name
    csv, parquet = f"{sizes['csv']} CSV object", f"{sizes['parquet']} Parquet object"
    prefix = f"{count:,}-object prefix"
    slow = f"{LATENCY * 1000:g} ms link"
    mib = Target(4.0)
    return [
        samples.figure("5", CSV_BYTES, f"{csv}: bytes for the preview", "MiB", name, target=mib),
        samples.figure("5", CSV_TIME, f"{csv}: exec to the first row", "s", name),
        samples.figure(
            "5", PARQUET_BYTES, f"{parquet}: bytes for the preview", "MiB", name, target=mib
        ),
        samples.figure("5", PARQUET_TIME, f"{parquet}: exec to the first row", "s", name),
        samples.figure(
            "5",
            PREFIX_AFTER_PAINT,
            f"{prefix}: first entries, after first paint",
            "s",
            name,
            target=Target(1.0),
        ),
        samples.figure("5", PREFIX_FROM_EXEC, f"{prefix}: first entries, from exec", "s", name),
        samples.figure(
            "5",
            SLOW_KEY,
            f"{slow}: longest wait of a keypress, prefix and previews loading",
            "ms",
            name,
            target=Target(100),
        ),
        samples.figure(
            "5", SLOW_PREVIEW, f"{slow}: keypress to a small object's preview", "s", name
        ),
    ]


def run(context: Context) -> list[Figure]:
    context = without_aws_settings(context)
    fixtures = context.fixtures
    count = fixtures.sizes.remote_objects
    objects = RemoteObjects()
    samples = Samples()
    name = context.spyglass.name
    context.say("5 remote · table files …")
    tables = prepare_tables(fixtures)
    sizes = {
        "csv": f"{tables.csv.stat().st_size / 1e6:,.0f} MB",
        "parquet": f"{tables.parquet.stat().st_size / 1e6:,.0f} MB",
    }
    try:
        with MotoServer() as moto, CountingProxy(moto.port) as proxy:
            context.say(f"5 remote · uploading the tables and {count:,} objects to moto …")
            upload(moto.endpoint, fixtures, tables, objects)
            remote = Remote(context, proxy, objects, count)
            for run_index, session in interleaved(context.runs, SESSIONS):
                label = f"run {run_index + 1}"
                context.say(f"5 remote · {label}/{context.runs} · {session}")
                try:
                    _measure(remote, session, samples, label)
                except ScreenTimeout as exc:
                    for measure in MEASURES[session]:
                        samples.fail(name, f"{label}: {session}: {exc}", measure)
    except (RuntimeError, OSError) as exc:
        samples.fail(name, f"the S3 server could not be set up: {exc}")
    return _figures(samples, context, sizes, count)


SCENARIO = Scenario("5", "remote", run)
