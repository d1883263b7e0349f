"""Any fsspec filesystem: one `ls(detail=True)` per folder, range reads for previews."""

from __future__ import annotations

import asyncio
import posixpath
import queue
from collections.abc import Callable, Generator, Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any, BinaryIO, TypeVar, cast

from spyglass.fs.backend import Capabilities, Unsupported
from spyglass.fs.call_pool import CallPool, shared_pool, timed_out
from spyglass.fs.entry import Entry, Kind

T = TypeVar("T")

_TIME_FIELDS = ("mtime", "LastModified", "last_modified", "updated", "modified", "time", "created")
_EXTRA_FIELDS = {
    "ETag": "ETag",
    "etag": "ETag",
    "md5Hash": "MD5",
    "crc32c": "CRC32C",
    "StorageClass": "storage class",
    "storageClass": "storage class",
    "content_type": "content type",
    "contentType": "content type",
    "ContentType": "content type",
    "mimetype": "content type",
}
BATCH = 2_000
PAGE = 1_000


def _translated(exc: BaseException) -> BaseException:
    """The error s3fs's own `ls` would raise, so messages match the one-call path."""
    if not (isinstance(exc, Exception) and type(exc).__name__ == "ClientError"):
        return exc
    try:
        from s3fs.errors import translate_boto_error
    except ImportError:
        return exc
    translated: BaseException = translate_boto_error(exc)
    return translated


def _timestamp(value: object) -> float | None:
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, datetime):
        return value.timestamp()
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()
        except ValueError:
            return None
    return None


def entry_from_info(info: Mapping[str, Any], strip: str = "") -> Entry:
    """An Entry from one item of `ls(detail=True)`: no further call per entry."""
    path = str(info.get("name", "")).rstrip("/") or str(info.get("name", ""))
    name = posixpath.basename(path) or path
    kind_name = str(info.get("type", "file"))
    if kind_name == "directory":
        kind = Kind.FOLDER
    elif kind_name == "link":
        kind = Kind.SYMLINK
    elif kind_name == "file":
        kind = Kind.FILE
    else:
        kind = Kind.OTHER
    target = info.get("destination")
    if info.get("islink") and kind is Kind.FILE and target is None:
        target = "?"
    mtime = None
    for field_name in _TIME_FIELDS:
        if field_name in info:
            mtime = _timestamp(info[field_name])
            if mtime is not None:
                break
    mode = info.get("mode")
    size = info.get("size")
    extra = {
        label: info[key] for key, label in _EXTRA_FIELDS.items() if info.get(key) not in (None, "")
    }
    return Entry(
        name=name,
        path=path,
        kind=kind,
        size=int(size) if isinstance(size, int | float) and kind is not Kind.FOLDER else None,
        mtime=mtime,
        mode=int(mode) if isinstance(mode, int) else None,
        uid=info.get("uid") if isinstance(info.get("uid"), int) else None,
        gid=info.get("gid") if isinstance(info.get("gid"), int) else None,
        link_target=str(target) if target is not None else None,
        extra=extra,
    )


