"""Keys pressed one after the other, such as `g g`: Textual binds single keys only.

A binding whose key has a space in it is a sequence (see `spyglass.keys`).
Its first key is held as pending, shown on the key bar with what may follow,
for up to `SEQUENCE_SECONDS`; the next key completes a sequence, or ends the
wait and is then handled as usual. The app asks `handle` first for each key.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from textual import events
from textual.app import App
from textual.binding import ActiveBinding
from textual.timer import Timer

from spyglass.keys import key_label

SEQUENCE_SECONDS = 1.0


class Continuation(NamedTuple):
    key: str  # the second key, as bound
    label: str  # how it is written for people
    binding: ActiveBinding


Pending = Callable[[str | None, list[Continuation]], None]


def _is(part: str, event: events.Key) -> bool:
    """Does the pressed key match `part` of a sequence (a key name, or its character)?"""
    return part == event.key or (len(part) == 1 and part == event.character)


class KeySequences:
    def __init__(self, app: App[Any], starts: frozenset[str], shown: Pending) -> None:
        self._app = app
        self._starts = starts
        self._shown = shown  # tells the key bar what is pending (None: nothing)
        self._first: str | None = None
        self._continuations: list[Continuation] = []
        self._timer: Timer | None = None

    @property
    def pending(self) -> str | None:
        return self._first

    async def handle(self, event: events.Key) -> bool:
        """True when the key was taken: it started or completed a sequence."""
        if self._first is not None:
            first, continuations = self._first, self._continuations
            self._clear()
            for continuation in continuations:
                if _is(continuation.key, event):
                    await self._run(continuation.binding)
                    return True
            if event.key == "escape":
                return True  # only the pending key is cancelled
            await self._run_single(first)
            return False
        if not any(_is(start, event) for start in self._starts):
            return False
        focused = self._app.focused
        if focused is not None and focused.check_consume_key(event.key, event.character):
            return False  # typed into an input
        continuations = self._continuations_of(event)
        if not continuations:
            return False
        self._first = event.key
        self._continuations = continuations
        self._timer = self._app.set_timer(SEQUENCE_SECONDS, self._expired)
        self._shown(key_label(event.key), continuations)
        return True

    def _continuations_of(self, event: events.Key) -> list[Continuation]:
        found: list[Continuation] = []
        for key, active in self._app.screen.active_bindings.items():
            first, _, rest = key.partition(" ")
            if rest and active.enabled and _is(first, event):
                found.append(Continuation(rest, key_label(rest), active))
        return found

    async def _expired(self) -> None:
        first = self._first
        self._clear()
        if first is not None:
            await self._run_single(first)

    async def _run_single(self, key: str) -> None:
        """The first key alone, when it is bound by itself too."""
        active = self._app.screen.active_bindings.get(key)
        if active is not None and active.enabled:
            await self._run(active)

    async def _run(self, active: ActiveBinding) -> None:
        await self._app.run_action(active.binding.action, active.node)

    def _clear(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self._first is not None:
            self._first = None
            self._continuations = []
            self._shown(None, [])
