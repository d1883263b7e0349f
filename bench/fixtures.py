"""Fixture files, generated once and cached: a stamp beside each says with what parameters.

The big text file is sparse (real log lines at its start, a hole after them),
so it costs a few MiB of disk whatever its size. The remote scenario's CSV and
Parquet files are made by bench.remote_fixtures, and the scaling folders (up
to 1,000,000 entries) by `prepare_scale`, only when their scenario runs.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import struct
import zlib
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.screen_order import Numbered

FIXTURE_VERSION = 1
FIRST_LOG_LINE = "2025-03-01T09:00:00.000Z INFO  [main] service starting: spyglass benchmark log"
START_ENTRIES = ("alpha.txt", "beta.txt", "gamma.txt", "delta.txt")
SMALL_SIBLING = "a-small"  # the folder above the big one in a parent, so the cursor must move
BIG_CHILD = "big"
TREE_NAME = re.compile(r"\bf\d{6}\b")
SCALE_NAME = re.compile(r"\bitem-\d+\.log\b")


@dataclass(frozen=True)
class Sizes:
    """How big the fixtures are: the benchmark's, or tiny ones for the smoke test."""

    folder_entries: int = 100_000
    big_text_bytes: int = 5 * 1024**3
    log_head_bytes: int = 2 * 1024**2
    small_text_bytes: int = 5 * 1024
    table_bytes: int = 200 * 1000**2  # each of the remote CSV and Parquet objects
    rows_per_group: int = 100_000  # Parquet row group; also the CSV's write chunk
    remote_objects: int = 10_000  # small objects under one S3 prefix
    tree_entries: int = 100_000  # the folder opened from inside the tree (names f000000 ...)
    scale_entries: tuple[int, ...] = (10_000, 100_000, 1_000_000)  # item-0.log ...

    @classmethod
    def quick(cls) -> Sizes:
        return cls(
            folder_entries=2_000,
            big_text_bytes=64 * 1024**2,
            log_head_bytes=64 * 1024,
            small_text_bytes=5 * 1024,
            table_bytes=2 * 1000**2,
            rows_per_group=10_000,
            remote_objects=500,
            tree_entries=2_000,
            scale_entries=(500, 2_000, 10_000),
        )


@dataclass(frozen=True)
class Fixtures:
    root: Path
    sizes: Sizes

    @property
    def start_folder(self) -> Path:
        """A small folder: what start-up opens."""
        return self.root / "start"

    @property
    def start_marker(self) -> str:
        """The last entry of the start folder: once it shows, the whole tree is painted."""
        return sorted(START_ENTRIES)[-1]

    @property
    def big_folder(self) -> Path:
        return self.root / f"folder-{self.sizes.folder_entries}"

    def entry_name(self, index: int) -> str:
        """Zero-padded, so natural and plain order agree and the last name is known."""
        width = len(str(self.sizes.folder_entries - 1))
        return f"item{index:0{width}d}.txt"

    @property
    def last_entry(self) -> str:
        return self.entry_name(self.sizes.folder_entries - 1)

    @property
    def tree_parent(self) -> Path:
        """Holds `a-small/` and then `big/`: the folder to walk into from the tree."""
        return self.root / f"tree-{self.sizes.tree_entries}"

    @property
    def tree_folder(self) -> Numbered:
        """`big/` of the tree parent: f000000, f000001, ... (seven characters each)."""
        return Numbered(self.sizes.tree_entries, "f{:06d}".format, TREE_NAME)

    @property
    def command_line_folder(self) -> Numbered:
        """The big folder's names in order, for tests of what a screen shows."""
        return Numbered(self.sizes.folder_entries, self.entry_name, re.compile(r"item\d+\.txt"))

    def scale_parent(self, entries: int) -> Path:
        """Like the tree parent; its `big/` holds item-0.log ... item-{entries - 1}.log."""
        return self.root / f"scale-{entries}"

    @staticmethod
    def scale_folder(entries: int) -> Numbered:
        """Not zero-padded: natural order (item-9 before item-10) is the order on screen."""
        return Numbered(entries, "item-{}.log".format, SCALE_NAME)

    @property
    def big_text(self) -> Path:
        return self.root / "text-big" / "big.log"

    @property
    def small_text(self) -> Path:
        return self.root / "text-small" / "small.log"

    @property
    def image(self) -> Path:
        return self.root / "image" / "picture.png"


def prepare(root: Path, sizes: Sizes) -> Fixtures:
    """Make whatever is missing or was made with other parameters."""
    fixtures = Fixtures(root, sizes)
    root.mkdir(parents=True, exist_ok=True)
    cached(root / "start.done", {}, lambda: _make_start(fixtures.start_folder))
    cached(
        root / f"{fixtures.big_folder.name}.done",
        {"entries": sizes.folder_entries},
        lambda: _make_folder(fixtures),
    )
    cached(
        root / f"{fixtures.tree_parent.name}.done",
        {"entries": sizes.tree_entries},
        lambda: _make_parent(fixtures.tree_parent, fixtures.tree_folder),
    )
    text_params = {"size": sizes.big_text_bytes, "head": sizes.log_head_bytes}
    cached(root / "text-big.done", text_params, lambda: _make_big_text(fixtures))
    small_params = {"size": sizes.small_text_bytes}
    cached(root / "text-small.done", small_params, lambda: _make_small_text(fixtures))
    cached(root / "image.done", {}, lambda: _make_image(fixtures.image))
    return fixtures


