"""Content search on local disk with ripgrep, when it is installed: its JSON output, streamed.

rg is told to behave as the Python search does: no ignore files, dot-files
only when asked, links not followed, binary files skipped. It skips files
over the size cap instead of reading their start, so those are searched here
up to the cap, as rg names them (its debug log), and counted as capped.
"""

from __future__ import annotations

import base64
import json
import os
import queue
import re
import shutil
import subprocess
import threading
from dataclasses import dataclass, field
from typing import IO, Any

from spyglass.errors import SpyglassError
from spyglass.fs.backend import Backend
from spyglass.jobs.context import JobContext
from spyglass.search.file_search import search_data
from spyglass.search.line_scan import MAX_LINE
from spyglass.search.local_content import LocalContentSearcher, read_capped
from spyglass.search.query import ContentQuery
from spyglass.search.results import LineMatch, SearchProblem
from spyglass.search.tally import Tally

POLL = 0.1  # seconds between cancellation checks while rg is quiet
CHUNK = 64 * 1024
# rg 14 starts its messages with "rg: ", rg 13 does not; only rg 14 logs binary files
_DEBUG = re.compile(r"^(?:rg: )?DEBUG\|[^|]*\|[^:]*:\d+: (?P<message>.*)$")
_CAPPED = re.compile(r"^ignoring (?P<path>.*): (?P<size>\d+) bytes$")
_BINARY = re.compile(r"^ignoring (?P<path>.*): found binary data at offset \d+$")
_PROBLEM = re.compile(r"^(?:rg: )?(?P<path>.*): (?P<reason>.*?)(?: \(os error (?P<errno>\d+)\))?$")


def find_rg() -> str | None:
    """The rg on PATH, if there is one."""
    return shutil.which("rg")


def rg_arguments(executable: str, root: str, query: ContentQuery) -> list[str]:
    """The pattern goes after -e and the root after --: neither can be read as an option."""
    arguments = [executable, "--json", "--debug", "--no-config", "--no-ignore"]
    arguments += ["--max-filesize", str(query.max_filesize)]
    if query.hidden:
        arguments.append("--hidden")
    if query.max_depth is not None:
        arguments += ["--max-depth", str(query.max_depth)]
    if query.fixed:
        arguments.append("--fixed-strings")
    arguments.append("--ignore-case" if query.ignore_case else "--case-sensitive")
    return [*arguments, "-e", query.pattern, "--", root]


def _text(value: Any) -> str:
    """rg's {"text": ...} or, for bytes that are not UTF-8, {"bytes": base64}."""
    if not isinstance(value, dict):
        return ""
    if "text" in value:
        return str(value["text"])
    return os.fsdecode(base64.b64decode(str(value.get("bytes", ""))))


def _spans(line: str, submatches: list[dict[str, Any]]) -> tuple[tuple[int, int], ...]:
    """rg's byte offsets as offsets into the decoded line."""
    offsets = [(int(item["start"]), int(item["end"])) for item in submatches]
    if not line.isascii():
        raw = line.encode("utf-8", "surrogateescape")

        def chars(offset: int) -> int:
            return len(raw[:offset].decode("utf-8", "surrogateescape"))

        offsets = [(chars(start), chars(end)) for start, end in offsets]
    size = len(line)
    return tuple((start, min(end, size)) for start, end in offsets if start <= size)


@dataclass
class _Output:
    """rg's stdout (chunks) and stderr (lines), read by two threads into one queue."""

    process: subprocess.Popen[bytes]
    items: queue.Queue[tuple[str, bytes]] = field(default_factory=queue.Queue)

    def start(self) -> None:
        assert self.process.stdout is not None and self.process.stderr is not None
        for kind, stream in (("out", self.process.stdout), ("err", self.process.stderr)):
            threading.Thread(
                target=self._read, args=(kind, stream), name=f"rg-{kind}", daemon=True
            ).start()

    def _read(self, kind: str, stream: IO[bytes]) -> None:
        try:
            if kind == "out":
                while chunk := stream.read1(CHUNK):  # type: ignore[attr-defined]
                    self.items.put((kind, chunk))
            else:
                for line in stream:
                    self.items.put((kind, line))
        except (OSError, ValueError):  # closed under us when the search stops
            pass
        finally:
            self.items.put((kind, b""))


