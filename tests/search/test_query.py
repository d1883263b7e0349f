"""What a name or content pattern matches."""

from __future__ import annotations

import pytest

from spyglass.errors import SpyglassError
from spyglass.search.query import ContentQuery, NameQuery


def test_a_plain_pattern_is_a_case_insensitive_substring() -> None:
    query = NameQuery("read")
    assert query.matches("README.md")
    assert query.matches("thread.py")
    assert not query.matches("red.txt")


def test_a_pattern_with_glob_characters_matches_the_whole_name() -> None:
    assert NameQuery("*.PY").matches("main.py")
    assert not NameQuery("*.py").matches("main.pyc")
    assert NameQuery("file?.txt").matches("FILE1.txt")
    assert NameQuery("[ab]*").matches("Beta")
    assert not NameQuery("[ab]*").matches("gamma")


def test_a_regex_matches_anywhere_in_the_name_case_insensitively() -> None:
    query = NameQuery(r"^test_.*\.py$", regex=True)
    assert query.matches("TEST_search.py")
    assert not query.matches("my_test_search.py")
    assert NameQuery("a+b", regex=True).matches("xAAbx")
    assert not NameQuery("a+b").matches("xAAbx")  # without --regex, "+" is a character


def test_a_bad_regex_is_a_sentence_when_the_query_is_made() -> None:
    with pytest.raises(SpyglassError, match="bad regular expression"):
        NameQuery("(", regex=True)
    with pytest.raises(SpyglassError, match="bad regular expression"):
        ContentQuery("[unclosed")


def test_a_fixed_content_pattern_is_not_a_regex() -> None:
    assert ContentQuery("a.c", fixed=True).regex.search("xa.cx")
    assert not ContentQuery("a.c", fixed=True).regex.search("abc")
    assert ContentQuery("a.c").regex.search("abc")
    assert ContentQuery("HELLO", ignore_case=True).regex.search("hello")
    assert not ContentQuery("HELLO").regex.search("hello")


def test_depth_and_limit_must_be_positive() -> None:
    with pytest.raises(SpyglassError):
        NameQuery("x", max_depth=0)
    with pytest.raises(SpyglassError):
        ContentQuery("x", limit=0)
