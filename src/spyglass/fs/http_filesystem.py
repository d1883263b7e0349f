"""fsspec's HTTP filesystem with reads that stop at what was asked, whatever the server sends.

fsspec reads a whole response before it slices it: a server that ignores
`Range` and streams without end was read for 256 MiB for a 1 MiB preview, and
a gzip-encoded body was decompressed whole (1.15 GB resident). Here a body is
read a chunk at a time up to the bytes asked for (aiohttp decompresses a
chunk at a time too), and the connection is closed on the rest. Folder
indexes are read up to a size, and their links found by `html_index` in a
worker thread, not on the event loop that every transfer shares.
"""

from __future__ import annotations

import asyncio
import re
from typing import Any
from urllib.parse import urlsplit

from fsspec.asyn import sync, sync_wrapper
from fsspec.implementations.http import HTTPFile, HTTPFileSystem

from spyglass.errors import SpyglassError
from spyglass.format import human_size
from spyglass.fs.fsspec_backend import PartialListing
from spyglass.fs.html_index import MAX_LINKS, folder_links

CHUNK = 64 * 1024
MAX_INDEX_BYTES = 16 * 1024 * 1024
# A server that ignores Range sends a file from its start: bytes before the part
# asked for are read and dropped, up to this far into the file.
MAX_SKIP = 4 * 1024 * 1024
MAX_OPENED = 64  # files remembered for folders without an index page
_CONTENT_RANGE = re.compile(r"bytes (\d+)-\d+/(?:\d+|\*)$")
_NO_INDEX = frozenset({401, 403, 404, 405, 410})  # answers for a folder a server does not list


def is_folder_url(url: str) -> bool:
    """A server's root, or a URL ending in "/": what index pages are served at."""
    return url.endswith("/") or urlsplit(url).path in ("", "/")


async def read_body(response: Any, limit: int | None, skip: int = 0) -> bytes:
    """At most `limit` bytes of the body after the first `skip`; the rest is never read.

    A body that goes on past them is cut off by closing the connection, so
    the server's next bytes are not downloaded, decompressed or kept.
    """
    while skip > 0:
        dropped = await response.content.read(min(skip, CHUNK))
        if not dropped:
            return b""
        skip -= len(dropped)
    pieces: list[bytes] = []
    got = 0
    while limit is None or got < limit:
        piece = await response.content.read(CHUNK if limit is None else min(CHUNK, limit - got))
        if not piece:
            break
        pieces.append(piece)
        got += len(piece)
    if not response.content.at_eof():
        response.close()
    return b"".join(pieces)


def _status(exc: BaseException | None) -> int | None:
    status = getattr(exc, "status", None)
    return status if isinstance(status, int) else None


def _no_index(status: int) -> SpyglassError:
    if status == 404:
        return SpyglassError(
            "no index page here (HTTP 404): the folder does not exist, or the server "
            "does not list folders (a file opens by its full URL)"
        )
    return SpyglassError(
        f"the server does not list this folder (HTTP {status}): a file opens by its full URL"
    )


