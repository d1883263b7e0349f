"""The base of the widgets that show one kind of DataPreview (a table, an image)."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from textual.widget import Widget

from spyglass.previews.results import DataPreview

P = TypeVar("P", bound=DataPreview[Any])


class DataView(Widget, Generic[P]):
    """A widget the preview pane creates once and hands every preview of its kind."""

    def show_preview(self, preview: P) -> None:
        raise NotImplementedError
