"""Every action the explorer's keys start, with its default keys, written once.

The app's and the tree's bindings, the `[keys]` table of the configuration,
the README and a help screen are all made from `ACTIONS`. Headless: the
configuration reads it, and `spyglass cat` imports the configuration.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import NamedTuple


class Scope(Enum):
    """Where a key works: anywhere in the app, while the tree, the preview or a table has focus."""

    APP = "app"
    TREE = "tree"
    PREVIEW = "preview"
    TABLE = "table"  # a data file's table, inside the preview


class Action(NamedTuple):
    id: str  # the Textual action name, and the name in `[keys]`
    keys: str  # default keys: Textual key names, comma-separated
    label: str  # a word or two for the key bar
    description: str  # a sentence part for the README and the help screen
    scope: Scope = Scope.APP
    show: bool = True  # on the key bar
    priority: bool = False  # checked before the focused widget's own keys
    rebindable: bool = True  # may `[keys]` change it
    # Which focus it is on the key bar with (if `show`): the tree, the preview,
    # or anything else (APP: a prompt, the search results).
    bar: tuple[Scope, ...] = (Scope.TREE, Scope.APP)


_MOVE = "move (moving onto a file previews it)"
_CANCEL = "clear the filter or the preview's search, or stop a slow preview, listing or search"
_NEXT_MATCH = "next / previous match of the preview's search, wrapping at the ends"
_SCROLL = "in the preview: to the top, to the bottom, half a page down / up, a page down / up"
_SORT = (
    "in a table: sort the rows read by the cursor's column, ascending or descending first;"
    " again: the other way, then unsorted"
)
_EVERYWHERE = (Scope.TREE, Scope.PREVIEW, Scope.APP)
_PREVIEW_BAR = (Scope.PREVIEW,)


def _tree(id: str, keys: str, label: str, description: str) -> Action:
    return Action(id, keys, label, description, scope=Scope.TREE, show=False, rebindable=False)


def _move(id: str, keys: str, label: str) -> Action:
    """A move of the tree's cursor that `[keys]` may rebind."""
    return Action(id, keys, label, _MOVE, scope=Scope.TREE, show=False)


def _table(id: str, keys: str, label: str, description: str, *, show: bool = True) -> Action:
    """A key of a data file's table, on the key bar while the table has focus."""
    return Action(id, keys, label, description, scope=Scope.TABLE, show=show, bar=(Scope.TABLE,))


def _scroll(id: str, keys: str, label: str) -> Action:
    """A move in whichever view the preview shows (text, hex, rendered, table)."""
    return Action(id, keys, label, _SCROLL, scope=Scope.PREVIEW, show=False)