class HttpFileSystem(HTTPFileSystem):  # type: ignore[misc]
    """HTTP(S) with bounded reads, folder URLs that are folders, and linear-time indexes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Files opened by their URL: listed in their folder even where it has no index page.
        self._opened: dict[str, dict[str, Any]] = {}

    async def _cat_file(
        self, url: str, start: int | None = None, end: int | None = None, **kwargs: Any
    ) -> bytes:
        if end is None or (start or 0) < 0 or end < 0:  # a whole file, or from its end
            data: bytes = await super()._cat_file(url, start=start, end=end, **kwargs)
            return data
        start = start or 0
        if end <= start:
            return b""
        options = {**self.kwargs, **kwargs}
        headers = {**options.pop("headers", {}), "Range": f"bytes={start}-{end - 1}"}
        session = await self.set_session()
        async with session.get(self.encode_url(url), headers=headers, **options) as response:
            if response.status == 416:  # asked from past the end
                return b""
            self._raise_not_found_for_status(response, url)
            skip = _skip_before(response, start)
            return await read_body(response, end - start, skip)

    async def _info(self, url: str, **kwargs: Any) -> dict[str, Any]:
        """A URL that is served as a folder is a folder; fsspec calls every URL a file."""
        try:
            info: dict[str, Any] = await super()._info(url, **kwargs)
        except FileNotFoundError as exc:
            if not (is_folder_url(url) and _status(exc.__cause__) in _NO_INDEX):
                raise
            # A folder without an index page: listing it says so, in its own sentence.
            return {"name": url, "size": None, "type": "directory"}
        if is_folder_url(url) or is_folder_url(str(info.get("url", ""))):
            info["type"] = "directory"
        else:
            self._opened[url] = info
            if len(self._opened) > MAX_OPENED:
                del self._opened[next(iter(self._opened))]  # the oldest
        return info

    async def _ls_real(self, url: str, detail: bool = True, **kwargs: Any) -> list[Any]:
        page, base, long_page = await self._index_page(url, **kwargs)
        # Parsing is CPU work: in a thread, so the shared event loop goes on with transfers.
        links, cut = await asyncio.to_thread(folder_links, page, base, MAX_LINKS)
        infos = [
            {"name": link, "size": None, "type": "directory" if link.endswith("/") else "file"}
            for link in links
        ]
        listed: list[Any] = infos if detail else links
        if cut or long_page:
            limit = f"{MAX_LINKS:,} links" if cut else human_size(MAX_INDEX_BYTES)
            raise PartialListing(listed, f"the index page is longer than spyglass reads ({limit})")
        return listed

    async def _index_page(self, url: str, **kwargs: Any) -> tuple[str, str, bool]:
        """The index page's text, the URL it came from, and whether it was longer than read."""
        session = await self.set_session()
        options = {**self.kwargs, **kwargs}
        async with session.get(self.encode_url(url), **options) as response:
            if response.status in _NO_INDEX:
                raise self._without_index(url, response.status)
            self._raise_not_found_for_status(response, url)
            kind = response.headers.get("Content-Type", "").partition(";")[0].strip().lower()
            if kind not in ("", "text/html", "application/xhtml+xml"):
                return "", str(response.url), False  # not an index: nothing to list
            body = await read_body(response, MAX_INDEX_BYTES + 1)
            charset = response.charset or "utf-8"
        long_page = len(body) > MAX_INDEX_BYTES
        body = body[:MAX_INDEX_BYTES]
        try:
            text = body.decode(charset, errors="replace")
        except LookupError:  # a charset Python does not know
            text = body.decode("utf-8", errors="replace")
        return text, str(response.url), long_page

    def _without_index(self, url: str, status: int) -> SpyglassError:
        """The sentence for a folder with no index, with the files opened in it by URL."""
        folder = url.rstrip("/") + "/"
        known = [
            info
            for link, info in self._opened.items()
            if link.startswith(folder) and "/" not in link[len(folder) :]
        ]
        reason = _no_index(status)
        return PartialListing(known, str(reason)) if known else reason

    def _open(
        self,
        path: str,
        mode: str = "rb",
        block_size: int | None = None,
        autocommit: bool | None = None,
        cache_type: str | None = None,
        cache_options: dict[str, Any] | None = None,
        size: int | None = None,
        **kwargs: Any,
    ) -> Any:
        """A seekable file whose block reads are bounded like `cat_file`'s."""
        block_size = self.block_size if block_size is None else block_size
        info: dict[str, Any] = {} if size else self.info(path, **kwargs)
        size = size or info.get("size")
        if not (block_size and size and info.get("partial", True)):
            return super()._open(
                path, mode, block_size, autocommit, cache_type, cache_options, size, **kwargs
            )
        if mode != "rb":
            raise NotImplementedError("HTTP files are read-only")
        return BoundedHTTPFile(
            self,
            path,
            session=sync(self.loop, self.set_session),
            block_size=block_size,
            mode=mode,
            size=size,
            cache_type=cache_type or self.cache_type,
            cache_options=cache_options or self.cache_options,
            loop=self.loop,
            **{**self.kwargs, **kwargs},
        )


def _skip_before(response: Any, start: int) -> int:
    """How many bytes of the body come before `start`: 0 where the server sent the part."""
    if response.status == 206:
        sent = _CONTENT_RANGE.match(response.headers.get("Content-Range", ""))
        if sent is not None and int(sent[1]) != start:
            raise SpyglassError("the server sent another part of the file than the one asked for")
        return 0
    if start > MAX_SKIP:
        raise SpyglassError(
            "the server does not send parts of files (it ignores Range requests): "
            f"only the first {human_size(MAX_SKIP)} can be read"
        )
    return start


class BoundedHTTPFile(HTTPFile):  # type: ignore[misc]
    """fsspec's HTTP file, reading each block through the bounded `_cat_file`."""

    async def async_fetch_range(self, start: int, end: int) -> bytes:
        data: bytes = await self.fs._cat_file(self.url, start=start, end=end)
        return data

    _fetch_range = sync_wrapper(async_fetch_range)
