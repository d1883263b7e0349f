"""The previewers that ship with spyglass, registered once."""

from __future__ import annotations

from spyglass.previews.code_previewer import CodePreviewer
from spyglass.previews.hex_previewer import HexPreviewer
from spyglass.previews.json_previewer import JsonPreviewer
from spyglass.previews.markdown_previewer import MarkdownPreviewer
from spyglass.previews.registry import register, registered
from spyglass.previews.text_previewer import TextPreviewer


def register_all() -> None:
    if registered():
        return
    for previewer in (
        JsonPreviewer(),
        MarkdownPreviewer(),
        CodePreviewer(),
        TextPreviewer(),
        HexPreviewer(),
    ):
        register(previewer)