def prepare_scale(fixtures: Fixtures, entries: int) -> Path:
    """The parent of a scaling folder, made on first use (a million files take a while)."""
    parent = fixtures.scale_parent(entries)
    cached(
        fixtures.root / f"{parent.name}.done",
        {"entries": entries},
        lambda: _make_parent(parent, fixtures.scale_folder(entries)),
    )
    return parent


def cached(stamp: Path, params: Mapping[str, object], make: Callable[[], None]) -> None:
    wanted = json.dumps({"version": FIXTURE_VERSION, **params}, sort_keys=True)
    if stamp.exists() and stamp.read_text() == wanted:
        return
    stamp.unlink(missing_ok=True)
    make()
    stamp.write_text(wanted)


def fresh(folder: Path) -> Path:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    return folder


def _make_start(folder: Path) -> None:
    fresh(folder)
    for name in START_ENTRIES:
        (folder / name).write_text(f"{name}: a small text file\n")


def _make_folder(fixtures: Fixtures) -> None:
    folder = fresh(fixtures.big_folder)
    flags = os.O_CREAT | os.O_WRONLY | os.O_EXCL
    for index in range(fixtures.sizes.folder_entries):
        os.close(os.open(folder / fixtures.entry_name(index), flags, 0o644))


def _make_parent(parent: Path, folder: Numbered) -> None:
    fresh(parent)
    small = parent / SMALL_SIBLING
    small.mkdir()
    for name in START_ENTRIES:
        (small / name).write_text(f"{name}: a small text file\n")
    big = parent / BIG_CHILD
    big.mkdir()
    flags = os.O_CREAT | os.O_WRONLY | os.O_EXCL
    for index in range(folder.count):
        os.close(os.open(big / folder.entry(index), flags, 0o644))


def log_lines(seed: int = 7) -> list[str]:
    """An endless-looking service log: requests, slow queries, the odd warning."""
    rng = random.Random(seed)
    clock = datetime(2025, 3, 1, 9, 0, 0, tzinfo=UTC)
    paths = ["/api/items", "/api/users", "/api/orders", "/health", "/static/app.js", "/login"]
    methods = ["GET", "GET", "GET", "POST", "PUT", "DELETE"]
    lines = [FIRST_LOG_LINE]
    for _ in range(40_000):
        clock += timedelta(milliseconds=rng.randint(1, 900))
        stamp = clock.strftime("%Y-%m-%dT%H:%M:%S.") + f"{clock.microsecond // 1000:03d}Z"
        roll = rng.random()
        worker = f"[worker-{rng.randint(1, 8)}]"
        if roll < 0.85:
            status = rng.choice([200, 200, 200, 201, 204, 301, 304, 404, 500])
            ip = f"10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
            path = f"{rng.choice(paths)}/{rng.randint(1, 99999)}"
            text = f"{rng.choice(methods)} {path} {status} {rng.randint(1, 1500)}ms from {ip}"
            lines.append(f"{stamp} INFO  {worker} {text}")
        elif roll < 0.95:
            table = rng.choice(["orders", "users", "items"])
            text = f"slow query on {table}: {rng.randint(500, 9000)}ms, {rng.randint(1, 5000)} rows"
            lines.append(f"{stamp} WARN  {worker} {text}")
        else:
            text = f"upstream timeout after {rng.randint(5, 30)}s, retrying ({rng.randint(1, 3)}/3)"
            lines.append(f"{stamp} ERROR {worker} {text}")
    return lines


def _log_head(limit: int) -> bytes:
    """Whole log lines, as many as fit in `limit` bytes."""
    out = bytearray()
    for line in log_lines():
        encoded = (line + "\n").encode()
        if len(out) + len(encoded) > limit:
            break
        out += encoded
    return bytes(out)


def _make_big_text(fixtures: Fixtures) -> None:
    path = fixtures.big_text
    fresh(path.parent)
    with open(path, "wb") as handle:
        handle.write(_log_head(fixtures.sizes.log_head_bytes))
        handle.truncate(fixtures.sizes.big_text_bytes)


def _make_small_text(fixtures: Fixtures) -> None:
    path = fixtures.small_text
    fresh(path.parent)
    path.write_bytes(_log_head(fixtures.sizes.small_text_bytes))


def _make_image(path: Path) -> None:
    """A 96x64 RGB gradient PNG, written by hand so no imaging library is needed."""
    fresh(path.parent)
    width, height = 96, 64
    rows = b"".join(
        b"\x00" + bytes(value for x in range(width) for value in (x * 2, y * 4, 160))
        for y in range(height)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    png = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )
    path.write_bytes(png)


def describe(fixtures: Fixtures) -> dict[str, object]:
    return {"root": str(fixtures.root), **asdict(fixtures.sizes)}
