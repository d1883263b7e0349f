"""Hex dump: the fallback that shows any file as something."""

from __future__ import annotations

from spyglass.format import human_size
from spyglass.previews.registry import Previewer, Source
from spyglass.previews.results import HexPreview, Note, Part
from spyglass.previews.sniff import magic_label
from spyglass.previews.text_previewer import part_note


class HexPreviewer(Previewer):
    name = "hex"

    def load(self, source: Source) -> HexPreview:
        head = source.head
        complete = source.complete
        part = Part(len(head), source.entry.size, None if complete else len(head))
        label = magic_label(head)
        notes = [Note(f"{label.upper()} data" if label else "binary data")]
        notes.append(Note(f"{human_size(source.entry.size)}"))
        note = part_note(part)
        if note:
            notes.append(note)
        return HexPreview(title="Hex", notes=notes, data=head, part=part)