# Order matters: the key bar shows the app's actions in this order. The README's
# keys table has a row per description, in the order each first appears. A key
# with a space in it is a sequence: `g g` is `g`, then `g` again.
ACTIONS: tuple[Action, ...] = (
    _tree("cursor_up", "up,k", "Up", _MOVE),
    _tree("cursor_down", "down,j", "Down", _MOVE),
    _tree("collapse_or_parent", "left,h", "Collapse", "close a folder, or go to its parent"),
    _tree("expand_or_preview", "right,l", "Expand", "open a folder (or step into it)"),
    _tree("activate", "enter", "Open", "open or close a folder / preview a file"),
    _tree(
        "choose",
        "enter",
        "Choose",
        "with `--chooser-file`: choose the highlighted file, or the marked entries, and quit",
    ),
    _move("page_up", "pageup,ctrl+b", "Page up"),
    _move("page_down", "pagedown,ctrl+f", "Page down"),
    _move("half_page_up", "ctrl+u", "Half page up"),
    _move("half_page_down", "ctrl+d", "Half page down"),
    _move("first", "home,g g", "First"),
    _move("last", "end,G", "Last"),
    Action(
        "mark",
        "space",
        "Mark",
        "mark or unmark the highlighted entry and move down (what `--chooser-file` writes)",
        scope=Scope.TREE,
        show=False,
    ),
    Action("quit", "q", "Quit", "quit", bar=_EVERYWHERE),
    Action(
        "quit_now",
        "ctrl+c",
        "Quit",
        "quit from anywhere (a prompt, a table), whatever is still running",
        show=False,
        priority=True,
        rebindable=False,
    ),
    Action(
        "help",
        "question_mark",
        "Help",
        "every key, with a filter (type to narrow); `Esc` closes",
        bar=_EVERYWHERE,
    ),
    Action("refresh", "r", "Refresh", "refresh the open folders and the preview"),
    Action("toggle_hidden", "full_stop", "Hidden", "show or hide dot-files"),
    Action(
        "cycle_columns",
        "comma",
        "Columns",
        "the tree's columns: none, size, modification time, size and time, permissions and owner",
        show=False,
    ),
    Action(
        "filter",
        "slash",
        "Filter",
        "filter the current folder as you type (fuzzy, case-insensitive); `Esc` clears",
    ),
    Action("goto", "ctrl+l,colon", "Go to", "go to any path or URL"),
    Action("set_root", "o", "Set root", "make the highlighted folder the root"),
    Action("root_up", "u,backspace", "Up", "go up: the root's parent becomes the root"),
    Action(
        "switch_focus",
        "tab",
        "Switch pane",
        "move focus between the tree and the preview",
        priority=True,
        bar=_EVERYWHERE,
    ),
    Action(
        "line_numbers",
        "n",
        "Numbers",
        "line numbers in the text preview, on or off",
        bar=_PREVIEW_BAR,
    ),
    Action("soft_wrap", "w", "Wrap", "soft wrap in the text preview, on or off", bar=_PREVIEW_BAR),
    Action(
        "follow",
        "F",
        "Follow",
        "follow the text preview's file as it grows (like `tail -F`; scroll up to pause,"
        " `G` / `End` to follow again); `F` again stops",
        bar=_PREVIEW_BAR,
    ),
    Action("cancel", "escape", "Cancel", _CANCEL, show=False),
    Action(
        "download",
        "d",
        "Download",
        "download the highlighted file or folder to a local folder"
        " (asks before overwriting; `Esc` stops)",
    ),
    Action(
        "edit",
        "e",
        "Edit",
        "edit the highlighted file in `$VISUAL` / `$EDITOR`; a remote file is written back"
        " only if it did not change meanwhile",
    ),
    Action(
        "open_file",
        "O",
        "Open",
        "open the highlighted local file with the desktop's default application"
        " (`xdg-open`, macOS `open`; needs a display)",
    ),
    Action(
        "copy_path",
        "c",
        "Copy path",
        "copy the highlighted entry's full path or URL to the clipboard"
        " (secrets masked; OSC 52, works over SSH)",
    ),
    Action(
        "search_names",
        "s",
        "Search",
        "search names under the highlighted folder (or the root): a substring, a glob or a regex;"
        " `Enter` on a result shows it, `Esc` stops, then closes the list",
        show=False,
    ),
    Action(
        "search_content",
        "S",
        "Grep",
        "search inside the files under the highlighted folder (or the root): `path:line: text`",
        show=False,
    ),
    Action(
        "sizes",
        "D",
        "Sizes",
        "folder sizes under the highlighted folder (or the root), largest first: `Enter` goes"
        " into a folder, `Backspace` back up, `r` counts again, `e` lists what could not be"
        " read, `Esc` stops and goes back",
        show=False,
    ),
    # With the preview focused; `n`, `N` and `Esc` act only while a search is shown.
    Action(
        "find",
        "slash",
        "Find",
        "in the preview: search its text (case-insensitive unless the pattern has capitals;"
        " a regex, else plain text), all matches highlighted, the count shown",
        scope=Scope.PREVIEW,
        bar=_PREVIEW_BAR,
    ),
    Action("find_next", "n", "Next", _NEXT_MATCH, scope=Scope.PREVIEW, show=False),
    Action("find_previous", "N", "Previous", _NEXT_MATCH, scope=Scope.PREVIEW, show=False),
    Action(
        "find_clear",
        "escape",
        "Clear",
        _CANCEL,
        scope=Scope.PREVIEW,
        show=False,
        rebindable=False,
    ),
    _scroll("preview_top", "g g", "Top"),
    _scroll("preview_bottom", "G", "Bottom"),
    _scroll("preview_half_page_down", "ctrl+d", "Half page down"),
    _scroll("preview_half_page_up", "ctrl+u", "Half page up"),
    _scroll("preview_page_down", "ctrl+f", "Page down"),
    _scroll("preview_page_up", "ctrl+b", "Page up"),
    # With a table focused (a data file's preview).
    _table("show_cell", "enter", "Cell", "in a table: the cell under the cursor in full"),
    _table("show_row", "v", "Row", "in a table: the row under the cursor, one field a line"),
    _table("toggle_schema", "s", "Schema", "in a table: its schema (types, metadata), or the rows"),
    _table(
        "toggle_stats",
        "t",
        "Stats",
        "in a table: each column's type, count, nulls, distinct values, min, max, mean"
        " and most frequent values, over the rows read (Parquet: nulls, min, max for the"
        " whole file from its footer)",
    ),
    _table(
        "sort_ascending",
        "less_than_sign",
        "Sort",
        _SORT,
    ),
    _table(
        "sort_descending",
        "greater_than_sign",
        "Sort down",
        _SORT,
        show=False,
    ),
    _table(
        "filter_rows",
        "f",
        "Filter",
        "in a table: keep the rows read that hold a text, or match `column=value`,"
        " `column>value`, `column<value`, `column!=value`",
    ),
    _table("pick_part", "p", "Sheets", "in a table: pick another sheet or table of the file"),
    _table(
        "previous_part",
        "left_square_bracket",
        "Previous sheet",
        "in a table: the previous / next sheet or table",
        show=False,
    ),
    _table(
        "next_part",
        "right_square_bracket",
        "Next sheet",
        "in a table: the previous / next sheet or table",
        show=False,
    ),
)


