"""The remote scenario's sessions: spyglass on an S3 URL, through the counting proxy.

A table preview is timed from exec to its first row; its bytes are counted
until the proxy has been quiet for a second, so reading that goes on after
the first paint counts too. On the slow link every request waits 100 ms more;
from the prefix's first entries k and j are pressed in turn: k onto the folder
row, whose summary says when the listing has ended, j onto a small object,
whose preview then starts loading. Once the listing has ended, two more
presses of j time the preview of an object not loaded before.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bench.counting_proxy import CountingProxy, Traffic
from bench.remote_fixtures import FIRST_KEY, RemoteObjects, many_text
from bench.session import Context
from bench.steps import highlights, press_and_time
from bench.terminal import ScreenTimeout, ScreenView, Terminal

LATENCY = 0.1  # seconds the proxy adds to each request on the slow link
QUIET = 1.0  # no traffic for this long: the client has finished reading
PACE = 0.15  # between presses: longer than spyglass's preview debounce, so previews start
MIN_PRESSES = 10
KEY_TIMEOUT = 5.0
OBJECT_NAME = re.compile(r"object\d{5}\.txt")


def timeout_for(context: Context) -> float:
    return 20.0 if context.quick else 60.0


def _shows_objects(view: ScreenView) -> bool:
    return any(OBJECT_NAME.search(line) for line in view.lines[1:-2])


def without_aws_settings(context: Context) -> Context:
    """The user's AWS profile, region or endpoint must not reach spyglass: only the proxy."""
    env = {name: value for name, value in context.env.items() if not name.startswith("AWS_")}
    missing = str(Path(env.get("XDG_CONFIG_HOME", "/nonexistent")) / "no-aws-config")
    env.update(
        AWS_CONFIG_FILE=missing,
        AWS_SHARED_CREDENTIALS_FILE=missing,
        AWS_EC2_METADATA_DISABLED="true",
    )
    return dataclasses.replace(context, env=env)


@dataclass
class Remote:
    """What every session needs: the proxy in front of moto, and where the objects are."""

    context: Context
    proxy: CountingProxy
    objects: RemoteObjects
    count: int  # objects under the big prefix

    @contextmanager
    def launch(self, key: str, latency: float = 0.0) -> Iterator[Terminal]:
        options = ["-k", f"endpoint_url={self.proxy.endpoint}"]
        options += ["-k", "key=testing", "-k", "secret=testing"]
        self.proxy.latency = latency
        try:
            with self.context.launch(
                self.context.spyglass, self.objects.url(key), *options
            ) as terminal:
                yield terminal
        finally:
            self.proxy.latency = 0.0


@dataclass(frozen=True)
class TablePreview:
    seconds: float
    traffic: Traffic
    exchanges: list[str]
    settled: bool


def preview_table(remote: Remote, key: str) -> TablePreview:
    proxy, timeout = remote.proxy, timeout_for(remote.context)
    before, first = proxy.traffic(), len(proxy.exchanges)
    with remote.launch(key) as terminal:
        shown = terminal.wait_for(FIRST_KEY, timeout) - terminal.started_at
        settled = proxy.wait_quiet(QUIET, timeout)
        traffic = proxy.traffic() - before
    exchanges = [exchange.describe() for exchange in proxy.exchanges[first:]]
    return TablePreview(shown, traffic, exchanges, settled)


@dataclass(frozen=True)
class PrefixOpening:
    painted: float
    first_entries: float
    listed: float  # when the last byte of the listing went through, from exec
    traffic: Traffic


def open_prefix(remote: Remote) -> PrefixOpening:
    proxy, timeout = remote.proxy, timeout_for(remote.context)
    subject = remote.context.spyglass
    before = proxy.traffic()
    with remote.launch(remote.objects.many) as terminal:
        painted, first = terminal.wait_all([subject.painted, _shows_objects], timeout)
        proxy.wait_quiet(QUIET, timeout)
        start = terminal.started_at
        return PrefixOpening(
            painted - start,
            max(first, painted) - start,
            proxy.last_activity - start,
            proxy.traffic() - before,
        )


@dataclass(frozen=True)
class SlowLink:
    latencies: list[float]
    presses_until_listed: int
    window: float  # seconds from the first entries to the last preview
    preview: float  # from the press onto a new object to its text in the preview


def slow_link(remote: Remote) -> SlowLink:
    context, subject = remote.context, remote.context.spyglass
    timeout = timeout_for(context)
    listed_text = f": {remote.count:,} entries."
    with remote.launch(remote.objects.many, LATENCY) as terminal:
        terminal.wait_all([subject.painted, _shows_objects], timeout)
        began = time.perf_counter()
        latencies: list[float] = []
        listed = False
        for key in itertools.cycle("jk"):
            latencies.append(press_and_time(terminal, subject, key, KEY_TIMEOUT))
            time.sleep(PACE)
            if key == "k":  # on the folder row: its summary says whether the listing ended
                listed = terminal.read(lambda view: view.contains(listed_text))
                if listed and len(latencies) >= MIN_PRESSES:
                    break
            if time.perf_counter() - began > timeout:
                raise ScreenTimeout(f"the listing had not ended after {timeout:g} s of presses")
        presses = len(latencies)
        latencies.append(press_and_time(terminal, subject, "j", KEY_TIMEOUT))
        sent = terminal.send("j")
        moved, shown = terminal.wait_all(
            [
                highlights(subject, remote.objects.many_name(1)),
                many_text(1, remote.count).strip(),
            ],
            timeout,
        )
        latencies.append(max(0.0, moved - sent))
        window = time.perf_counter() - began
    return SlowLink(latencies, presses, window, shown - sent)
