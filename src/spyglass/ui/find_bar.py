"""The preview's search line: the pattern typed, and what the search found ("3 of 41")."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Static


class FindBar(Horizontal):
    DEFAULT_CSS = """
    FindBar { height: 1; display: none; background: $panel; }
    FindBar.-active { display: block; }
    FindBar > #find-input { width: 1fr; height: 1; border: none; padding: 0 1; }
    FindBar > #find-status { width: auto; max-width: 60%; height: 1; padding: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Clear", show=False)]

    class Changed(Message):
        """The pattern was edited."""

        def __init__(self, text: str) -> None:
            self.text = text
            super().__init__()

    class Submitted(Message):
        """Enter: go to the match."""

        def __init__(self, text: str) -> None:
            self.text = text
            super().__init__()

    class Closed(Message):
        """Esc in the bar: the search is cleared."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.input = Input(id="find-input", placeholder="search the preview (Esc clears)")
        self._status = Static(id="find-status", markup=False)
        self.status = ""

    def compose(self) -> ComposeResult:
        yield self.input
        yield self._status

    @property
    def active(self) -> bool:
        return self.has_class("-active")

    def open(self, text: str) -> None:
        self.add_class("-active")
        self.input.value = text
        self.input.focus()

    def close(self) -> None:
        self.remove_class("-active")
        self.say("")

    def say(self, status: str, *, problem: bool = False) -> None:
        self.status = status
        self._status.update(Text(status, style="bold red" if problem else ""))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.value == event.input.value:  # else typed on since: a newer change comes
            self.post_message(self.Changed(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted(event.value))

    def action_close(self) -> None:
        self.post_message(self.Closed())
