"""Results are small, immutable and compare by what they say."""

from __future__ import annotations

import pickle

import pytest

from spyglass.search.results import LineMatch, NameMatch, SearchProblem


def test_a_name_match_gives_back_its_path_and_compares_by_value() -> None:
    match = NameMatch("/data/projects/src/main.py", "src/main.py", False)
    assert match.path == "/data/projects/src/main.py"
    assert (match.relative, match.is_folder) == ("src/main.py", False)
    assert match == NameMatch(
        path="/data/projects/src/main.py", relative="src/main.py", is_folder=False
    )
    assert match != NameMatch("/other/src/main.py", "src/main.py", False)
    assert pickle.loads(pickle.dumps(match)) == match
    assert "main.py" in repr(match)


def test_a_path_that_does_not_end_with_the_relative_one_is_kept_whole() -> None:
    match = NameMatch("C:\\data\\src\\main.py", "src/main.py", False)
    assert match.path == "C:\\data\\src\\main.py"


def test_a_line_match_keeps_its_fields() -> None:
    line = LineMatch("bucket/logs/app.log", "app.log", 7, "error here", ((0, 5),))
    assert (line.path, line.relative, line.line, line.text, line.spans) == (
        "bucket/logs/app.log",
        "app.log",
        7,
        "error here",
        ((0, 5),),
    )
    assert pickle.loads(pickle.dumps(line)) == line
    match line:
        case LineMatch(path, _, number, _, _):
            assert (path, number) == ("bucket/logs/app.log", 7)


def test_results_are_frozen() -> None:
    with pytest.raises(AttributeError):
        NameMatch("/a/b", "b", False).relative = "c"
    with pytest.raises(AttributeError):
        LineMatch("/a/b", "b", 1, "x", ()).text = "y"
    with pytest.raises(AttributeError):
        SearchProblem("/a", "a", "Cannot search /a.").sentence = "x"  # type: ignore[misc]


def test_results_of_one_search_share_the_folder_prefix() -> None:
    first = NameMatch("/data/projects/" + "a.txt", "a.txt", False)
    second = NameMatch("/data/projects/" + "b.txt", "b.txt", False)
    assert object.__getattribute__(first, "_head") is object.__getattribute__(second, "_head")
