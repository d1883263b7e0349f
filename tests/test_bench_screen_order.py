"""The benchmark's tests of a screen: sorted rows only once they are final, the filter's answers.

A real terminal emulator (pyte) is fed the lines an app would draw; no timing.
"""

from __future__ import annotations

import re

import pyte

from bench.screen_order import FilterAnswers, Numbered, names_on_screen, shows_head, shows_tail
from bench.subjects import PANE_BORDER, Subject
from bench.terminal import ScreenView

TREE = Subject("app", ("app",), painted="app", pane_border=PANE_BORDER)
FOLDER = Numbered(1_000, "f{:06d}".format, re.compile(r"\bf\d{6}\b"))
WIDTH = 44


def screen(*tree_lines: str, pane: str = "") -> ScreenView:
    """A 120x40 screen: a title bar, the tree lines with a pane beside them, a key bar."""
    display = pyte.Screen(120, 40)
    stream = pyte.Stream(display)
    lines = [" app  title", *tree_lines]
    lines += [""] * (38 - len(tree_lines))
    lines.append(" q Quit")
    body = [
        f"{line:<{WIDTH}}{PANE_BORDER} {pane if index == 1 else ''}"
        for index, line in enumerate(lines)
    ]
    stream.feed("\r\n".join(body))
    return ScreenView(display)


def rows(*indexes: int) -> list[str]:
    return ["  ▾ big/", *[f"      {FOLDER.entry(index)}" for index in indexes]]


def test_a_screen_of_entries_still_out_of_order_is_not_the_sorted_first_screen() -> None:
    partial = screen(*rows(0, 3, 8, 9, *range(10, 40)))
    assert not shows_head(TREE, FOLDER)(partial)
    assert shows_head(TREE, FOLDER)(screen(*rows(*range(36))))


def test_the_first_entries_must_start_the_list() -> None:
    assert not shows_head(TREE, FOLDER)(screen(*rows(*range(1, 37))))


def test_the_last_screen_is_the_tail_in_order() -> None:
    assert shows_tail(TREE, FOLDER)(screen(*rows(*range(964, 1_000))))
    assert not shows_tail(TREE, FOLDER)(screen(*rows(*range(960, 999))))
    assert not shows_tail(TREE, FOLDER)(screen(*rows(*range(964, 990), 992, 994, 999)))


def test_names_in_the_pane_beside_the_tree_are_not_rows() -> None:
    view = screen(*rows(0, 1), pane="f000999  Empty file")
    assert names_on_screen(view, TREE, FOLDER.pattern) == ["f000000", "f000001"]


def input_box(text: str) -> list[str]:
    return ["▊" + "▔" * 40 + "▎", f"▊  {text:<38}▎", "▊" + "▁" * 40 + "▎"]


def test_the_filter_is_reflected_when_input_and_rows_agree() -> None:
    answers = FilterAnswers(TREE, FOLDER, "f000123")
    assert answers.matches(7) == 1
    final = screen("  ▾ big/", "      f000123", *input_box("f000123"))
    assert answers.reflected(final) == 7
    stale = screen(*rows(*range(120, 150)), *input_box("f000123"))
    assert answers.reflected(stale) == 0
    early = screen(*rows(*range(30)), *input_box("f0"))
    assert answers.reflected(early) == 2


def test_rows_with_a_gap_do_not_reflect_the_filter() -> None:
    answers = FilterAnswers(TREE, FOLDER, "f0009")
    # "f0009" leaves the names with a 9 after "f000": f000009, f000019, ..., f000089, f000090 ...
    left = [index for index in range(FOLDER.count) if "9" in f"{index:03d}"]
    assert answers.matches(5) == len(left)
    assert answers.reflected(screen(*rows(*left[:30]), *input_box("f0009"))) == 5
    assert answers.reflected(screen(*rows(*left[5:35]), *input_box("f0009"))) == 5
    gap = screen(*rows(*left[:10], *left[11:31]), *input_box("f0009"))
    assert answers.reflected(gap) == 0
    stray = screen(*rows(*left[:10], 10, *left[10:30]), *input_box("f0009"))
    assert answers.reflected(stray) == 0


def test_no_input_on_screen_reflects_nothing() -> None:
    answers = FilterAnswers(TREE, FOLDER, "f000123")
    view = screen(*rows(*range(30)))
    assert answers.typed(view) is None
    assert answers.reflected(view) == 0