@dataclass
class RgContentSearcher:
    backend: Backend
    executable: str
    how: str = "rg"

    def search_content(
        self, root: str, query: ContentQuery, context: JobContext[LineMatch | SearchProblem]
    ) -> None:
        tally: Tally[LineMatch] = Tally(context, self.how, query.limit)
        tally.cap = query.max_filesize
        try:
            if self._run(root, query, tally):
                return
        finally:
            tally.finish()
        # rg refused the pattern (a look-behind, a back-reference): Python's re reads it
        LocalContentSearcher(self.backend).search_content(root, query, context)

    def _run(self, root: str, query: ContentQuery, tally: Tally[LineMatch]) -> bool:
        """Stream rg's results; False when rg failed before it searched anything."""
        base = root if root == os.sep else root.rstrip(os.sep)
        prefix = base if base.endswith(os.sep) else base + os.sep
        with os.scandir(base):
            pass  # a root that cannot be read fails the search, as without rg
        process = subprocess.Popen(
            rg_arguments(self.executable, base, query),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        output = _Output(process)
        output.start()
        searched = False
        errors: list[str] = []
        try:
            pending = b""
            open_streams = 2
            tally.report(self.backend.display(root))
            while open_streams:
                try:
                    kind, data = output.items.get(timeout=POLL)
                except queue.Empty:
                    tally.context.check()
                    continue
                if not data:
                    open_streams -= 1
                    continue
                if kind == "err":
                    line = os.fsdecode(data.rstrip(b"\r\n"))
                    if not self._note(line, prefix, query, tally, errors):
                        return True
                    continue
                pending += data
                *lines, pending = pending.split(b"\n")
                for raw in lines:
                    searched = True
                    if not self._result(raw, prefix, tally):
                        return True
                tally.context.check()
            process.wait()
            if process.returncode == 2 and not searched:
                if "regex" in " ".join(errors).lower():
                    return False
                raise SpyglassError(f"rg failed: {errors[0] if errors else 'no reason given'}")
            return True
        finally:
            if process.poll() is None:
                process.kill()
            process.wait()
            for stream in (process.stdout, process.stderr):
                if stream is not None:
                    stream.close()

    def _result(self, raw: bytes, prefix: str, tally: Tally[LineMatch]) -> bool:
        """One line of rg's JSON; False once the limit is reached."""
        try:
            message = json.loads(raw)
        except ValueError:
            return True
        kind = message.get("type")
        data = message.get("data") or {}
        if kind == "match":
            path = _text(data.get("path"))
            line = _text(data.get("lines")).rstrip("\n")
            if line.endswith("\r"):
                line = line[:-1]
            line = line[:MAX_LINE]
            match = LineMatch(
                path,
                path[len(prefix) :] if path.startswith(prefix) else path,
                int(data.get("line_number") or 0),
                line,
                _spans(line, data.get("submatches") or []),
            )
            return tally.match(match)
        if kind == "summary":
            stats = data.get("stats") or {}
            tally.visited += int(stats.get("searches") or 0)
            tally.byte_count += int(stats.get("bytes_searched") or 0)
        return True

    def _note(
        self,
        line: str,
        prefix: str,
        query: ContentQuery,
        tally: Tally[LineMatch],
        errors: list[str],
    ) -> bool:
        """One line of rg's stderr: a skipped file, a problem, or noise. False at the limit."""
        debug = _DEBUG.match(line)
        if debug is not None:
            message = debug["message"]
            if capped := _CAPPED.match(message):
                return self._search_capped(capped["path"], prefix, query, tally)
            if _BINARY.match(message):
                tally.binary += 1
                tally.skipped += 1
            return True
        problem = _PROBLEM.match(line)
        if problem is None or not problem["errno"]:
            errors.append(line.removeprefix("rg: "))
            return True
        path = problem["path"]
        relative = path[len(prefix) :] if path.startswith(prefix) else path
        cause = OSError(int(problem["errno"]), problem["reason"])
        tally.problem(cause, "search", path, relative, self.backend.display(path))
        return True

    def _search_capped(
        self, path: str, prefix: str, query: ContentQuery, tally: Tally[LineMatch]
    ) -> bool:
        relative = path[len(prefix) :] if path.startswith(prefix) else path
        try:
            data, capped = read_capped(path, query.max_filesize)
        except OSError as exc:
            tally.problem(exc, "read", path, relative, self.backend.display(path))
            return True
        return search_data(data, capped, query, tally, path, relative)
