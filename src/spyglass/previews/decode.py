"""The decode step of a preview: bytes to lines, rows or pixels.

`decode` tries the fitting previewers in order. The app and `spyglass cat` run
it in a sandbox child (`decode_isolated`): the parent reads the first bytes and
answers the child's further reads, and a decode that hangs, eats memory or
dies becomes a sentence with the start of the file in hex.
"""

from __future__ import annotations

import logging
import zlib
from collections import OrderedDict
from collections.abc import Callable
from functools import partial
from typing import NamedTuple

from spyglass.errors import describe
from spyglass.fs.backend import Backend
from spyglass.fs.entry import Entry
from spyglass.previews import builtin
from spyglass.previews.preview_options import PreviewOptions
from spyglass.previews.registry import Source, candidates
from spyglass.previews.results import (
    HexPreview,
    MessagePreview,
    Note,
    NoteKind,
    Part,
    Preview,
    TablePreview,
)
from spyglass.previews.table_data import TableData
from spyglass.safe_text import safe_name
from spyglass.sandbox.pool import Sandbox
from spyglass.sandbox.stopped import Cancelled, Stopped
from spyglass.secrets import mask_text

log = logging.getLogger(__name__)
# A decode that was stopped shows this much of the file's start as hex.
STOPPED_HEX_BYTES = 64 * 1024
# Tables a child keeps open to switch sheets without decoding the file again.
_KEPT_OPEN = 4

builtin.register_all()


class Sample(NamedTuple):
    """What a child is told about the file: the entry and the first bytes the parent read."""

    entry: Entry
    head: bytes
    max_bytes: int
    options: PreviewOptions


def decode(source: Source) -> Preview:
    """The best preview of the source's bytes; a failing previewer hands on to the next."""
    problems: list[Note] = []
    for previewer in candidates(source):
        try:
            preview = previewer.load(source)
        except Exception as exc:  # a bad file must not stop the fallbacks
            log.debug("%s previewer failed on %s", previewer.name, source.entry.path, exc_info=True)
            shown = mask_text(safe_name(source.backend.display(source.entry.path)))
            problem = describe(exc, f"show as {previewer.name}", shown)
            problems.append(Note(problem, NoteKind.PROBLEM))
            continue
        preview.notes[:0] = problems
        return preview
    return MessagePreview(
        title="Error",
        message=" ".join(note.text for note in problems) or "Nothing to show.",
        level="error",
    )


# child side

_open_parts: OrderedDict[tuple[str, int | None, int], Callable[[str], TableData]] = OrderedDict()


def _key(sample: Sample) -> tuple[str, int | None, int]:
    """Which file a sample is of: its path, size and first bytes."""
    return sample.entry.path, sample.entry.size, zlib.crc32(sample.head)


def _portable(preview: Preview, sample: Sample) -> Preview:
    """The preview without what cannot cross the pipe: a table's `open_part` stays here."""
    if isinstance(preview, TablePreview) and preview.payload.open_part is not None:
        _open_parts[_key(sample)] = preview.payload.open_part
        while len(_open_parts) > _KEPT_OPEN:
            _open_parts.popitem(last=False)
        preview.payload.open_part = None
    return preview


def decode_in_child(backend: Backend, sample: Sample) -> Preview:
    """The task a child runs: `decode` over the parent's backend."""
    return _portable(decode(Source(backend, *sample)), sample)


def open_part_in_child(backend: Backend, sample: Sample, name: str) -> TableData:
    """Another sheet or table of a file this child decoded, or decodes again to open it."""
    opener = _open_parts.get(_key(sample))
    if opener is None:
        preview = decode(Source(backend, *sample))
        if not isinstance(preview, TablePreview) or preview.payload.open_part is None:
            raise ValueError(f"{safe_name(sample.entry.name)} has no part {safe_name(name)}")
        opener = preview.payload.open_part
        _open_parts[_key(sample)] = opener
    table = opener(name)
    table.open_part = None
    return table


# parent side


def _stopped(sample: Sample, reason: str) -> HexPreview:
    data = sample.head[:STOPPED_HEX_BYTES]
    size = sample.entry.size
    complete = size is not None and len(data) >= size
    return HexPreview(
        title="Hex",
        notes=[Note(f"{reason}; the start of the file is shown as hex", NoteKind.PROBLEM)],
        part=Part(len(data), size, None if complete else len(data)),
        data=data,
    )


def _open_part(sandbox: Sandbox, backend: Backend, sample: Sample, name: str) -> TableData:
    table = sandbox.run(open_part_in_child, sample, name, backend=backend)
    table.open_part = partial(_open_part, sandbox, backend, sample)
    return table


def decode_isolated(
    sandbox: Sandbox, source: Source, cancelled: Callable[[], bool] = lambda: False
) -> Preview:
    """`decode` in a child of `sandbox`, killed when `cancelled()` turns true."""
    sample = Sample(source.entry, source.head, source.max_bytes, source.options)
    try:
        preview = sandbox.run(decode_in_child, sample, backend=source.backend, cancelled=cancelled)
    except Stopped as stop:
        return _stopped(sample, str(stop))
    except Cancelled:
        return MessagePreview(title="Cancelled", message="The preview was cancelled.")
    if isinstance(preview, TablePreview) and preview.payload.parts:
        preview.payload.open_part = partial(_open_part, sandbox, source.backend, sample)
    return preview
