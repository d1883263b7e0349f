"""Limits and choices for table and image previews, passed down from the settings."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_MAX_ROWS = 1_000
DEFAULT_MAX_COLUMNS = 1_000
DEFAULT_MAX_TABLE_BYTES = 16 * 1024 * 1024
DEFAULT_MAX_IMAGE_BYTES = 50 * 1024 * 1024
DEFAULT_MAX_SQLITE_COPY_BYTES = 64 * 1024 * 1024
# Decoded pixels at the file's own depth (Pillow keeps 3 and 4 bands in 4 bytes a pixel).
DEFAULT_MAX_IMAGE_PIXEL_BYTES = 256 * 1024 * 1024
IMAGE_PROTOCOLS = ("auto", "kitty", "sixel", "halfblock")


@dataclass(frozen=True)
class PreviewOptions:
    """What a data or image preview may read, and how images are drawn.

    `max_table_bytes` bounds columnar formats (Parquet, Arrow, xlsx), whose
    smallest readable unit (a page, a zip member) can be bigger than the text
    budget; row-oriented formats (CSV, JSON Lines) stay within the text budget.
    Tables read at most `max_columns` columns, the first ones; images whose
    decoded pixels would take more than `max_image_pixel_bytes` are refused.
    """

    max_rows: int = DEFAULT_MAX_ROWS
    max_columns: int = DEFAULT_MAX_COLUMNS
    max_table_bytes: int = DEFAULT_MAX_TABLE_BYTES
    max_image_bytes: int = DEFAULT_MAX_IMAGE_BYTES
    max_image_pixel_bytes: int = DEFAULT_MAX_IMAGE_PIXEL_BYTES
    max_sqlite_copy_bytes: int = DEFAULT_MAX_SQLITE_COPY_BYTES
    image_protocol: str = "auto"

    def __post_init__(self) -> None:
        if self.image_protocol not in IMAGE_PROTOCOLS:
            choices = ", ".join(IMAGE_PROTOCOLS)
            raise ValueError(f"image protocol must be one of {choices}")


def options_from(settings: object) -> PreviewOptions:
    """Options from any settings object that has some of the fields (e.g. `Config`)."""
    defaults = PreviewOptions()
    return PreviewOptions(
        max_rows=int(getattr(settings, "max_table_rows", defaults.max_rows)),
        max_columns=int(getattr(settings, "max_table_columns", defaults.max_columns)),
        max_table_bytes=int(getattr(settings, "max_table_bytes", defaults.max_table_bytes)),
        max_image_bytes=int(getattr(settings, "max_image_bytes", defaults.max_image_bytes)),
        max_image_pixel_bytes=int(
            getattr(settings, "max_image_pixel_bytes", defaults.max_image_pixel_bytes)
        ),
        max_sqlite_copy_bytes=int(
            getattr(settings, "max_sqlite_copy_bytes", defaults.max_sqlite_copy_bytes)
        ),
        image_protocol=str(getattr(settings, "image_protocol", defaults.image_protocol)),
    )
