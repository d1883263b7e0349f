"""An Iceberg table's current snapshot: its newest metadata file, read in the sandbox child.

The parent only lists `metadata/` and picks the newest metadata file by the
version in its name; the child parses it, the manifest list and the manifests
with pyiceberg, each byte read through the parent's backend.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Callable

from spyglass.fs.backend import Backend
from spyglass.previews.iceberg_reader import read_iceberg
from spyglass.previews.lake_snapshot import LakeSnapshot, LakeUnreadable
from spyglass.sandbox.pool import Sandbox

METADATA_FOLDER = "metadata"
MAX_METADATA_ENTRIES = 20_000
READ_SECONDS = 30.0
# `v3.metadata.json` (Hadoop tables) or `00003-<uuid>.metadata.json` (catalogs)
_METADATA = re.compile(r"^v?(\d+)(?:-[0-9A-Za-z-]+)?\.metadata\.json$")


def reader_installed() -> bool:
    """True where the `pyiceberg` package (the `lakes` extra) can be imported."""
    try:
        return importlib.util.find_spec("pyiceberg") is not None
    except ValueError:  # imported earlier as None: taken for missing
        return False


def newest_metadata(names: list[str]) -> str | None:
    """The metadata file with the highest version in its name."""
    versions = [(int(m.group(1)), name) for name in names if (m := _METADATA.match(name))]
    return max(versions)[1] if versions else None


def read_snapshot(
    backend: Backend,
    root: str,
    sandbox: Sandbox | None,
    cancelled: Callable[[], bool] = lambda: False,
) -> LakeSnapshot:
    """The table's current snapshot; `LakeUnreadable` says why there is none."""
    names: list[str] = []
    for batch in backend.list_batches(backend.join(root, METADATA_FOLDER)):
        names.extend(entry.name for entry in batch if not entry.is_folder)
        if len(names) > MAX_METADATA_ENTRIES:
            raise LakeUnreadable(
                f"its metadata folder holds more than {MAX_METADATA_ENTRIES:,} files"
            )
    newest = newest_metadata(names)
    if newest is None:
        raise LakeUnreadable("its metadata folder holds no metadata file")
    if sandbox is None:
        return read_iceberg(backend, root, newest)
    return sandbox.run(
        read_iceberg,
        root,
        newest,
        backend=backend,
        cancelled=cancelled,
        seconds=READ_SECONDS,
        retire=True,
    )
