from __future__ import annotations

from pathlib import Path

import pytest

from spyglass.previews.half_block_image import UPPER_HALF
from spyglass.ui.image_view import ImageView, draw
from spyglass.ui.terminal_graphics import (
    KITTY_PLACEHOLDER,
    CellSize,
    detect_protocol,
    kitty_placeholder_row,
    kitty_transmit,
    sixel_encode,
)
from tests.data_app import PaneApp
from tests.data_samples import image, image_bytes, write
from tests.support.pilot import settle

pytest.importorskip("PIL")


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"TERM": "xterm-kitty"}, "kitty"),
        ({"TERM": "xterm-256color", "KITTY_WINDOW_ID": "3"}, "kitty"),
        ({"TERM_PROGRAM": "ghostty"}, "kitty"),
        ({"TERM": "foot"}, "sixel"),
        ({"TERM_PROGRAM": "WezTerm"}, "sixel"),
        ({"TERM": "xterm-kitty", "TMUX": "/tmp/tmux-0/default,1,0"}, "halfblock"),
        ({"TERM": "screen-256color"}, "halfblock"),
        ({"TERM": "xterm-256color"}, "halfblock"),
        ({}, "halfblock"),
    ],
)
def test_auto_detection_reads_the_environment(env: dict[str, str], expected: str) -> None:
    assert detect_protocol("auto", env) == expected


def test_a_forced_protocol_wins_even_in_tmux() -> None:
    env = {"TMUX": "1", "TERM": "screen"}
    assert detect_protocol("kitty", env) == "kitty"
    assert detect_protocol("sixel", env) == "sixel"
    assert detect_protocol("halfblock", {"TERM": "xterm-kitty"}) == "halfblock"


def test_kitty_sends_png_in_chunks_and_a_virtual_placement() -> None:
    sequence = kitty_transmit(image((300, 200)), 77, 30, 10, tmux=False)
    assert sequence.startswith("\x1b_Ga=d,d=I,i=77,q=2\x1b\\\x1b_Ga=t,f=100,i=77,q=2,m=")
    assert sequence.endswith("\x1b_Ga=p,U=1,i=77,c=30,r=10,q=2\x1b\\")
    wrapped = kitty_transmit(image((10, 10)), 5, 2, 1, tmux=True)
    assert wrapped.startswith("\x1bPtmux;\x1b\x1b_G")


def test_kitty_placeholders_number_rows_and_columns() -> None:
    row = kitty_placeholder_row(2, 3)
    assert row.count(KITTY_PLACEHOLDER) == 3
    assert len(row) == 9


def test_sixel_has_a_palette_and_bands() -> None:
    data = sixel_encode(image((40, 13)), (0, 0, 0))
    assert data.startswith('\x1bP0;1;0q"1;1;40;13')
    assert data.endswith("\x1b\\")
    assert data.count("-") >= 3  # 13 rows make 3 bands of 6
    assert "#0;2;" in data


def test_draw_fits_and_centres_half_blocks() -> None:
    from spyglass.previews.image_data import ImageData

    data = ImageData(image((64, 40)), 64, 40, "RGB", "PNG", 1, "halfblock", [])
    drawing = draw(data, ("k",), 80, 10, "halfblock", CellSize(10, 20), (0, 0, 0))
    assert (drawing.cols, drawing.rows) == (32, 10)
    assert drawing.left == 24
    assert "".join(s.text for s in drawing.lines[0]) == UPPER_HALF * 32


async def test_image_is_drawn_and_redrawn_on_resize(tmp_path: Path) -> None:
    app = PaneApp(write(tmp_path, "quad.png", image_bytes("PNG", (64, 40))))
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        view = app.query_one(ImageView)
        assert view.protocol == "halfblock"
        first = view._drawing
        assert first is not None and first.rows > 0
        await pilot.resize_terminal(100, 30)
        await settle(pilot)
        second = view._drawing
        assert second is not None and second.cols > first.cols
