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
    """Where a key works: anywhere in the app, while the tree has focus, or the preview."""

    APP = "app"
    TREE = "tree"
    PREVIEW = "preview"


class Action(NamedTuple):
    id: str  # the Textual action name, and the name in `[keys]`
    keys: str  # default keys: Textual key names, comma-separated
    label: str  # a word or two for the key bar
    description: str  # a sentence part for the README and the help screen
    scope: Scope = Scope.APP
    show: bool = True  # on the key bar
    priority: bool = False  # checked before the focused widget's own keys
    rebindable: bool = True  # may `[keys]` change it


_MOVE = "move (moving onto a file previews it)"
_CANCEL = "clear the filter or the preview's search, or stop a slow preview, listing or search"
_NEXT_MATCH = "next / previous match of the preview's search, wrapping at the ends"


def _tree(id: str, keys: str, label: str, description: str) -> Action:
    return Action(id, keys, label, description, scope=Scope.TREE, show=False, rebindable=False)


# Order matters: the key bar shows the app's actions in this order. The README's
# keys table has a row per description, in the order each first appears.
ACTIONS: tuple[Action, ...] = (
    _tree("cursor_up", "up,k", "Up", _MOVE),
    _tree("cursor_down", "down,j", "Down", _MOVE),
    _tree("collapse_or_parent", "left,h", "Collapse", "close a folder, or go to its parent"),
    _tree("expand_or_preview", "right,l", "Expand", "open a folder (or step into it)"),
    _tree("activate", "enter", "Open", "open or close a folder / preview a file"),
    _tree("page_up", "pageup", "Page up", _MOVE),
    _tree("page_down", "pagedown", "Page down", _MOVE),
    _tree("first", "home", "First", _MOVE),
    _tree("last", "end", "Last", _MOVE),
    Action("quit", "q", "Quit", "quit"),
    Action(
        "quit_now",
        "ctrl+c",
        "Quit",
        "quit from anywhere (a prompt, a table), whatever is still running",
        show=False,
        priority=True,
        rebindable=False,
    ),
    Action("refresh", "r", "Refresh", "refresh the open folders and the preview"),
    Action("toggle_hidden", "full_stop", "Hidden", "show or hide dot-files"),
    Action(
        "filter",
        "slash",
        "Filter",
        "filter the current folder as you type (fuzzy, case-insensitive); `Esc` clears",
    ),
    Action("goto", "g", "Go to", "go to any path or URL"),
    Action("set_root", "o", "Set root", "make the highlighted folder the root"),
    Action("root_up", "u,backspace", "Up", "go up: the root's parent becomes the root"),
    Action(
        "switch_focus",
        "tab",
        "Switch pane",
        "move focus between the tree and the preview",
        priority=True,
    ),
    Action("line_numbers", "n", "Numbers", "line numbers in the text preview, on or off"),
    Action("soft_wrap", "w", "Wrap", "soft wrap in the text preview, on or off"),
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
        labels.extend(key_label(key.strip()) for key in bound.split(","))
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
    "slash": "/",
}


def key_label(key: str) -> str:
    """How a Textual key name is written for people: `full_stop` -> `.`, `pageup` -> `PgUp`."""
    *modifiers, name = key.split("+")
    label = _KEY_LABELS.get(name, name if len(name) == 1 else name.replace("_", " ").title())
    return "+".join([*(modifier.title() for modifier in modifiers), label])
