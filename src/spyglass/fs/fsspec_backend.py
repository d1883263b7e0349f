"""Any fsspec filesystem: one `ls(detail=True)` per folder, range reads for previews."""

from __future__ import annotations

import asyncio
import posixpath
import queue
from collections.abc import AsyncIterator, Callable, Generator, Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any, BinaryIO, TypeVar, cast

from spyglass.errors import SpyglassError
from spyglass.fs.backend import Capabilities, Unsupported, Version, WriteSource
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


class PartialListing(SpyglassError):
    """A filesystem of ours listed part of a folder: what it has, and why it stopped."""

    def __init__(self, infos: list[Any], reason: str) -> None:
        super().__init__(reason)
        self.infos = infos


def _url_top(path: str) -> str | None:
    """`scheme://host` of a path that is a whole URL (HTTP keeps them so); None otherwise."""
    scheme, sep, rest = path.partition("://")
    if not sep or not scheme.isalpha():
        return None
    return f"{scheme}{sep}{rest.split('/', 1)[0]}"


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


def _recursive_entry(info: Mapping[str, Any]) -> Entry:
    """An entry of a listing without a delimiter: a key ending in "/" marks a folder."""
    entry = entry_from_info(info)
    if entry.kind is Kind.FILE and str(info.get("name", "")).endswith("/"):
        return Entry(entry.name, entry.path, Kind.FOLDER, mtime=entry.mtime, extra=entry.extra)
    return entry


RecursivePages = Callable[[Any, str], AsyncIterator[list[dict[str, Any]]]]


async def _s3_pages(fs: Any, path: str) -> AsyncIterator[list[dict[str, Any]]]:
    """ListObjectsV2 without a delimiter: each response page (1,000 keys) as it comes."""
    bucket, key, _ = fs.split_path(path)
    prefix = f"{key.rstrip('/')}/" if key else ""
    async for page in fs._list_pages("list_objects_v2", Bucket=bucket, Prefix=prefix, **fs.req_kw):
        infos = []
        for item in page.get("Contents", []):
            info = dict(item, type="file", size=item["Size"])
            info["name"] = f"{bucket}/{item['Key']}"
            infos.append(info)
        yield infos


async def _gcs_pages(fs: Any, path: str) -> AsyncIterator[list[dict[str, Any]]]:
    """The JSON API's object list without a delimiter, a page (1,000 objects) at a time."""
    bucket, key, _ = fs.split_path(path)
    arguments: dict[str, Any] = {"maxResults": PAGE}
    if key:
        arguments["prefix"] = f"{key.rstrip('/')}/"
    token: str | None = None
    while True:
        if token:
            arguments["pageToken"] = token
        page = await fs._call_list_objects(bucket, **arguments)
        yield [fs._process_object(bucket, item) for item in page.get("items", [])]
        token = page.get("nextPageToken")
        if not token:
            return


async def _azure_pages(fs: Any, path: str) -> AsyncIterator[list[dict[str, Any]]]:
    """The container's flat blob list (no delimiter), by page."""
    container, key, _ = fs.split_path(path)
    prefix = f"{key.strip('/')}/" if key else None
    async with fs.service_client.get_container_client(container=container) as client:
        blobs = client.list_blobs(
            include=["metadata"], name_starts_with=prefix, results_per_page=PAGE
        )
        async for page in blobs.by_page():
            yield await fs._details([blob async for blob in page])


# fsspec protocol names -> how that store lists a prefix without a delimiter
_RECURSIVE_PAGES: dict[str, RecursivePages] = {
    "s3": _s3_pages,
    "gs": _gcs_pages,
    "gcs": _gcs_pages,
    "abfs": _azure_pages,
    "az": _azure_pages,
}


