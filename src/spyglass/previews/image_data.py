"""A decoded image and what its info line says: what the image previewer hands to a view."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image


@dataclass
class ImageData:
    """A decoded image ready to scale, and what the info line says about it."""

    image: Image.Image
    width: int
    height: int
    mode: str
    format: str
    frames: int
    protocol: str
    info: list[str]
