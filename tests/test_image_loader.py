from __future__ import annotations

import io
from pathlib import Path

import pytest

from spyglass.previews.half_block_image import UPPER_HALF, fit_cells, half_block_rows
from spyglass.previews.image_data import ImageData
from spyglass.previews.preview_options import PreviewOptions
from spyglass.previews.results import HexPreview, ImagePreview
from tests.data_samples import image, image_bytes, preview_file, write

PIL = pytest.importorskip("PIL")


def _payload(preview: object) -> ImageData:
    assert isinstance(preview, ImagePreview), preview
    return preview.payload


@pytest.mark.parametrize(
    ("name", "fmt", "expected"),
    [
        ("a.png", "PNG", "PNG"),
        ("a.jpg", "JPEG", "JPEG"),
        ("a.gif", "GIF", "GIF"),
        ("a.webp", "WEBP", "WEBP"),
        ("a.bmp", "BMP", "BMP"),
        ("a.tiff", "TIFF", "TIFF"),
        ("a.ico", "ICO", "ICO"),
    ],
)
def test_pillow_formats_preview_as_images(
    tmp_path: Path, name: str, fmt: str, expected: str
) -> None:
    preview = preview_file(write(tmp_path, name, image_bytes(fmt, (48, 48))))
    payload = _payload(preview)
    assert payload.format == expected
    assert (payload.width, payload.height) == (48, 48)
    assert payload.image.mode in ("RGB", "RGBA")
    assert isinstance(preview, ImagePreview) and "48\u00d748 px" in preview.note_texts


def test_animated_gif_says_how_many_frames(tmp_path: Path) -> None:
    frames = [image((20, 20)).convert("P"), image((20, 20)).rotate(90).convert("P")]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="GIF", save_all=True, append_images=frames[1:])
    preview = preview_file(write(tmp_path, "anim.gif", buffer.getvalue()))
    assert _payload(preview).frames == 2
    assert isinstance(preview, ImagePreview)
    assert "2 frames (first shown)" in preview.note_texts


def test_exif_camera_and_date_are_in_the_info_line(tmp_path: Path) -> None:
    picture = image((32, 24))
    exif = picture.getexif()
    exif[0x010F] = "Spyglass"
    exif[0x0110] = "Test Cam\x1b[31m"
    exif[0x0132] = "2024:05:06 07:08:09"
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", exif=exif)
    preview = preview_file(write(tmp_path, "photo.jpg", buffer.getvalue()))
    assert isinstance(preview, ImagePreview)
    assert "Spyglass Test Cam\\x1b[31m" in preview.note_texts
    assert "taken 2024:05:06 07:08:09" in preview.note_texts


def test_big_jpeg_is_decoded_in_draft_mode_to_a_bounded_size(tmp_path: Path) -> None:
    data = image_bytes("JPEG", (5000, 3000), quality=50)
    payload = _payload(preview_file(write(tmp_path, "big.jpg", data), max_bytes=64 * 1024))
    assert (payload.width, payload.height) == (5000, 3000)
    assert max(payload.image.size) <= 2048


def test_images_above_the_byte_cap_are_not_downloaded(tmp_path: Path) -> None:
    options = PreviewOptions(max_image_bytes=2048)
    data = image_bytes("BMP", (64, 64))
    preview = preview_file(write(tmp_path, "large.bmp", data), options, max_bytes=1024)
    assert isinstance(preview, HexPreview)
    assert any("above the 2.0 KiB limit: not downloaded" in n for n in preview.note_texts)


def test_decompression_bombs_are_refused(tmp_path: Path) -> None:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(buffer, format="PNG")
    preview = preview_file(write(tmp_path, "bomb.png", buffer.getvalue()))
    assert isinstance(preview, HexPreview)
    assert any("above the safety limit" in note for note in preview.note_texts)


def test_truncated_image_is_a_sentence_then_hex(tmp_path: Path) -> None:
    data = image_bytes("PNG", (64, 64))
    preview = preview_file(write(tmp_path, "cut.png", data[: len(data) // 2]))
    assert isinstance(preview, HexPreview)
    assert any("corrupt or truncated image" in note for note in preview.note_texts)


def test_unknown_data_with_an_image_name_falls_back(tmp_path: Path) -> None:
    preview = preview_file(write(tmp_path, "notes.png", b"\x00\x01 not an image" * 10))
    assert isinstance(preview, HexPreview)
    assert any("does not recognise" in note for note in preview.note_texts)


def test_sixteen_bit_grey_is_stretched_to_eight_bits(tmp_path: Path) -> None:
    from PIL import Image

    grey = Image.new("I;16", (8, 8))
    grey.putpixel((0, 0), 1000)
    buffer = io.BytesIO()
    grey.save(buffer, format="PNG")
    payload = _payload(preview_file(write(tmp_path, "depth.png", buffer.getvalue())))
    assert payload.image.mode == "RGB"
    assert payload.image.getpixel((0, 0)) == (255, 255, 255)


def test_fit_cells_keeps_the_aspect_ratio_and_never_enlarges() -> None:
    assert fit_cells(200, 100, 50, 50) == (50, 12)
    assert fit_cells(100, 400, 80, 20) == (10, 20)
    assert fit_cells(10, 10, 80, 40) == (10, 5)
    assert fit_cells(0, 10, 80, 40) == (0, 0)


def test_half_blocks_carry_top_and_bottom_pixels() -> None:
    rows = half_block_rows(image((4, 4)), 4, 2)
    assert len(rows) == 2
    first = rows[0][0]
    assert first.text == UPPER_HALF * 2
    assert first.style is not None and first.style.color is not None
    assert first.style.color.triplet == (220, 30, 30)
