"""Writing a file back to a store without overwriting what changed since it was read.

One writer per kind of store, each with the check that store gives: a
conditional request where it has one (S3 `If-Match`, GCS `ifGenerationMatch`,
Azure `etag` + `match_condition`), else the version compared just before an
atomic rename (SFTP). A store without a writer here is read-only.
"""

from __future__ import annotations

import contextlib
import posixpath
import secrets
import stat as stat_module
from collections.abc import Callable
from datetime import datetime
from typing import Any, NamedTuple
from urllib.parse import quote

from spyglass.fs.backend import Conflict, LocalFile, Version, WriteSource

CHUNK = 1024 * 1024


def _bytes(data: WriteSource) -> bytes:
    """Objects are put in one request: an edited file is read whole (edits are small)."""
    if isinstance(data, LocalFile):
        with open(data.path, "rb") as source:
            return source.read()
    return data


def _conflict(path: str, current: Version | None) -> Conflict:
    what = "was deleted" if current is None else "changed"
    return Conflict(f"{path} {what} since it was read: nothing was written", current)


def _current(version: Callable[[Any, str], Version], fs: Any, path: str) -> Version | None:
    try:
        return version(fs, path)
    except FileNotFoundError:
        return None


def _check(
    version: Callable[[Any, str], Version], fs: Any, path: str, expected: Version | None
) -> None:
    if expected is None:
        return
    current = _current(version, fs, path)
    if current != expected:
        raise _conflict(path, current)


def _forget(fs: Any, path: str) -> None:
    """Drop what the filesystem cached of the file and of its folder's listing.

    `info` may answer from the folder's cached listing (adlfs, s3fs), and
    adlfs's own write forgets the wrong key.
    """
    fs.invalidate_cache(path)
    fs.invalidate_cache(posixpath.dirname(path.rstrip("/")))


def _fresh_info(fs: Any, path: str) -> dict[str, Any]:
    _forget(fs, path)
    info: dict[str, Any] = fs.info(path)
    if info.get("type") == "directory":
        raise IsADirectoryError(path)
    return info


# S3
def _s3_version(fs: Any, path: str) -> Version:
    return Version(str(_fresh_info(fs, path)["ETag"]))


def _is_precondition_failure(exc: BaseException) -> bool:
    response = getattr(exc, "response", None)
    code = response.get("Error", {}).get("Code") if isinstance(response, dict) else None
    return code in ("PreconditionFailed", "412") or "PreconditionFailed" in str(exc)


def _is_not_implemented(exc: BaseException) -> bool:
    response = getattr(exc, "response", None)
    code = response.get("Error", {}).get("Code") if isinstance(response, dict) else None
    return code in ("NotImplemented", "501")


def _s3_write(fs: Any, path: str, data: WriteSource, expected: Version | None) -> Version:
    _check(_s3_version, fs, path, expected)  # also the whole check where If-Match is ignored
    bucket, key, _ = fs.split_path(path)
    body = _bytes(data)
    condition = {"IfMatch": expected.tag} if expected is not None and expected.tag else {}
    try:
        answer = fs.call_s3("put_object", Bucket=bucket, Key=key, Body=body, **condition)
    except Exception as exc:
        if condition and _is_precondition_failure(exc):
            raise _conflict(path, _current(_s3_version, fs, path)) from exc
        if not (condition and _is_not_implemented(exc)):
            raise
        # A server without conditional puts: the check above is the one there is.
        answer = fs.call_s3("put_object", Bucket=bucket, Key=key, Body=body)
    finally:
        _forget(fs, path)
    return Version(str(answer["ETag"]))


# GCS
def _gcs_version(fs: Any, path: str) -> Version:
    return Version(str(_fresh_info(fs, path)["generation"]))


def _gcs_write(fs: Any, path: str, data: WriteSource, expected: Version | None) -> Version:
    _check(_gcs_version, fs, path, expected)  # also the whole check where the server ignores it
    bucket, key, _ = fs.split_path(path)
    condition = {"ifGenerationMatch": expected.tag} if expected is not None else {}
    try:
        answer = fs.call(
            "POST",
            f"{fs._location}/upload/storage/v1/b/{quote(bucket)}/o",
            uploadType="media",
            name=key,
            headers={"Content-Type": "application/octet-stream"},
            data=_bytes(data),
            json_out=True,
            **condition,
        )
    except FileExistsError as exc:  # gcsfs's word for 412 Precondition Failed
        raise _conflict(path, _current(_gcs_version, fs, path)) from exc
    finally:
        _forget(fs, path)
    return Version(str(answer["generation"]))


# Azure
def _azure_version(fs: Any, path: str) -> Version:
    return Version(str(_fresh_info(fs, path)["etag"]))


