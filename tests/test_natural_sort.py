"""Natural order: case-insensitive, numbers by value, folders first."""

from __future__ import annotations

import random

from spyglass.fs.entry import Entry, Kind
from spyglass.fs.natural_sort import natural_key


def natural(names: list[str]) -> list[str]:
    return sorted(names, key=natural_key)


def test_numbers_sort_by_value_so_file2_comes_before_file10() -> None:
    assert natural(["file10", "file2", "file1", "file100"]) == [
        "file1",
        "file2",
        "file10",
        "file100",
    ]


def test_numbers_inside_names_compare_by_value() -> None:
    names = ["photo 10 of 12.jpg", "photo 9 of 12.jpg", "photo 1 of 12.jpg"]
    assert natural(names) == ["photo 1 of 12.jpg", "photo 9 of 12.jpg", "photo 10 of 12.jpg"]


def test_case_is_ignored() -> None:
    assert [name.casefold() for name in natural(["b", "A", "B", "a", "C"])] == [
        "a",
        "a",
        "b",
        "b",
        "c",
    ]


def test_names_that_differ_only_in_case_have_one_fixed_order() -> None:
    names = ["readme", "README", "ReadMe", "Readme"]
    orders = {tuple(natural(random.Random(seed).sample(names, len(names)))) for seed in range(20)}
    assert len(orders) == 1


def test_shorter_name_comes_first() -> None:
    assert natural(["ab", "a1", "a"]) == ["a", "a1", "ab"]


def test_leading_zeros_compare_by_value() -> None:
    assert natural(["v010", "v9", "v011", "v1"]) == ["v1", "v9", "v010", "v011"]


def test_numbers_longer_than_a_machine_word_compare_by_value() -> None:
    small, big = "x" + "9" * 30, "x1" + "0" * 30
    assert natural([big, small]) == [small, big]


def test_folders_sort_before_files() -> None:
    entries = [
        Entry("a.txt", "/r/a.txt", Kind.FILE),
        Entry("zeta", "/r/zeta", Kind.FOLDER),
        Entry("Beta", "/r/Beta", Kind.FOLDER),
        Entry("B.txt", "/r/B.txt", Kind.FILE),
    ]
    ordered = sorted(entries, key=lambda entry: entry.sort_key)
    assert [entry.name for entry in ordered] == ["Beta", "zeta", "a.txt", "B.txt"]