class FsspecBackend:
    """Any fsspec filesystem; every call gives up after `timeout` seconds with a sentence."""

    capabilities = Capabilities(sizes_trusted=True, open_files=True)

    def __init__(
        self,
        fs: Any,
        protocol: str,
        timeout: float | None = None,
        inside: str | None = None,
        *,
        pool: CallPool = shared_pool,
    ) -> None:
        self.fs = fs
        self.protocol = protocol
        self.timeout = timeout
        # for an archive opened as a folder: how the archive itself is shown
        self.inside = inside
        self.pool = pool

    def _call(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a blocking call, but answer within the timeout even if the server never does."""
        if self.timeout is None:
            return function(*args, **kwargs)
        return self.pool.call(self.timeout, function, *args, **kwargs)

    def list_batches(self, path: str) -> Iterator[list[Entry]]:
        if self._pages_stream(path):
            yield from self._paged(path)
            return
        infos = self._call(self.fs.ls, path, detail=True)
        own = path.rstrip("/")
        batch: list[Entry] = []
        for info in infos:
            entry = entry_from_info(info)
            if entry.path.rstrip("/") == own or not entry.name:
                continue  # some stores list the folder itself
            batch.append(entry)
            if len(batch) >= BATCH:
                yield batch
                batch = []
        if batch:
            yield batch

    def _pages_stream(self, path: str) -> bool:
        """S3 lists a prefix a page (1,000 keys) at a time: show each page as it comes."""
        return bool(path.strip("/")) and callable(getattr(self.fs, "_iterdir", None))

    def _paged(self, path: str) -> Iterator[list[Entry]]:
        bucket, key, _ = self.fs.split_path(path)
        prefix = f"{key.rstrip('/')}/" if key else ""
        pages: queue.Queue[list[dict[str, Any]] | BaseException | None] = queue.Queue()

        async def pump() -> None:
            batch: list[dict[str, Any]] = []
            try:
                async for info in self.fs._iterdir(bucket, prefix=prefix):
                    batch.append(info)
                    if len(batch) >= PAGE:
                        pages.put(batch)
                        batch = []
                pages.put(batch)
                pages.put(None)
            except BaseException as exc:  # handed to the listing thread
                pages.put(exc)

        future = asyncio.run_coroutine_threadsafe(pump(), self.fs.loop)
        own = path.strip("/")
        listed = 0
        try:
            while True:
                try:
                    page = pages.get(timeout=self.timeout)
                except queue.Empty:  # only with a timeout
                    raise timed_out(self.timeout or 0.0) from None
                if page is None:
                    if not listed and not self._call(self.fs.exists, path):
                        raise FileNotFoundError(path)  # S3 has no folders: nothing there
                    return
                if isinstance(page, BaseException):
                    raise _translated(page)
                entries = [entry_from_info(info) for info in page]
                listed += len(entries)
                yield [entry for entry in entries if entry.path.strip("/") != own and entry.name]
        finally:
            future.cancel()

    def list_names_first(self, path: str) -> Iterator[list[Entry]]:
        """One `ls` already gives the details: the same as `list_batches`."""
        return self.list_batches(path)

    def with_details(self, entries: list[Entry]) -> list[Entry]:
        return list(entries)

    def stat(self, path: str) -> Entry:
        return entry_from_info(self._call(self.fs.info, path))

    def read_range(self, path: str, start: int, length: int) -> bytes:
        data: bytes = self._call(self.fs.cat_file, path, start=start, end=start + length)
        return data[:length]

    def open_binary(self, path: str) -> BinaryIO:
        """fsspec's file object: it reads in blocks and seeks, so a zip costs its directory."""
        return cast(BinaryIO, self._call(self.fs.open, path, "rb"))

    def invalidate(self, path: str) -> None:
        """Forget cached listings under `path`, so the next listing asks the server."""
        invalidate = getattr(self.fs, "invalidate_cache", None)
        if callable(invalidate):
            invalidate(path)

    def run(
        self,
        argv: Sequence[str],
        *,
        timeout: float,
        on_stderr: Callable[[str], None] | None = None,
    ) -> Generator[bytes, None, None]:
        raise Unsupported(f"{self.protocol}:// cannot run commands on the host")

    def join(self, folder: str, name: str) -> str:
        return f"{folder.rstrip('/')}/{name}" if folder else name

    def parent(self, path: str) -> str:
        stripped = path.rstrip("/")
        if path.startswith("/"):
            return posixpath.dirname(stripped) or "/"
        return posixpath.dirname(stripped) if "/" in stripped else ""

    def display(self, path: str) -> str:
        if self.inside is not None:
            inner = path.strip("/")
            return f"{self.inside}/{inner}" if inner else self.inside
        unstrip = getattr(self.fs, "unstrip_protocol", None)
        if callable(unstrip):
            return str(unstrip(path))
        return f"{self.protocol}://{path}"
