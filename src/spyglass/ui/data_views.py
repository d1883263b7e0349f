"""Widgets that show a DataPreview, by the name its previewer gives in `view`.

Each widget is created once inside the preview pane and must offer
`show_preview(preview: DataPreview) -> None`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from textual.widget import Widget

from spyglass.previews.results import DataPreview


class DataView(Protocol):
    def show_preview(self, preview: DataPreview) -> None: ...


# view name -> factory of the widget; each factory imports its module when the pane is built
DATA_VIEWS: dict[str, Callable[[], Widget]] = {}


def _table_panel() -> Widget:
    from spyglass.ui.table_panel import TablePanel

    return TablePanel()


def _image_view() -> Widget:
    from spyglass.ui.image_view import ImageView

    return ImageView()


DATA_VIEWS.update(table=_table_panel, image=_image_view)
