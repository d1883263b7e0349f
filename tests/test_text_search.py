"""The preview search's matcher: smart case, regex or text, and a cap on what it counts."""

from __future__ import annotations

import re

import pytest

from spyglass.previews.text_search import (
    MAX_MATCHES,
    ByteMatch,
    LineMatch,
    LineMatches,
    byte_pattern,
    compile_pattern,
    count_label,
    hex_bytes,
    scan_bytes,
    scan_lines,
    smart_case,
)


def _scan(text: str, lines: list[str]) -> LineMatches:
    pattern = compile_pattern(text)
    return scan_lines(pattern.source, pattern.flags, lines)


def _find(text: str, lines: list[str]) -> list[LineMatch]:
    return list(_scan(text, lines))


def test_lower_case_ignores_case_and_a_capital_does_not() -> None:
    lines = ["Needle needle NEEDLE"]
    assert len(_find("needle", lines)) == 3
    assert _find("Needle", lines) == [LineMatch(0, 0, 6)]


def test_escapes_are_not_capitals() -> None:
    assert smart_case(r"\Sfoo\W")
    assert not smart_case(r"\sFoo")


def test_a_regex_is_a_regex() -> None:
    assert _find(r"ba[rz]\b", ["bar baz bart"]) == [LineMatch(0, 0, 3), LineMatch(0, 4, 7)]


def test_an_invalid_regex_is_searched_as_text_and_says_so() -> None:
    pattern = compile_pattern("f(x")
    assert "not a regex" in pattern.problem
    assert list(scan_lines(pattern.source, pattern.flags, ["y = f(x)"])) == [LineMatch(0, 4, 7)]


def test_a_pattern_matching_empty_text_is_searched_as_text() -> None:
    pattern = compile_pattern("a*")
    assert pattern.problem
    assert list(scan_lines(pattern.source, pattern.flags, ["bab", "a*"])) == [LineMatch(1, 0, 2)]


def test_a_mebibyte_of_one_letter_counts_up_to_the_cap() -> None:
    lines = ["a" * 1024] * 1024
    found = _scan("a", lines)
    assert len(found) == MAX_MATCHES and found.capped
    assert count_label(None, len(found), capped=True, more=False) == "100,000+ matches"


def test_several_matches_on_a_line_are_visited_in_order() -> None:
    found = _scan("ab", ["abab", "xab"])
    assert [found.first_after(0, -1), found.first_after(0, 0), found.first_after(0, 2)] == [0, 1, 2]
    assert [found.last_before(1, 1), found.last_before(0, 2)] == [1, 0]


def test_matches_are_found_by_line_and_position() -> None:
    found = _scan("x", ["x.x", "", "..x"])
    assert found.on_line(0) == [LineMatch(0, 0, 1), LineMatch(0, 2, 3)]
    assert found.on_line(1) == []
    assert found.first_after(0, 0) == 1
    assert found.first_after(2, 2) is None
    assert found.last_before(2, 2) == 1
    assert found.last_before(0, 0) is None


def test_lines_found_again_replace_the_old_matches_from_there() -> None:
    found = LineMatches([LineMatch(0, 0, 1), LineMatch(4, 0, 1)])
    found.replace_from(4, LineMatches([LineMatch(4, 0, 3), LineMatch(9, 1, 2)]))
    assert list(found) == [LineMatch(0, 0, 1), LineMatch(4, 0, 3), LineMatch(9, 1, 2)]


@pytest.mark.parametrize(
    ("text", "spelled"),
    [("de ad", b"\xde\xad"), ("0xde 0xad", b"\xde\xad"), ("0xdead", b"\xde\xad"), ("00", None)],
)
def test_hex_bytes_are_spelled_with_spaces_or_0x(text: str, spelled: bytes | None) -> None:
    assert hex_bytes(text) == spelled


def test_one_word_of_hex_digits_is_text() -> None:
    assert hex_bytes("cafe") is None
    source, flags, said = byte_pattern("cafe")
    assert said == "text" and flags & re.IGNORECASE
    assert list(scan_bytes(source, flags, b"..CAFE..")) == [ByteMatch(2, 6)]


def test_bytes_are_found_across_rows() -> None:
    source, flags, said = byte_pattern("de ad be ef")
    assert said == "bytes de ad be ef"
    data = bytes(14) + b"\xde\xad\xbe\xef" + bytes(20)
    found = scan_bytes(source, flags, data)
    assert list(found) == [ByteMatch(14, 18)]
    assert found.first_from(15) is None and found.first_from(3) == 0
    assert found.overlapping(16, 32) == [ByteMatch(14, 18)]
    assert found.overlapping(0, 14) == []


def test_the_count_says_where_it_is_and_whether_more_may_come() -> None:
    assert count_label(2, 41, capped=False, more=False) == "3 of 41"
    assert count_label(0, 1, capped=False, more=True) == "1 of 1 so far"
    assert count_label(None, 0, capped=False, more=False) == "no match"
