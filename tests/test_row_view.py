"""Sorting and filtering the rows read: numbers as numbers, nulls last, the shape said."""

from __future__ import annotations

import pytest

from spyglass.errors import SpyglassError
from spyglass.previews.row_view import RowView, SortOrder, next_order, parse_filter
from spyglass.previews.table_data import Column, TableData

_NAMES = ["city", "temp", "note"]


def _table() -> TableData:
    rows: list[list[str | None]] = [
        ["Oslo", "9", "cold"],
        ["Lima", "10", None],
        ["Riga", None, "wet"],
        ["quito", "-2.5", "high"],
        ["Hanoi", "100", "hot"],
        ["Perth", "9", None],
    ]
    columns = [Column("city", "str"), Column("temp", "int", numeric=True), Column("note", "str")]
    return TableData(kind="csv", columns=columns, rows=rows)


def _cities(table: TableData) -> list[str | None]:
    return [row[0] for row in table.rows]


def test_sort_compares_numbers_as_numbers_and_puts_nulls_last() -> None:
    table = _table()
    up = RowView(table, SortOrder(1)).shown()
    assert _cities(up) == ["quito", "Oslo", "Perth", "Lima", "Hanoi", "Riga"]
    down = RowView(table, SortOrder(1, descending=True)).shown()
    assert _cities(down) == ["Hanoi", "Lima", "Oslo", "Perth", "quito", "Riga"]
    assert down.row_numbers == [5, 2, 1, 6, 4, 3]  # the rows keep their numbers in the file


def test_sort_of_text_is_by_text_with_nulls_last_both_ways() -> None:
    table = _table()
    assert [row[2] for row in RowView(table, SortOrder(2)).shown().rows] == [
        "cold", "high", "hot", "wet", None, None,
    ]  # fmt: skip
    shown = RowView(table, SortOrder(2, descending=True)).shown()
    assert [row[2] for row in shown.rows] == ["wet", "hot", "high", "cold", None, None]


def test_one_key_cycles_ascending_descending_off() -> None:
    first = next_order(None, 1)
    assert first == SortOrder(1, False)
    second = next_order(first, 1)
    assert second == SortOrder(1, True)
    assert next_order(second, 1) is None
    assert next_order(second, 0) == SortOrder(0, False)  # another column starts again
    assert next_order(None, 2, descending_first=True) == SortOrder(2, True)


@pytest.mark.parametrize(
    ("text", "cities"),
    [
        ("OSL", ["Oslo"]),  # a substring of any cell, any case
        ("ho", ["Hanoi"]),  # "hot"
        ("HI", ["quito"]),  # "high"
        ("temp>9", ["Lima", "Hanoi"]),  # 10 and 100 are more than 9 as numbers
        ("temp<9", ["quito"]),
        ("temp=9", ["Oslo", "Perth"]),
        ("temp = 9.0", ["Oslo", "Perth"]),
        ("temp!=9", ["Lima", "Riga", "quito", "Hanoi"]),
        ("city=oslo", ["Oslo"]),
        ("note=", ["Lima", "Perth"]),  # the empty cells
        ("city>P", ["Riga", "quito", "Perth"]),
        ("nowhere=1", []),  # not a column: looked for as text
    ],
)
def test_filter_matches_substrings_and_comparisons(text: str, cities: list[str]) -> None:
    table = _table()
    view = RowView(table, None, parse_filter(text, _NAMES))
    assert _cities(view.shown()) == cities


def test_filter_and_sort_together_say_how_many_rows_read_match() -> None:
    table = _table()
    view = RowView(table, SortOrder(1, descending=True), parse_filter("temp>5", _NAMES))
    shown = view.shown()
    assert _cities(shown) == ["Hanoi", "Lima", "Oslo", "Perth"]
    assert view.status(shown) == "4 of 6 rows read match temp > 5 · sorted by temp \u2193"
    one = RowView(table, None, parse_filter("Riga", _NAMES))
    assert one.status(one.shown()) == "1 of 6 row read matches cells containing 'Riga'"


def test_an_empty_filter_is_refused() -> None:
    with pytest.raises(SpyglassError):
        parse_filter("  ", _NAMES)


def test_sort_and_filter_of_1000_rows_stay_cheap() -> None:
    rows: list[list[str | None]] = [[str(i * 7919 % 1000), f"name{i}"] for i in range(1000)]
    columns = [Column("n", "int", numeric=True), Column("name", "str")]
    table = TableData(kind="csv", columns=columns, rows=rows)
    shown = RowView(table, SortOrder(0), parse_filter("n>500", ["n", "name"])).shown()
    assert len(shown.rows) == 499
    values = [int(row[0] or 0) for row in shown.rows]
    assert values == sorted(values)