def _recursive_pages_for(fs: Any) -> RecursivePages | None:
    protocols = fs.protocol if isinstance(fs.protocol, tuple | list) else (fs.protocol,)
    for protocol in protocols:
        pages = _RECURSIVE_PAGES.get(str(protocol))
        if pages is not None:
            return pages
    return None


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
        self._recursive_pages = _recursive_pages_for(fs)
        if self._recursive_pages is not None:
            self.capabilities = self.capabilities._replace(recursive_listing=True)
        from spyglass.fs.remote_writes import writer_for

        self._writer = writer_for(fs) if inside is None else None
        if self._writer is not None:
            self.capabilities = self.capabilities._replace(
                write=True, conditional_write=self._writer.conditional
            )

    def _call(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a blocking call, but answer within the timeout even if the server never does."""
        if self.timeout is None:
            return function(*args, **kwargs)
        return self.pool.call(self.timeout, function, *args, **kwargs)

    def list_batches(self, path: str) -> Iterator[list[Entry]]:
        if self._pages_stream(path):
            yield from self._paged(path)
            return
        stopped: PartialListing | None = None
        try:
            infos = self._call(self.fs.ls, path, detail=True)
        except PartialListing as exc:  # the entries it has are shown, then why it stopped
            infos, stopped = exc.infos, exc
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
        if stopped is not None:
            raise SpyglassError(str(stopped))

    def _pages_stream(self, path: str) -> bool:
        """S3 lists a prefix a page (1,000 keys) at a time: show each page as it comes."""
        return bool(path.strip("/")) and callable(getattr(self.fs, "_iterdir", None))

    def _paged(self, path: str) -> Iterator[list[Entry]]:
        bucket, key, _ = self.fs.split_path(path)
        prefix = f"{key.rstrip('/')}/" if key else ""

        async def pages() -> AsyncIterator[list[dict[str, Any]]]:
            batch: list[dict[str, Any]] = []
            async for info in self.fs._iterdir(bucket, prefix=prefix):
                batch.append(info)
                if len(batch) >= PAGE:
                    yield batch
                    batch = []
            yield batch

        own = path.strip("/")
        for entries in self._stream(pages, path):
            yield [entry for entry in entries if entry.path.strip("/") != own and entry.name]

    def _stream(
        self, pages: Callable[[], AsyncIterator[list[dict[str, Any]]]], path: str
    ) -> Iterator[list[Entry]]:
        """Pages of an async listing on the filesystem's loop, each as entries when it comes."""
        queue_: queue.Queue[list[dict[str, Any]] | BaseException | None] = queue.Queue()

        async def pump() -> None:
            try:
                async for page in pages():
                    queue_.put(page)
                queue_.put(None)
            except BaseException as exc:  # handed to the listing thread
                queue_.put(exc)

        future = asyncio.run_coroutine_threadsafe(pump(), self.fs.loop)
        listed = 0
        try:
            while True:
                try:
                    page = queue_.get(timeout=self.timeout)
                except queue.Empty:  # only with a timeout
                    raise timed_out(self.timeout or 0.0) from None
                if page is None:
                    if not listed and not self._call(self.fs.exists, path):
                        raise FileNotFoundError(path)  # S3 has no folders: nothing there
                    return
                if isinstance(page, BaseException):
                    raise _translated(page)
                entries = [_recursive_entry(info) for info in page]
                listed += len(entries)
                yield entries
        finally:
            future.cancel()

    def list_recursive(self, path: str) -> Iterator[list[Entry]]:
        """Every object under the prefix from one listing without a delimiter, page by page."""
        if self._recursive_pages is None:
            raise Unsupported("this filesystem lists one folder at a time")
        pages = self._recursive_pages
        return self._stream(lambda: pages(self.fs, path), path)

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

    def version(self, path: str) -> Version:
        if self._writer is None:
            entry = self.stat(path)  # what a read-only store gives, to tell a change
            tag = entry.extra.get("ETag")
            return Version(str(tag) if tag is not None else None, entry.size, entry.mtime)
        return self._call(self._writer.version, self.fs, path)

    def write_file(self, path: str, data: WriteSource, *, expected: Version | None) -> Version:
        if self._writer is None:
            raise Unsupported(f"{self.display(path)} is on a read-only filesystem")
        # One call, so SFTP's upload, check and rename share one channel (one thread).
        return self._call(self._writer.write, self.fs, path, data, expected)

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
        top = _url_top(stripped)
        if top is not None and len(stripped) <= len(top):
            return path  # a server's root is the top: there is nothing above it
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
