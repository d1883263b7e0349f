"""In the table: `t` shows the column statistics, `<` / `>` sort, `f` filters the rows read."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from spyglass.ui.row_filter_screen import RowFilterScreen
from spyglass.ui.table_panel import TablePanel
from tests.data_app import PaneApp, focus_view
from tests.data_samples import parquet_bytes, write
from tests.support.pilot import settle

_CSV = "city,temp\nOslo,9\nLima,10\nRiga,\nQuito,-2.5\nHanoi,100\nPerth,9\n"


def _panel(app: PaneApp) -> TablePanel:
    return app.query_one(TablePanel)


def _bar(app: PaneApp) -> str:
    return str(app.query_one("#table-bar", Static).render())


def _cities(app: PaneApp) -> list[str | None]:
    table = _panel(app).view.table
    assert table is not None
    return [row[0] for row in table.rows]


async def test_t_shows_the_statistics_over_the_rows_read_and_back(tmp_path: Path) -> None:
    app = PaneApp(write(tmp_path, "w.parquet", parquet_bytes(1500)))
    async with app.run_test(size=(140, 30)) as pilot:
        await settle(pilot)
        await focus_view(pilot)
        await pilot.press("t")
        await settle(pilot)
        panel = _panel(app)
        assert panel.mode == "stats"
        shown = panel.view.table
        assert shown is not None and shown.kind == "stats"
        assert [row[0] for row in shown.rows] == ["id", "city", "temperature", "rainy", "day"]
        assert shown.rows[0][6] == "1499"  # the id's maximum: the whole file's, from the footer
        assert "over the first 1,000 of 1,500 rows" in _bar(app)
        assert "whole file, from metadata" in _bar(app)
        await pilot.press("t")
        await settle(pilot)
        assert panel.mode == "data" and panel.view.table is panel.table


async def test_less_than_sorts_the_cursor_column_up_then_down_then_off(tmp_path: Path) -> None:
    app = PaneApp(write(tmp_path, "w.csv", _CSV))
    async with app.run_test(size=(100, 20)) as pilot:
        await settle(pilot)
        await focus_view(pilot)
        await pilot.press("right", "less_than_sign")
        await settle(pilot)
        assert _cities(app) == ["Quito", "Oslo", "Perth", "Lima", "Hanoi", "Riga"]
        assert "sorted by temp \u2191" in _bar(app)
        await pilot.press("less_than_sign")
        await settle(pilot)
        assert _cities(app) == ["Hanoi", "Lima", "Oslo", "Perth", "Quito", "Riga"]
        await pilot.press("less_than_sign")
        await settle(pilot)
        assert _cities(app) == ["Oslo", "Lima", "Riga", "Quito", "Hanoi", "Perth"]
        assert "sorted" not in _bar(app)
        await pilot.press("greater_than_sign")
        await settle(pilot)
        assert _cities(app)[0] == "Hanoi"


async def test_f_filters_the_rows_read_and_the_bar_says_how_many_match(tmp_path: Path) -> None:
    app = PaneApp(write(tmp_path, "w.csv", _CSV))
    async with app.run_test(size=(120, 20)) as pilot:
        await settle(pilot)
        await focus_view(pilot)
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, RowFilterScreen)
        await pilot.press(*"temp>9", "enter")
        await settle(pilot)
        assert _cities(app) == ["Lima", "Hanoi"]
        assert "2 of 6 rows read match temp > 9" in _bar(app)
        table = _panel(app).view.table
        assert table is not None and table.row_numbers == [2, 5]
        await pilot.press("f")
        await pilot.pause()
        assert app.screen.query_one(Input).value == "temp>9"  # the last filter, to edit
        await pilot.press(*["backspace"] * 6, "enter")
        await settle(pilot)
        assert len(_cities(app)) == 6 and "match" not in _bar(app)
