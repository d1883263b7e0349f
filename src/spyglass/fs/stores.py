"""Every store spyglass knows by name: its protocol aliases, its extra, how it is built.

One table, so an alias added here is both built with the store's defaults and
named in the "install spyglass[...]" sentence when its package is missing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from spyglass.fs.fsspec_backend import FsspecBackend
from spyglass.fs.remote_filesystems import (
    build_azure,
    build_gcs,
    build_github,
    build_http,
    build_s3,
    build_sftp,
    prepare_gcsfs,
)
from spyglass.fs.sftp_backend import SftpBackend

Builder = Callable[[str, dict[str, Any]], tuple[Any, str]]


class Store(NamedTuple):
    extra: str | None  # the spyglass[...] extra that installs its package; None: fsspec has it
    build: Builder | None  # the filesystem and path for a URL; None: fsspec's own defaults
    prepare: Callable[[], None] | None = None  # run before its package is first imported
    backend: type[FsspecBackend] = FsspecBackend  # what serves its filesystem


_SSH = Store("ssh", build_sftp, backend=SftpBackend)
_GCS = Store("gcs", build_gcs, prepare_gcsfs)
_S3 = Store("s3", build_s3)
_AZURE = Store("azure", build_azure)

STORES: dict[str, Store] = {
    "sftp": _SSH,
    "ssh": _SSH,
    "gs": _GCS,
    "gcs": _GCS,
    "s3": _S3,
    "s3a": _S3,
    "az": _AZURE,
    "abfs": _AZURE,
    "abfss": _AZURE,
    "adl": Store("azure", None),  # Data Lake Gen1: adlfs, with fsspec's defaults
    "github": Store(None, build_github),
    "http": Store(None, build_http),
    "https": Store(None, build_http),
}


def extra_for(protocol: str) -> str | None:
    """The extra to install for a protocol whose package is missing, if one brings it."""
    store = STORES.get(protocol)
    return store.extra if store is not None else None


def backend_class(protocol: str) -> type[FsspecBackend]:
    """The backend for a protocol's filesystem: SSH's also runs commands on the host."""
    store = STORES.get(protocol)
    return store.backend if store is not None else FsspecBackend


def prepare_import(protocol: str) -> None:
    """Whatever a store's package needs before it is imported (settings it reads at import)."""
    store = STORES.get(protocol)
    if store is not None and store.prepare is not None:
        store.prepare()
