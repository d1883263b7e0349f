"""Failures become one sentence; sizes and counts read the way people write them."""

from __future__ import annotations

import errno

import pytest

from spyglass.errors import SpyglassError, cause_of, describe
from spyglass.format import count, human_size, permissions


@pytest.mark.parametrize(
    ("exc", "cause"),
    [
        (FileNotFoundError(errno.ENOENT, "No such file"), "it does not exist"),
        (PermissionError(errno.EACCES, "Permission denied"), "permission denied"),
        (OSError(errno.ELOOP, "Too many levels"), "it is a symlink loop"),
        (OSError(errno.ENAMETOOLONG, "File name too long"), "the name is too long"),
        (OSError(errno.EROFS, "Read-only file system"), "read-only file system"),
        (TimeoutError("timed out"), "the operation timed out"),
        (SpyglassError("already a sentence"), "already a sentence"),
        (ValueError("first line\nsecond line"), "ValueError: first line"),
        (RuntimeError(), "RuntimeError"),
    ],
)
def test_causes_are_short_and_lower_case(exc: BaseException, cause: str) -> None:
    assert cause_of(exc).startswith(cause)
    assert "\n" not in cause_of(exc)


def test_describe_is_one_sentence_with_the_path() -> None:
    sentence = describe(PermissionError(errno.EACCES, "x"), "read", "/data/a.csv")
    assert sentence == "Cannot read /data/a.csv: permission denied."
    assert (
        describe(SpyglassError("ends with a dot."), "open", "p")
        == "Cannot open p: ends with a dot."
    )


@pytest.mark.parametrize(
    ("size", "text"),
    [
        (None, "-"),
        (0, "0 B"),
        (1023, "1,023 B"),
        (1024, "1.0 KiB"),
        (1536, "1.5 KiB"),
        (10 * 1024, "10 KiB"),
        (1024 * 1024 - 4, "1.0 MiB"),
        (1024 * 1024, "1.0 MiB"),
        (5 * 1024**3, "5.0 GiB"),
        (int(5.2 * 1024**3), "5.2 GiB"),
        (1024**6, "1024 PiB"),
    ],
)
def test_human_sizes(size: int | None, text: str) -> None:
    assert human_size(size) == text


def test_counts_and_permissions() -> None:
    assert count(1, "line") == "1 line"
    assert count(2400000, "line") == "2,400,000 lines"
    assert permissions(0o100644) == "-rw-r--r--"
    assert permissions(None) == "-"


def test_escape_sequences_in_a_library_message_never_reach_a_sentence() -> None:
    hostile = ValueError("no such table: \x1b]0;owned\x07\x1b[31mred \u202etxt.exe")
    sentence = describe(hostile, "show as table", "data.db")
    assert "\x1b" not in sentence and "\x07" not in sentence and "\u202e" not in sentence
    assert "\\x1b]0;owned\\x07" in sentence and "\\u202e" in sentence
    assert cause_of(SpyglassError("two\nlines")) == "two\\nlines"  # a cause is one line