def actions(scope: Scope) -> list[Action]:
    return [action for action in ACTIONS if action.scope is scope]


def default_keys() -> dict[str, str]:
    """Action id -> default keys, for each action `[keys]` may rebind."""
    return {action.id: action.keys for action in ACTIONS if action.rebindable}


def help_rows(keys: Mapping[str, str] | None = None) -> list[tuple[list[str], str]]:
    """(key labels, description) per description, in the order each first appears.

    The README's keys table has these rows; `keys` (action id -> keys, as in
    `[keys]`) replaces the defaults, so a help screen shows the keys in force.
    """
    rows: dict[str, list[str]] = {}
    for action in ACTIONS:
        bound = (keys or {}).get(action.id, action.keys)
        labels = rows.setdefault(action.description, [])
        for key in bound.split(","):
            label = key_label(key.strip())
            if label not in labels:  # the tree and the preview may share a key and a row
                labels.append(label)
    return [(labels, description) for description, labels in rows.items()]


_KEY_LABELS = {
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "escape": "Esc",
    "full_stop": ".",
    "comma": ",",
    "slash": "/",
    "question_mark": "?",
    "colon": ":",
    "space": "Space",
    "less_than_sign": "<",
    "greater_than_sign": ">",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
}


def bar_scopes() -> dict[str, tuple[Scope, ...]]:
    """Action id -> the focus it is on the key bar with."""
    return {action.id: action.bar for action in ACTIONS}


def sequence_starts(keys: Mapping[str, str] | None = None) -> frozenset[str]:
    """The first keys of the sequences bound (`g` for `g g`), with `keys` in force."""
    starts: set[str] = set()
    for action in ACTIONS:
        bound = (keys or {}).get(action.id, action.keys)
        for key in bound.split(","):
            parts = key.split()
            if len(parts) > 1:
                starts.add(parts[0])
    return frozenset(starts)


def key_label(key: str) -> str:
    """How a Textual key name is written for people: `full_stop` -> `.`, `pageup` -> `PgUp`.

    A sequence is its keys' labels with a space between: `g g`.
    """
    if " " in key.strip():
        return " ".join(key_label(part) for part in key.split())
    *modifiers, name = key.split("+")
    label = _KEY_LABELS.get(name, name if len(name) == 1 else name.replace("_", " ").title())
    return "+".join([*(modifier.title() for modifier in modifiers), label])
