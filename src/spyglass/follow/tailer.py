"""The state machine of `tail -F` over any backend: each `poll` says what changed since the last.

It holds only where it is (the offset, the unfinished last line, the last few
bytes read) and reads nothing but the new bytes, with range reads. A growth is
trusted only when the bytes just before it are still the ones read before
(the "anchor"), so an object uploaded again, or a file rewritten, is told
from one that grew. Identity (device and inode) tells a rotated local file at
once; elsewhere a shrink is a truncation and a changed anchor a replacement.
"""

from __future__ import annotations

import time

from spyglass.errors import describe
from spyglass.follow.events import (
    Appended,
    Back,
    FollowEvent,
    Gone,
    Problem,
    Replaced,
    Truncated,
)
from spyglass.follow.lines import LineCodec, lines_before, sniff_codec
from spyglass.follow.probe import FileState, probe
from spyglass.fs.backend import Backend
from spyglass.safe_text import safe_name

ANCHOR_BYTES = 64
CHUNK_BYTES = 1024 * 1024  # read per poll at most; the rest on the next one
REREAD_BYTES = 1024 * 1024  # a new file up to this size is shown from its start
TAIL_READ_BYTES = 4 * 1024 * 1024  # the most read backwards for the first lines
# Missing for this long is gone; back sooner under the same name is a rotation (mv, then create).
GONE_GRACE = 0.3


class Tailer:
    """Follows `path` on `backend`; `start` once, then `poll` whenever it may have changed."""

    def __init__(
        self, backend: Backend, path: str, *, initial_lines: int = 10, chunk: int = CHUNK_BYTES
    ) -> None:
        self.backend = backend
        self.path = path
        self.initial_lines = initial_lines
        self.chunk = chunk
        self.codec = LineCodec("utf-8", b"\n")
        self.offset = 0  # the byte after what has been read
        self.size = 0  # the file's size at the last look
        self._partial = b""  # the unfinished last line, bytes up to `offset`
        self._anchor = b""  # the bytes just before `offset`
        self._state: FileState | None = None
        self._present = True
        self._problem: str | None = None
        self._missing_since: float | None = None

    @property
    def whole_objects(self) -> bool:
        """An object store's object (it has an ETag): every change is a new upload."""
        return self._state is not None and self._state.tag is not None

    @property
    def behind(self) -> bool:
        """More bytes are known to be there than read: poll again without waiting."""
        return self._present and self.offset < self.size

    @property
    def unsure(self) -> bool:
        """The file was not there at the last look but is not yet called gone: look again soon."""
        return self._missing_since is not None

    def start(self) -> list[FollowEvent]:
        """The last `initial_lines` lines; raises OSError when the file cannot be read."""
        state = probe(self.backend, self.path)
        self.codec = sniff_codec(self.backend, self.path)
        return self._open(state, from_start=False, initial=True)

    def poll(self) -> list[FollowEvent]:
        try:
            state = probe(self.backend, self.path)
        except FileNotFoundError:
            return self._gone()
        except OSError as exc:
            sentence = describe(exc, "read", safe_name(self.backend.display(self.path)))
            if sentence == self._problem:
                return []
            self._problem = sentence
            return [Problem(sentence)]
        self._problem = None
        self._missing_since = None
        if not self._present:
            self._present = True
            return self._restart(state, Back(0))
        before = self._state
        assert before is not None
        if state.identity is not None and before.identity not in (None, state.identity):
            return self._restart(state, Replaced(whole_object=False, resume=0))
        whole = state.tag is not None
        if state.size < self.offset:
            certain = state.identity is not None
            shrunk: Truncated | Replaced = (
                Replaced(whole_object=True, resume=0)
                if whole
                else Truncated(state.size, 0, certain)
            )
            return self._restart(state, shrunk)
        changed = state.mtime != before.mtime or state.tag != before.tag
        self._state = state
        self.size = state.size
        if state.size == self.offset and not (changed and self._anchor_moved()):
            return []
        if state.size == self.offset:
            return self._restart(state, Replaced(whole_object=whole, resume=0))
        return self._read_new(whole)

    # reading

    def _read_new(self, whole: bool) -> list[FollowEvent]:
        back = len(self._anchor)
        length = min(self.size - self.offset, self.chunk)
        data = self.backend.read_range(self.path, self.offset - back, back + length)
        if data[:back] != self._anchor:
            return self._restart(self._state_now(), Replaced(whole_object=whole, resume=0))
        new = data[back:]
        if not new:
            return []
        start = self.offset - len(self._partial)
        lines, offsets, self._partial = self.codec.split(self._partial + new, start)
        self._anchor = (self._anchor + new)[-ANCHOR_BYTES:]
        self.offset += len(new)
        if not lines:
            return []
        return [Appended(tuple(lines), tuple(offsets), self.offset - len(self._partial))]

    def _anchor_moved(self) -> bool:
        """The bytes before `offset` are not the ones read: rewritten in place, same size."""
        if not self._anchor:
            return False
        back = len(self._anchor)
        return self.backend.read_range(self.path, self.offset - back, back) != self._anchor

    def _state_now(self) -> FileState:
        assert self._state is not None
        return self._state

    def _gone(self) -> list[FollowEvent]:
        if not self._present:
            return []
        now = time.monotonic()
        if self._missing_since is None:
            self._missing_since = now
        if now - self._missing_since < GONE_GRACE:
            return []
        self._missing_since = None
        self._present = False
        return [*self._flush(), Gone()]

    def _flush(self) -> list[FollowEvent]:
        """The unfinished last line, shown as it is: the file it belonged to is over."""
        if not self._partial:
            return []
        line = self.codec.text(self._partial)
        start = self.offset - len(self._partial)
        self._partial = b""
        return [Appended((line,), (start,), self.offset)]

    def _restart(self, state: FileState, event: Truncated | Replaced | Back) -> list[FollowEvent]:
        """Another file, or a shorter one: from its start if small, else from its last lines."""
        flushed = self._flush()
        from_start = state.size <= REREAD_BYTES
        opened = self._open(state, from_start=from_start, initial=False)
        resume = 0 if from_start else self.offset
        if isinstance(event, Truncated):
            event = Truncated(state.size, resume, event.certain)
        elif isinstance(event, Replaced):
            event = Replaced(event.whole_object, resume)
        else:
            event = Back(resume)
        return [*flushed, event, *opened]

    def _open(self, state: FileState, *, from_start: bool, initial: bool) -> list[FollowEvent]:
        self._state = state
        self.size = state.size
        self._partial = b""
        self._anchor = b""
        if from_start:
            self.offset = 0
            return self._read_new(state.tag is not None) if state.size else []
        # The last lines: the open last line (no newline yet) is held, not shown.
        tail_start = max(0, state.size - ANCHOR_BYTES * 1024)
        tail = self.backend.read_range(self.path, tail_start, state.size - tail_start)
        self.offset = tail_start + len(tail)
        cut = tail.rfind(self.codec.newline)
        line_end = tail_start + cut + len(self.codec.newline) if cut >= 0 else tail_start
        if cut < 0 and tail_start > 0:
            line_end = self.offset  # one line longer than the block: start after it
        self._partial = tail[line_end - tail_start :]
        self._anchor = tail[-ANCHOR_BYTES:]
        lines, offsets = lines_before(
            self.backend,
            self.path,
            self.codec,
            line_end,
            self.initial_lines,
            max_bytes=TAIL_READ_BYTES,
        )
        return [Appended(tuple(lines), tuple(offsets), line_end, initial=initial)]
