"""Widgets that show a DataPreview, found by the class of the preview.

Each widget is created once inside the preview pane, the first time a preview
of its kind is shown: their modules are slow to import.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from spyglass.previews.results import DataPreview, ImagePreview, TablePreview

if TYPE_CHECKING:
    from spyglass.ui.data_view import DataView


class DataViewKind(NamedTuple):
    name: str  # in the widget's id: `preview-data-{name}`
    make: Callable[[], DataView[Any]]


def _table_panel() -> DataView[TablePreview]:
    from spyglass.ui.table_panel import TablePanel

    return TablePanel()


def _image_view() -> DataView[ImagePreview]:
    from spyglass.ui.image_view import ImageView

    return ImageView()


DATA_VIEWS: dict[type[DataPreview[Any]], DataViewKind] = {
    TablePreview: DataViewKind("table", _table_panel),
    ImagePreview: DataViewKind("image", _image_view),
}


def data_view_kind(preview: DataPreview[Any]) -> DataViewKind | None:
    return DATA_VIEWS.get(type(preview))