def _azure_write(fs: Any, path: str, data: WriteSource, expected: Version | None) -> Version:
    from azure.core import MatchConditions
    from azure.core.exceptions import ResourceModifiedError, ResourceNotFoundError

    condition: dict[str, Any] = {}
    if expected is not None:
        condition = {"etag": expected.tag, "match_condition": MatchConditions.IfNotModified}
    try:
        answer = fs.pipe_file(path, _bytes(data), overwrite=True, **condition)
    except (ResourceModifiedError, ResourceNotFoundError) as exc:
        raise _conflict(path, _current(_azure_version, fs, path)) from exc
    finally:
        _forget(fs, path)
    return Version(str(answer["etag"]))


# SFTP
def _sftp_version(fs: Any, path: str) -> Version:
    info = fs.ftp.stat(path)
    if stat_module.S_ISDIR(info.st_mode or 0):
        raise IsADirectoryError(path)
    return Version(None, info.st_size, float(info.st_mtime or 0))


def _sftp_write(fs: Any, path: str, data: WriteSource, expected: Version | None) -> Version:
    """Upload beside the file under a temporary name, check, then rename over it."""
    ftp = fs.ftp
    _check(_sftp_version, fs, path, expected)
    folder, name = posixpath.split(path)
    temporary = posixpath.join(folder, f".{name}.spyglass-{secrets.token_hex(4)}")
    try:
        mode = stat_module.S_IMODE(ftp.stat(path).st_mode or 0)
    except FileNotFoundError:
        mode = None
    try:
        with ftp.open(temporary, "wb") as out:
            out.set_pipelined(True)
            if isinstance(data, LocalFile):
                with open(data.path, "rb") as source:
                    while chunk := source.read(CHUNK):
                        out.write(chunk)
            else:
                out.write(data)
        if mode is not None:
            ftp.chmod(temporary, mode)
        _check(_sftp_version, fs, path, expected)  # again, just before the rename
        _sftp_rename(ftp, temporary, path)
        _forget(fs, path)
    except BaseException:
        with contextlib.suppress(OSError):
            ftp.remove(temporary)
        raise
    return _sftp_version(fs, path)


def _sftp_rename(ftp: Any, temporary: str, path: str) -> None:
    try:
        ftp.posix_rename(temporary, path)  # OpenSSH's extension: replaces in one step
        return
    except OSError:
        try:
            ftp.stat(temporary)
        except FileNotFoundError:
            raise
    # Plain SFTP rename refuses an existing target: the old file goes first. Readers
    # may find no file for a moment, never a partial one.
    with contextlib.suppress(FileNotFoundError):
        ftp.remove(path)
    ftp.rename(temporary, path)


# fsspec's memory filesystem (tests, scratch space): compared, then replaced in one step
def _memory_version(fs: Any, path: str) -> Version:
    info = _fresh_info(fs, path)
    created = info.get("created")
    stamp = created.timestamp() if isinstance(created, datetime) else None
    return Version(None, int(info["size"]), stamp)


def _memory_write(fs: Any, path: str, data: WriteSource, expected: Version | None) -> Version:
    _check(_memory_version, fs, path, expected)
    fs.pipe_file(path, _bytes(data))
    _forget(fs, path)
    return _memory_version(fs, path)


# fsspec's own local filesystem: the same replace as the local backend's
def _file_version(fs: Any, path: str) -> Version:
    from spyglass.fs.local_write import local_version

    return local_version(path)


def _file_write(fs: Any, path: str, data: WriteSource, expected: Version | None) -> Version:
    from spyglass.fs.local_write import write_local

    return write_local(path, data, expected=expected)


class Writer(NamedTuple):
    version: Callable[[Any, str], Version]
    write: Callable[[Any, str, WriteSource, Version | None], Version]
    conditional: bool  # the store itself refuses a write against a stale version


_S3 = Writer(_s3_version, _s3_write, True)
_GCS = Writer(_gcs_version, _gcs_write, True)
_AZURE = Writer(_azure_version, _azure_write, True)
_SFTP = Writer(_sftp_version, _sftp_write, False)

# fsspec protocol names -> how that store is written; others are read-only
WRITERS: dict[str, Writer] = {
    "s3": _S3,
    "s3a": _S3,
    "gs": _GCS,
    "gcs": _GCS,
    "abfs": _AZURE,
    "az": _AZURE,
    "abfss": _AZURE,
    "sftp": _SFTP,
    "ssh": _SFTP,
    "memory": Writer(_memory_version, _memory_write, False),
    "file": Writer(_file_version, _file_write, False),
}


def writer_for(fs: Any) -> Writer | None:
    protocols = fs.protocol if isinstance(fs.protocol, tuple | list) else (fs.protocol,)
    for protocol in protocols:
        writer = WRITERS.get(str(protocol))
        if writer is not None:
            return writer
    return None
