"""Images Pillow reads, decoded in the loader thread and shrunk to what a terminal can show."""

from __future__ import annotations

import io
import warnings
from typing import TYPE_CHECKING, Any

from spyglass.errors import SpyglassError
from spyglass.format import human_size
from spyglass.previews.image_data import ImageData
from spyglass.previews.registry import Previewer, Source
from spyglass.previews.results import ImagePreview, Note, Part
from spyglass.safe_text import safe_name

if TYPE_CHECKING:
    from PIL import Image

MAGIC = ("png", "jpeg", "gif", "webp", "bmp", "tiff", "ico")
EXTENSIONS = {
    "png", "jpg", "jpeg", "jpe", "jfif", "gif", "webp", "bmp", "dib", "tif", "tiff", "ico",
    "ppm", "pgm", "pbm", "pnm", "tga", "pcx", "qoi", "dds", "icns", "apng", "psd",
}  # fmt: skip
# Kept big enough for Kitty / Sixel on a large pane; half-blocks need far less.
MAX_SIDE = 2048
_EXIF_CAMERA = (0x010F, 0x0110)  # Make, Model
_EXIF_DATE = 0x9003  # DateTimeOriginal, in the Exif IFD
_EXIF_DATE_FALLBACK = 0x0132  # DateTime
_EXIF_IFD = 0x8769


class ImagePreviewer(Previewer):
    name = "image"

    def load(self, source: Source) -> ImagePreview:
        try:
            import PIL  # noqa: F401
        except ImportError as exc:
            raise SpyglassError("showing images needs the pillow package") from exc
        data = _read(source)
        image, original = _decode(data, source.options.max_image_pixel_bytes)
        frames = int(getattr(original, "n_frames", 1) or 1)
        info = _info(original, frames)
        payload = ImageData(
            image=image,
            width=original.width,
            height=original.height,
            mode=original.mode,
            format=original.format or "image",
            frames=frames,
            protocol=source.options.image_protocol,
            info=info,
        )
        part = Part(len(data), source.entry.size, None)
        notes = [Note(text) for text in info]
        return ImagePreview(title=payload.format, notes=notes, payload=payload, part=part)


def _read(source: Source) -> bytes:
    cap = source.options.max_image_bytes
    size = source.entry.size
    if size is not None and size > cap:
        raise SpyglassError(
            f"the image is {human_size(size)}, above the {human_size(cap)} limit: not downloaded"
        )
    if source.complete:
        return source.head
    rest = source.backend.read_range(
        source.entry.path,
        len(source.head),
        (size if size is not None else cap + 1) - len(source.head),
    )
    data = source.head + rest
    if len(data) > cap:
        raise SpyglassError(f"the image is above the {human_size(cap)} limit: not downloaded")
    return data


def _decode(data: bytes, max_pixel_bytes: int) -> tuple[Image.Image, Image.Image]:
    """(the image to draw, the file as opened); refuses decompression bombs.

    The image is decoded once at its own size (JPEG at a reduced one), checked
    against `max_pixel_bytes` before that, then shrunk before anything else
    (rotation, conversion) makes a copy of it.
    """
    from PIL import Image, ImageOps, UnidentifiedImageError

    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            original = Image.open(io.BytesIO(data))
            _check_pixels(original, Image.MAX_IMAGE_PIXELS)
            if original.format == "JPEG":
                original.draft("RGB", (MAX_SIDE, MAX_SIDE))
            _check_pixel_bytes(original, max_pixel_bytes)
            original.load()
            image = _shrink(original, MAX_SIDE)
            image = ImageOps.exif_transpose(image) or image
            image = _displayable(image)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            limit = Image.MAX_IMAGE_PIXELS or 0
            raise SpyglassError(
                f"the image is above the safety limit of {limit:,} pixels (a decompression bomb?)"
            ) from exc
        except UnidentifiedImageError as exc:
            raise SpyglassError("Pillow does not recognise this image format") from exc
        except (OSError, SyntaxError, ValueError, EOFError) as exc:
            raise SpyglassError(f"corrupt or truncated image: {exc}") from exc
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    return image, original


def pixel_bytes(mode: str, width: int, height: int) -> int:
    """What Pillow holds for an image of this mode and size: one byte a pixel for 1, L and P,
    two for 16-bit grey, four for everything else (three bands are kept in four)."""
    if mode in ("1", "L", "P"):
        size = 1
    elif mode.startswith("I;16"):
        size = 2
    else:
        size = 4
    return width * height * size


def _check_pixel_bytes(image: Image.Image, limit: int) -> None:
    needed = pixel_bytes(image.mode, image.width, image.height)
    if needed > limit:
        raise SpyglassError(
            f"the image is {image.width:,}\u00d7{image.height:,} pixels of mode {image.mode}: "
            f"{human_size(needed)} once decoded, above the {human_size(limit)} limit"
        )


def _shrink(image: Image.Image, side: int) -> Image.Image:
    """The image at about `side` pixels on its longer edge (never below), by a whole factor."""
    from PIL import Image as PILImage

    factor = max(image.width, image.height) // side
    if factor < 2:
        return image
    try:
        return image.reduce(factor)
    except ValueError:  # modes reduce does not take (1, P, 16-bit grey): pick pixels
        size = (max(1, image.width // factor), max(1, image.height // factor))
        return image.resize(size, PILImage.Resampling.NEAREST)


def _check_pixels(image: Image.Image, limit: int | None) -> None:
    pixels = image.width * image.height
    if limit is not None and pixels > limit:
        raise SpyglassError(
            f"the image is {image.width:,}\u00d7{image.height:,} pixels, above the safety limit of "
            f"{limit:,} pixels (a decompression bomb?)"
        )


def _displayable(image: Image.Image) -> Image.Image:
    if image.mode in ("RGB", "RGBA"):
        return image
    if image.mode in ("P", "PA", "LA", "La") or "transparency" in image.info:
        return image.convert("RGBA")
    if image.mode in ("I", "F") or image.mode.startswith("I;16"):
        return _stretch_to_grey(image).convert("RGB")
    return image.convert("RGB")


def _stretch_to_grey(image: Image.Image) -> Image.Image:
    """16/32-bit grey scaled to 8 bits by its actual range, not clipped."""
    wide = image.convert("F")
    extrema: Any = wide.getextrema()
    low, high = float(extrema[0]), float(extrema[1])
    span = max(1e-9, high - low)
    return wide.point(lambda value: (value - low) * (255 / span)).convert("L")


def _info(image: Image.Image, frames: int) -> list[str]:
    info = [f"{image.width:,}\u00d7{image.height:,} px", image.mode]
    if frames > 1:
        info.append(f"{frames} frames (first shown)")
    exif = _exif(image)
    info.extend(exif)
    return info


def _exif(image: Image.Image) -> list[str]:
    try:
        exif: Any = image.getexif()
    except Exception:  # broken EXIF must not hide the image
        return []
    if not exif:
        return []
    fields = []
    camera = " ".join(str(exif.get(tag, "")).strip() for tag in _EXIF_CAMERA).strip()
    if camera:
        fields.append(safe_name(camera[:60]))
    try:
        date = exif.get_ifd(_EXIF_IFD).get(_EXIF_DATE) or exif.get(_EXIF_DATE_FALLBACK)
    except Exception:
        date = exif.get(_EXIF_DATE_FALLBACK)
    if date:
        fields.append(f"taken {safe_name(str(date)[:19])}")
    return fields
