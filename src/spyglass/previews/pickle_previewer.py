"""Python pickles are shown as hex, never loaded: unpickling runs whatever code the file names."""

from __future__ import annotations

from spyglass.previews.hex_previewer import HexPreviewer
from spyglass.previews.registry import Previewer, Source
from spyglass.previews.results import HexPreview, Note, NoteKind

EXTENSIONS = frozenset({"pkl", "pickle", "pck", "pcl"})
SENTENCE = (
    "shown as hex: a Python pickle is never loaded, since loading one can run any code it holds"
)


def starts_like_pickle(source: Source) -> bool:
    """Protocol 2 and later start with PROTO and its number; 4 and 5 then frame the data."""
    head = source.head
    if len(head) < 3 or head[0] != 0x80:
        return False
    return head[1] in (2, 3) or (head[1] in (4, 5) and head[2] == 0x95)


class PicklePreviewer(Previewer):
    name = "pickle"

    def load(self, source: Source) -> HexPreview:
        preview = HexPreviewer().load(source)
        preview.title = "Pickle"
        preview.notes.insert(0, Note(SENTENCE, NoteKind.PROBLEM))
        return preview
