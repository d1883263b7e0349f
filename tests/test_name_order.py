"""The whole-folder order and its first names against `Entry.sort_key`, on generated names.

Whatever the listing does to be quick, a name's place must be the one its
sort key gives: digits (ASCII and others), case, dots, leading zeros, long
numbers, letters that fold to several.
"""

from __future__ import annotations

import random

import pytest

from spyglass.fs.entry import Entry, Kind
from spyglass.tree.name_order import first_in_order, last_in_order, natural_order, tree_keys

PIECES = [
    *"aAbBzZ",
    *"0123456789",
    "00",
    "007",
    "10",
    "9" * 25,  # longer than a machine word
    "1" + "0" * 24,
    "\u0663",  # ARABIC-INDIC DIGIT THREE
    "\u0660",  # ARABIC-INDIC DIGIT ZERO
    "\uff13",  # FULLWIDTH DIGIT THREE
    "ß",  # folds to "ss"
    "ẞ",
    "İ",  # folds to two characters
    "Σ",
    "ς",
    "é",
    "e\u0301",  # the same letter, decomposed
    ".",
    "..",
    "-",
    "_",
    " ",
    "~",
    "\x01",
    "\udcff",  # an undecodable byte, kept by surrogateescape
    "日本",
]


def generated_names(seed: int, count: int) -> list[str]:
    pick = random.Random(seed)
    names: set[str] = set()
    while len(names) < count:
        name = "".join(pick.choice(PIECES) for _ in range(pick.randint(1, 6)))
        names.add(name)
        names.add(name.upper())  # names that differ only in case
        names.add("0" + name)  # and only in a leading zero
    return sorted(names)[:count]  # a set's order is not fixed between runs


def by_sort_key(names: list[str], folders: list[bool]) -> list[int]:
    keys = [
        Entry(name, "/x/" + name, Kind.FOLDER if folder else Kind.FILE).sort_key
        for name, folder in zip(names, folders, strict=True)
    ]
    return sorted(range(len(names)), key=keys.__getitem__)


@pytest.mark.parametrize("seed", range(40))
def test_the_folder_order_is_the_order_of_the_sort_keys(seed: int) -> None:
    names = generated_names(seed, 300)
    random.Random(seed).shuffle(names)
    pick = random.Random(-seed)
    folders = [pick.random() < 0.2 for _ in names] if seed % 2 else [False] * len(names)
    expected = by_sort_key(names, folders)
    assert natural_order(names, folders) == expected
    keys = tree_keys(names, folders)
    for count in (0, 1, 7, 150, 300, 400):
        assert first_in_order(keys, count) == expected[:count]
        assert last_in_order(keys, count) == expected[max(0, len(expected) - count) :]
    for count, after in ((150, 150), (200, 150), (300, 300), (10, 295)):
        # the last names, never one of the first `after`: in a small folder the ends meet
        assert last_in_order(keys, count, after) == expected[max(after, len(expected) - count) :]


def test_the_first_names_of_numbered_files_are_the_smallest_numbers() -> None:
    names = [f"item-{index}.log" for index in range(5_000)]
    random.Random(3).shuffle(names)
    keys = tree_keys(names, [False] * len(names))
    first = [names[position] for position in first_in_order(keys, 12)]
    assert first == [f"item-{index}.log" for index in range(12)]
