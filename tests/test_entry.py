"""Entries: what a listing hands to the tree, the previews and a child process."""

from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest

from spyglass.fs.entry import Entry, Kind


def test_an_entry_survives_pickle_copy_and_asdict() -> None:
    plain = Entry("a.txt", "/a.txt", Kind.FILE, 3)
    tagged = Entry("b.txt", "/b.txt", Kind.FILE, extra={"ETag": "x"})
    for entry in (plain, tagged):
        assert pickle.loads(pickle.dumps(entry)) == entry
        assert copy.deepcopy(entry) == entry
    assert dataclasses.asdict(plain)["extra"] == {}
    assert dataclasses.replace(plain, size=4).sort_key == plain.sort_key


def test_entries_without_extra_fields_share_one_that_cannot_change() -> None:
    one, two = Entry("a", "/a", Kind.FILE), Entry("b", "/b", Kind.FOLDER)
    assert one.extra is two.extra and one.extra == {} and len(one.extra) == 0
    with pytest.raises(TypeError):
        one.extra["x"] = 1  # type: ignore[index]


def test_the_sort_key_puts_folders_first_and_is_kept_when_given() -> None:
    assert Entry("b", "/b", Kind.FOLDER).sort_key < Entry("a", "/a", Kind.FILE).sort_key
    assert Entry("a", "/a", Kind.FILE, sort_key="given").sort_key == "given"
    assert Entry(".hidden", "/.hidden", Kind.FILE).is_hidden
