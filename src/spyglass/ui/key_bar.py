"""The keys that work right now, on one line, for what has focus.

Textual's Footer builds a widget per key and rebuilds them all whenever focus
moves; one line of text costs a fraction of that at start-up and on every move.
The table of actions says which keys go on the bar with which focus (the
tree, the preview, anything else); `Help` is always there, first.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget

from spyglass.keys import ACTIONS, Scope, bar_scopes

HELP = "help"
_BAR = bar_scopes()
_PLACE = {action.id: (index, action.scope) for index, action in enumerate(ACTIONS)}


def focus_scope(node: DOMNode | None) -> Scope:
    """The tree or the preview, from the focused widget or one it is inside; else APP."""
    while node is not None:
        scope = getattr(node, "key_scope", None)
        if isinstance(scope, Scope):
            return scope
        node = node.parent
    return Scope.APP


class KeyBar(Widget):
    DEFAULT_CSS = """
    KeyBar { height: 1; background: $footer-background; color: $footer-foreground; }
    KeyBar > .key-bar--key { color: $footer-key-foreground; text-style: bold; }
    KeyBar > .key-bar--disabled { color: $foreground-disabled; }
    """
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--disabled"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = Text()
        self._screen: Screen[object] | None = None
        self._pending: Text | None = None

    def on_mount(self) -> None:
        self._screen = self.screen
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        if self._screen is not None:
            self._screen.bindings_updated_signal.unsubscribe(self)

    def show_pending(self, first: str | None, then: Sequence[tuple[str, str]]) -> None:
        """While a key sequence waits for its next key: `g…` and what may follow."""
        if first is None:
            self._pending = None
        else:
            key_style = self.get_component_rich_style("key-bar--key")
            text = Text(no_wrap=True, overflow="ellipsis", end="")
            text.append(f" {first}… ", key_style)
            for key, description in then:
                text.append(f" {key} ", key_style)
                text.append(f"{description} ")
            self._pending = text
        self.refresh()

    def _bindings_changed(self, screen: Screen[object]) -> None:
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        key_style = self.get_component_rich_style("key-bar--key")
        disabled = self.get_component_rich_style("key-bar--disabled")
        focus = focus_scope(screen.focused)
        active = list(screen.active_bindings.values())

        def order(action: str) -> tuple[bool, bool, int]:
            # Help first, so a narrow terminal still shows it; then the keys of what has
            # focus; then the table's order.
            index, scope = _PLACE.get(action, (len(_PLACE), Scope.APP))
            return (action != HELP, scope is not focus, index)

        active.sort(key=lambda item: order(item.binding.action))
        seen: set[str] = set()
        for _node, binding, enabled, _tooltip in active:
            if not binding.show or binding.action in seen:
                continue
            if focus not in _BAR.get(binding.action, (focus,)):
                continue
            seen.add(binding.action)
            key = f" {self.app.get_key_display(binding)} "
            text.append(key, key_style if enabled else disabled)
            text.append(f"{binding.description} ", "" if enabled else disabled)
        self._text = text
        self.refresh()

    @property
    def text(self) -> str:
        """What the bar says now, as plain text."""
        return (self._pending or self._text).plain

    def render(self) -> Text:
        return self._pending or self._text
