"""The tree as a flat list of visible rows: expand, collapse, hidden names, filter, messages."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from spyglass.fs.entry import Entry, Kind
from spyglass.tree.fuzzy import matcher, narrowed, score
from spyglass.tree.model import Row, RowKind, TreeModel
from tests.support.letters import letters_in_order

ROOT = Entry("root", "/root", Kind.FOLDER)


def folder(path: str) -> Entry:
    return Entry(path.rsplit("/", 1)[-1], path, Kind.FOLDER)


def file(path: str) -> Entry:
    return Entry(path.rsplit("/", 1)[-1], path, Kind.FILE, size=1)


def shape(rows: Sequence[Row]) -> list[tuple[int, str]]:
    """(depth, name or message) per row: what the widget would draw."""
    return [
        (row.depth, row.entry.name if row.kind is RowKind.ENTRY else f"<{row.message}>")
        for row in rows
    ]


@pytest.fixture
def model() -> TreeModel:
    tree = TreeModel(ROOT)
    tree.set_entries(
        "/root",
        [folder("/root/src"), folder("/root/.git"), file("/root/README"), file("/root/.env")],
        done=True,
    )
    tree.set_entries("/root/src", [file("/root/src/main.py"), file("/root/src/util.py")], done=True)
    tree.rebuild()
    return tree


def test_root_shows_a_loading_row_until_listed() -> None:
    tree = TreeModel(ROOT)
    assert shape(tree.rows) == [(0, "root"), (1, "<loading…>")]
    assert tree.rows[1].kind is RowKind.LOADING


def test_rows_list_the_open_root_without_hidden_entries(model: TreeModel) -> None:
    assert shape(model.rows) == [(0, "root"), (1, "src"), (1, "README")]


def test_expanded_folders_are_flattened_under_their_parent(model: TreeModel) -> None:
    model.expand("/root/src")
    model.rebuild()
    assert shape(model.rows) == [
        (0, "root"),
        (1, "src"),
        (2, "main.py"),
        (2, "util.py"),
        (1, "README"),
    ]
    assert model.is_expanded("/root/src")


def test_collapse_hides_the_children_again(model: TreeModel) -> None:
    model.expand("/root/src")
    model.collapse("/root/src")
    model.rebuild()
    assert shape(model.rows) == [(0, "root"), (1, "src"), (1, "README")]
    assert not model.is_expanded("/root/src")


def test_folder_expanded_before_it_is_listed_shows_loading(model: TreeModel) -> None:
    model.expand("/root/.git")
    model.show_hidden = True
    model.rebuild()
    assert shape(model.rows)[2:4] == [(1, ".git"), (2, "<loading…>")]


def test_hidden_entries_toggle(model: TreeModel) -> None:
    model.show_hidden = True
    model.rebuild()
    assert [name for _, name in shape(model.rows)] == ["root", "src", ".git", "README", ".env"]
    model.show_hidden = False
    model.rebuild()
    assert [name for _, name in shape(model.rows)] == ["root", "src", "README"]


def test_folder_with_only_hidden_entries_says_how_many(model: TreeModel) -> None:
    model.set_entries("/root/src", [file("/root/src/.a"), file("/root/src/.b")], done=True)
    model.expand("/root/src")
    model.rebuild()
    assert shape(model.rows)[2] == (2, "<2 hidden entries (toggle hidden files to show them)>")
    assert model.rows[2].kind is RowKind.EMPTY


def test_empty_folder_says_so(model: TreeModel) -> None:
    model.set_entries("/root/src", [], done=True)
    model.expand("/root/src")
    model.rebuild()
    assert shape(model.rows)[2] == (2, "<empty folder>")


def test_folder_still_listing_shows_what_came_and_a_count(model: TreeModel) -> None:
    model.start_loading("/root/src")
    model.set_entries("/root/src", [file("/root/src/first.py")], done=False)
    model.expand("/root/src")
    model.rebuild()
    assert shape(model.rows)[2:4] == [(2, "first.py"), (2, "<loading… 1 so far>")]


def test_folder_that_failed_shows_the_error(model: TreeModel) -> None:
    model.set_entries("/root/src", [], done=True)
    model.set_error("/root/src", "Cannot list /root/src: permission denied.")
    model.expand("/root/src")
    model.rebuild()
    row = model.rows[2]
    assert row.kind is RowKind.ERROR
    assert (row.depth, row.message) == (2, "Cannot list /root/src: permission denied.")


def test_a_failed_listing_keeps_what_was_listed_with_the_sentence_above_it(
    model: TreeModel,
) -> None:
    model.expand("/root/src")
    model.set_error("/root/src", "Cannot list /root/src: the connection was reset by the server.")
    model.rebuild()
    error, *kept = model.rows[2:5]
    assert error.kind is RowKind.ERROR and error.depth == 2
    assert error.message == (
        "Cannot list /root/src: the connection was reset by the server."
        " Showing the 2 entries listed before."
    )
    assert [row.entry.name for row in kept] == ["main.py", "util.py"]


def test_message_rows_belong_to_the_folder_they_are_about(model: TreeModel) -> None:
    model.set_error("/root/src", "Cannot list /root/src: permission denied.")
    model.expand("/root/src")
    model.rebuild()
    [message] = [row for row in model.rows if row.kind is not RowKind.ENTRY]
    assert message.entry.path == "/root/src"
    loading = TreeModel(ROOT)
    assert loading.rows[1].entry.path == "/root"


def test_listing_again_clears_an_old_error(model: TreeModel) -> None:
    model.set_error("/root/src", "boom")
    model.start_loading("/root/src")
    model.expand("/root/src")
    model.rebuild()
    assert [row.kind for row in model.rows].count(RowKind.ERROR) == 0


def test_filter_keeps_fuzzy_matches_in_its_folder_only(model: TreeModel) -> None:
    model.expand("/root/src")
    model.set_filter("/root", "rdm")
    model.rebuild()
    assert shape(model.rows) == [(0, "root"), (1, "README")]
    model.set_filter("/root/src", "UTL")
    model.rebuild()
    assert shape(model.rows) == [(0, "root"), (1, "src"), (2, "util.py"), (1, "README")]


def test_filter_without_a_match_says_so(model: TreeModel) -> None:
    model.set_filter("/root", "zzz")
    model.rebuild()
    assert shape(model.rows) == [(0, "root"), (1, "<no match for 'zzz'>")]


def test_clearing_or_collapsing_ends_the_filter(model: TreeModel) -> None:
    model.expand("/root/src")
    model.set_filter("/root/src", "main")
    model.collapse("/root/src")
    assert (model.filter_folder, model.filter_query) == (None, "")
    model.set_filter("/root", "src")
    model.clear_filter()
    model.rebuild()
    assert shape(model.rows) == [(0, "root"), (1, "src"), (1, "README")]


def test_filter_finds_one_name_among_100000() -> None:
    entries = [file(f"/big/file_{index:06d}.dat") for index in range(100_000)]
    entries.insert(54_321, file("/big/Quarterly-Report-final.xlsx"))
    tree = TreeModel(folder("/big"))
    tree.set_entries("/big", entries, done=True)
    tree.set_filter("/big", "qrtrpt")
    tree.rebuild()
    # the first chunk is matched at once, the rest by a scan the caller runs
    assert shape(tree.rows) == [(0, "big"), (1, "<filtering… 0 found so far>")]
    tree.finish_filter("/big")
    assert shape(tree.rows) == [(0, "big"), (1, "Quarterly-Report-final.xlsx")]
    tree.set_filter("/big", "FILE_099999")
    tree.rebuild()
    tree.finish_filter("/big")
    assert shape(tree.rows) == [(0, "big"), (1, "file_099999.dat")]
    tree.clear_filter()
    tree.rebuild()
    assert len(tree.rows) == 1 + 100_001


def test_index_of_finds_entries_and_prefers_the_hint(model: TreeModel) -> None:
    model.expand("/root/src")
    model.rebuild()
    assert model.index_of("/root/src/util.py") == 3
    assert model.index_of("/root/src/util.py", hint=3) == 3
    assert model.index_of("/root/README", hint=99) == 4
    assert model.index_of("/root/.env") is None
    assert model.index_of("/nowhere") is None


def test_index_of_skips_message_rows() -> None:
    tree = TreeModel(ROOT)
    assert tree.index_of("/root") == 0
    assert tree.index_of("/root", hint=1) == 0


def test_parent_row_is_the_nearest_shallower_row(model: TreeModel) -> None:
    model.expand("/root/src")
    model.rebuild()
    assert model.parent_row(3) == 1
    assert model.parent_row(4) == 0
    assert model.parent_row(0) is None


def test_fuzzy_matcher_takes_letters_in_order_with_gaps() -> None:
    matches = matcher("abc")
    assert matches("a_b_c") and matches("ABC.txt") and matches("xaxbxc")
    assert not matches("acb") and not matches("ab")
    assert matcher("")("anything")
    assert matcher("a.b")("a.b") and not matcher("a.b")("axb")
    assert matcher("[x]")("[red]x[/red]")


def test_fuzzy_score_prefers_tighter_matches() -> None:
    names = ["a_report_b", "report", "reports", "my-report"]
    ranked = sorted(names, key=lambda name: -score("report", name))
    assert ranked == ["report", "reports", "a_report_b", "my-report"]
    assert score("rpt", "report") == 1


def test_index_of_finds_an_entry_whose_kind_changed_since() -> None:
    root = Entry("r", "/r", Kind.FOLDER)
    model = TreeModel(root)
    was_file = Entry("thing", "/r/thing", Kind.FILE)
    model.set_entries("/r", [Entry("thing", "/r/thing", Kind.FOLDER)], done=True)
    model.rebuild()
    assert model.index_of(was_file.path, 0, was_file.sort_key) == 1


def test_index_of_is_none_for_an_entry_filtered_out() -> None:
    root = Entry("r", "/r", Kind.FOLDER)
    model = TreeModel(root)
    entries = [Entry(f"f{index:03d}", f"/r/f{index:03d}", Kind.FILE) for index in range(50)]
    model.set_entries("/r", entries, done=True)
    model.set_filter("/r", "f04")
    model.rebuild()
    assert model.index_of(entries[3].path, 0, entries[3].sort_key) is None


def test_a_growing_filter_narrows_the_previous_matches_and_a_new_one_starts_over() -> None:
    names = ["alpha.txt", "alps.log", "beta.txt", "ALPHABET", "gamma"]
    base = [Entry(name, f"/r/{name}", Kind.FILE) for name in names]
    first = narrowed(base, "al")
    assert [entry.name for entry in first.matches] == ["alpha.txt", "alps.log", "ALPHABET"]
    grown = narrowed(base, "alph", first)
    assert [entry.name for entry in grown.matches] == ["alpha.txt", "ALPHABET"]
    assert narrowed(base, "alph", grown) is grown  # the same query again: nothing to do
    other = narrowed(base, "ta", grown)  # not a longer query: the whole folder again
    assert [entry.name for entry in other.matches] == ["beta.txt"]
    relisted = list(base)
    again = narrowed(relisted, "alph", grown)  # a new listing: not narrowed from the old one
    assert again.base is relisted and [entry.name for entry in again.matches] == [
        "alpha.txt",
        "ALPHABET",
    ]


def test_each_key_of_a_filter_gives_the_same_rows_as_filtering_from_scratch() -> None:
    root = Entry("r", "/r", Kind.FOLDER)
    entries = [Entry(f"f{index:05d}", f"/r/f{index:05d}", Kind.FILE) for index in range(3000)]
    typed = TreeModel(root)
    typed.set_entries("/r", entries, done=True)
    for length in range(1, 7):
        query = "f02199"[:length]
        typed.set_filter("/r", query)
        typed.rebuild()
        fresh = TreeModel(root)
        fresh.set_entries("/r", entries, done=True)
        fresh.set_filter("/r", query)
        fresh.rebuild()
        assert [row.entry.path for row in typed.rows] == [row.entry.path for row in fresh.rows]
        expected = [entry.path for entry in entries if letters_in_order(query, entry.name)]
        assert [row.entry.path for row in typed.rows[1:]] == expected
    typed.set_filter("/r", "f0219")  # Backspace: a shorter query searches the folder again
    typed.rebuild()
    expected = [entry.path for entry in entries if letters_in_order("f0219", entry.name)]
    assert [row.entry.path for row in typed.rows[1:]] == expected
