"""A big folder kept as columns: entries made on demand, views, hidden names, the filter."""

from __future__ import annotations

from pathlib import Path

import pytest

from spyglass.fs.entry import Entry, Kind
from spyglass.fs.entry_columns import FILE, EntryColumns, tally, without_hidden
from spyglass.fs.local_backend import LocalBackend, read_details, scan_names
from spyglass.tree.fuzzy import AT_ONCE, SCAN_CHUNK, narrowed
from spyglass.tree.model import RowKind, TreeModel
from tests.support.letters import letters_in_order


def columns_of(folder: Path) -> EntryColumns:
    prefix = str(folder) + "/"
    scanned = scan_names(str(folder))
    columns = EntryColumns(prefix, scanned.names, bytes(scanned.codes), scanned.specials)
    details = read_details(prefix, scanned.names)
    assert details is not None
    return columns.with_details(details)


def test_an_entry_made_from_columns_equals_the_one_a_listing_makes(tmp_path: Path) -> None:
    (tmp_path / "data.bin").write_bytes(b"x" * 7)
    (tmp_path / "sub").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "sub")
    listed = {e.name: e for batch in LocalBackend().list_batches(str(tmp_path)) for e in batch}
    for entry in columns_of(tmp_path):
        assert entry == listed[entry.name]


def test_hidden_names_and_the_filter_give_views_with_the_same_rows_as_lists(
    tmp_path: Path,
) -> None:
    for name in ("alpha", ".git", "beta", ".env", "alphabet", "gamma"):
        (tmp_path / name).touch()
    columns = columns_of(tmp_path)
    entries = list(columns)
    visible = without_hidden(columns)
    assert [e.name for e in visible] == [e.name for e in without_hidden(entries)]
    assert [e.name for e in visible] == [e.name for e in entries if not e.is_hidden]
    first = narrowed(visible, "al")
    assert [e.name for e in first.matches] == [e.name for e in narrowed(entries, "al").matches]
    again = narrowed(visible, "alb", first)  # narrowed from the view of the first key
    assert [e.name for e in again.matches] == ["alphabet"]


def test_a_folder_without_hidden_names_is_shown_without_a_copy(tmp_path: Path) -> None:
    for index in range(10):
        (tmp_path / f"f{index}").touch()
    columns = columns_of(tmp_path).indexed()
    assert without_hidden(columns) is columns
    model = TreeModel(Entry("t", str(tmp_path), Kind.FOLDER))
    model.set_entries(str(tmp_path), columns, done=True)
    model.rebuild()
    assert len(model.rows) == 11


def test_the_tally_counts_kinds_and_file_sizes_without_an_entry_each(tmp_path: Path) -> None:
    (tmp_path / "a").write_bytes(b"x" * 10)
    (tmp_path / "b").write_bytes(b"x" * 5)
    (tmp_path / "sub").mkdir()
    (tmp_path / "to-a").symlink_to(tmp_path / "a")
    (tmp_path / "broken").symlink_to(tmp_path / "gone")
    columns = columns_of(tmp_path)
    assert tally(columns) == tally(list(columns)) == (1, 3, 1, 25)


@pytest.mark.parametrize("chunks_between_keys", [0, 1, 3])
def test_keys_typed_while_the_scan_is_under_way_narrow_to_the_right_matches(
    chunks_between_keys: int,
) -> None:
    """Each key narrows the matches so far and the names not reached, chained, not copied."""
    count = AT_ONCE + 7 * SCAN_CHUNK
    names = [f".h{index}" if index % 9 == 0 else f"f{index:06d}" for index in range(count)]
    columns = EntryColumns("/big/", names, bytes([FILE]) * count, {})
    model = TreeModel(Entry("big", "/big", Kind.FOLDER))
    model.set_entries("/big", columns, done=True)  # a view without the hidden names
    for typed in ("f0", "f03", "f031", "f0319", "f031", "f0314"):
        model.set_filter("/big", typed)
        model.rebuild()
        scan = model.pending_scan("/big")
        for _ in range(chunks_between_keys):
            if scan is not None and not scan.step():
                model.scanned("/big", scan, scan.result())
        shown = [row.entry.name for row in model.rows[1:] if row.kind is RowKind.ENTRY]
        expected = [name for name in names if name[0] != "." and letters_in_order(typed, name)]
        assert shown == expected[: len(shown)]  # the first matches, in order
    model.finish_filter("/big")
    shown = [row.entry.name for row in model.rows[1:]]
    assert shown == [name for name in names if name[0] != "." and letters_in_order("f0314", name)]


def test_a_chain_of_positions_slices_and_iterates_like_one_list() -> None:
    from array import array

    from spyglass.tree.fuzzy import _Chain

    first, rest = array("I", [2, 5, 7]), range(10, 16)
    whole = [2, 5, 7, 10, 11, 12, 13, 14, 15]
    chained = _Chain(first, _Chain(array("I"), rest))
    assert list(chained) == whole and len(chained) == len(whole)
    for start in range(len(whole) + 1):
        for stop in range(start, len(whole) + 1):
            assert list(chained[start:stop]) == whole[start:stop]
    assert [chained[index] for index in range(-len(whole), len(whole))] == whole * 2
    assert list(chained[::2]) == whole[::2]
