from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from rich.text import Text
from textual.widgets import OptionList, Static

from spyglass.ui.cell_detail_screen import CellDetailScreen
from spyglass.ui.table_panel import TablePanel
from spyglass.ui.table_view import TableView, fit
from tests.data_app import PaneApp, focus_view
from tests.data_samples import parquet_bytes, write, write_sqlite, xlsx_bytes
from tests.support.pilot import settle


def _panel(app: PaneApp) -> TablePanel:
    return app.query_one(TablePanel)


def test_fit_pads_or_cuts_with_an_ellipsis() -> None:
    assert fit("abc", 5) == "abc  "
    assert fit("abc", 5, right=True) == "  abc"
    assert fit("abcdefgh", 5) == "abcd…"
    assert fit("日本語テキスト", 6) == "日本 …"  # a wide character is not split


async def test_cursor_moves_and_scrolls_right_keeping_row_numbers(tmp_path: Path) -> None:
    wide = ",".join(f"column_{i}" for i in range(30)) + "\n"
    wide += "".join(",".join(f"value {r}-{c}" for c in range(30)) + "\n" for r in range(200))
    app = PaneApp(write(tmp_path, "wide.csv", wide))
    async with app.run_test(size=(80, 20)) as pilot:
        await settle(pilot)
        await focus_view(pilot)
        view = app.query_one(TableView)
        assert app.focused is view
        for _ in range(20):
            await pilot.press("right")
        await pilot.press("pagedown", "down")
        assert view.cursor_column == 20
        assert view.cursor_row > 10
        assert view.scroll_offset.x > 0
        line = "".join(segment.text for segment in view.render_line(2))
        assert line.lstrip().startswith(f"{int(view.scroll_offset.y) + 1}")


async def test_enter_shows_the_full_cell_and_v_the_row(tmp_path: Path) -> None:
    long_value = "x" * 120
    app = PaneApp(write(tmp_path, "long.csv", f'a,b\n1,"{long_value}"\n'))
    async with app.run_test(size=(80, 20)) as pilot:
        await settle(pilot)
        await focus_view(pilot)
        await pilot.press("right", "enter")
        assert isinstance(app.screen, CellDetailScreen)
        bodies = [w.content for w in app.screen.query(Static)]
        assert any(isinstance(b, Text) and b.plain == long_value for b in bodies)
        await pilot.press("escape", "v")
        assert isinstance(app.screen, CellDetailScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, CellDetailScreen)


async def test_s_toggles_the_schema_of_a_parquet_file(tmp_path: Path) -> None:
    app = PaneApp(write(tmp_path, "w.parquet", parquet_bytes(50)))
    async with app.run_test(size=(100, 20)) as pilot:
        await settle(pilot)
        await focus_view(pilot)
        view = app.query_one(TableView)
        assert view.table is not None and view.table.kind == "parquet"
        await pilot.press("s")
        assert view.table.kind == "schema"
        await pilot.press("s")
        assert view.table.kind == "parquet"


async def test_brackets_switch_sheets(tmp_path: Path) -> None:
    app = PaneApp(write(tmp_path, "book.xlsx", xlsx_bytes()))
    async with app.run_test(size=(100, 20)) as pilot:
        await settle(pilot)
        await focus_view(pilot)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        table = _panel(app).table
        assert table is not None and table.part == "Notes"


async def test_p_picks_a_sqlite_table_from_a_list(tmp_path: Path) -> None:
    write_sqlite(tmp_path / "cities.db")
    app = PaneApp(tmp_path / "cities.db")
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        await focus_view(pilot)
        await pilot.press("p")
        await pilot.pause()
        assert app.screen.query_one(OptionList).option_count == 3
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        table = _panel(app).table
        assert table is not None and table.part == "wet"


async def test_big_table_shows_quickly_and_scrolls_to_the_end(tmp_path: Path) -> None:
    header = ",".join(f"c{i}" for i in range(50))
    rows = "".join(",".join(str(r * 50 + c) for c in range(50)) + "\n" for r in range(1000))
    app = PaneApp(write(tmp_path, "big.csv", header + "\n" + rows))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await focus_view(pilot)
        await pilot.press("end", "ctrl+right")
        view = app.query_one(TableView)
        assert (view.cursor_row, view.cursor_column) == (999, 49)
        assert view.scroll_offset.y == view.max_scroll_y


def test_previews_never_import_textual_or_heavy_modules_at_import() -> None:
    code = (
        "import sys, pkgutil, importlib, spyglass.previews as p\n"
        "for m in pkgutil.iter_modules(p.__path__):\n"
        "    importlib.import_module(f'{p.__name__}.{m.name}')\n"
        "import spyglass.fs.range_file, spyglass.fs.range_stream\n"
        "heavy = ('textual', 'pyarrow', 'pandas', 'PIL', 'openpyxl', 'numpy')\n"
        "bad = [n for n in heavy if n in sys.modules]\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
