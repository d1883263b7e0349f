"""Widgets that show a DataPreview, by the name its previewer gives in `view`.

Each widget is created once inside the preview pane and must offer
`show_preview(preview: DataPreview) -> None`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from textual.widget import Widget

from spyglass.previews.document import DataPreview


class DataView(Protocol):
    def show_preview(self, preview: DataPreview) -> None: ...


# view name -> factory of the widget; filled by the modules that define the widgets
DATA_VIEWS: dict[str, Callable[[], Widget]] = {}
