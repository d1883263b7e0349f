"""The table of actions is the one place keys are written: the README and the config follow it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from spyglass.config import DEFAULT_KEYS
from spyglass.keys import ACTIONS, Scope, default_keys, help_rows, key_label

README = Path(__file__).resolve().parent.parent / "README.md"
_CODE = re.compile(r"`([^`]+)`")


def section(text: str, heading: str) -> str:
    """The text under a Markdown heading, up to the next heading of any level."""
    match = re.search(rf"^#+ {re.escape(heading)}\n(.*?)(?=^#)", text, re.MULTILINE | re.DOTALL)
    assert match is not None, f"no section {heading!r} in the README"
    return match[1]


def table_rows(text: str) -> list[list[str]]:
    """The cells of each body row of the first Markdown table in `text`."""
    lines = [line for line in text.splitlines() if line.startswith("|")]
    assert len(lines) > 2, "no table"
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in lines[2:]]


def readme_key_rows() -> list[tuple[frozenset[str], str]]:
    rows = table_rows(section(README.read_text(encoding="utf-8"), "Keys"))
    return [(frozenset(_CODE.findall(keys)), description) for keys, description in rows]


def expected_key_rows() -> list[tuple[frozenset[str], str]]:
    return [(frozenset(labels), description) for labels, description in help_rows()]


def test_readme_keys_table_matches_the_actions() -> None:
    assert readme_key_rows() == expected_key_rows()


def test_readme_lists_the_actions_keys_may_rebind() -> None:
    text = section(README.read_text(encoding="utf-8"), "Configuration")
    match = re.search(r"^Actions in `\[keys\]`:(.*?)(?:\n\n|\Z)", text, re.MULTILINE | re.DOTALL)
    assert match is not None, "no list of actions in the README's Configuration section"
    assert _CODE.findall(match[1]) == list(default_keys())


def test_the_drift_check_sees_a_changed_key() -> None:
    rows = expected_key_rows()
    keys, description = rows[-1]
    rows[-1] = (keys | {"x"}, description)
    assert readme_key_rows() != rows


def test_config_defaults_are_the_rebindable_actions() -> None:
    assert {a.id: a.keys for a in ACTIONS if a.rebindable} == DEFAULT_KEYS
    assert "quit" in DEFAULT_KEYS
    assert "cursor_up" not in DEFAULT_KEYS


def test_action_ids_are_unique_and_tree_keys_are_off_the_key_bar() -> None:
    ids = [action.id for action in ACTIONS]
    assert len(ids) == len(set(ids))
    assert all(not a.show for a in ACTIONS if a.scope is Scope.TREE)
    # The arrows, `h` `j` `k` `l` and Enter stay as they are; the vim moves may be rebound.
    fixed = {a.id for a in ACTIONS if a.scope is Scope.TREE and not a.rebindable}
    assert fixed == {
        "cursor_up",
        "cursor_down",
        "collapse_or_parent",
        "expand_or_preview",
        "activate",
        "choose",
    }


def test_help_rows_show_the_keys_in_force() -> None:
    rows = dict((description, labels) for labels, description in help_rows({"quit": "ctrl+q,x"}))
    assert rows["quit"] == ["Ctrl+q", "x"]
    assert rows["show or hide dot-files"] == ["."]


@pytest.mark.parametrize(
    ("key", "label"),
    [
        ("full_stop", "."),
        ("slash", "/"),
        ("pageup", "PgUp"),
        ("up", "↑"),
        ("escape", "Esc"),
        ("backspace", "Backspace"),
        ("q", "q"),
        ("ctrl+q", "Ctrl+q"),
    ],
)
def test_key_labels_are_written_as_on_the_keyboard(key: str, label: str) -> None:
    assert key_label(key) == label
