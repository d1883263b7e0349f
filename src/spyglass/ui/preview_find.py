"""`/` in the preview: find a pattern in the text, code, Markdown or hex shown.

The scan runs in a sandbox child with a deadline: a user's regex over untrusted
text can backtrack for ever, and a thread cannot be stopped mid-match. A search
that runs off the end of what is loaded asks for the next part and goes on,
a few parts a keypress at most.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.message import Message
from textual.timer import Timer
from textual.worker import get_current_worker

from spyglass.errors import cause_of
from spyglass.previews.hex_dump import BYTES_PER_LINE
from spyglass.previews.results import HexPreview, Preview, RenderablePreview, TextPreview
from spyglass.previews.text_search import (
    ByteMatch,
    ByteMatches,
    LineMatch,
    LineMatches,
    SearchPattern,
    byte_pattern,
    compile_pattern,
    count_label,
    scan_bytes,
    scan_lines,
)
from spyglass.sandbox.stopped import Cancelled, Stopped
from spyglass.ui.find_bar import FindBar
from spyglass.ui.hex_view import HexView
from spyglass.ui.rendered_view import RenderedView
from spyglass.ui.text_view import TextView

if TYPE_CHECKING:
    from textual.widget import Widget

    from spyglass.sandbox.pool import Sandbox

    _Base = Widget
else:
    _Base = object

FIND_DEBOUNCE = 0.15
# Parts loaded by one `n` that finds nothing before it stops and says so.
PARTS_PER_STEP = 4


class PreviewFind(_Base):
    """Mix in before `Vertical` in the preview pane; it provides what is declared here."""

    if TYPE_CHECKING:
        sandbox: Sandbox
        preview: Preview | None
        text_view: TextView
        hex_view: HexView
        rendered_view: RenderedView
        _token: int

        def _ask_for_more(self) -> None: ...
        def _switch_to(self, view_id: str) -> None: ...

    find_seconds = 5.0  # a scan that takes longer is stopped: the pattern backtracks

    class _Found(Message):
        def __init__(self, generation: int, first: int, matches: Any, problem: str) -> None:
            self.generation = generation
            self.first = first  # the first line (or byte) scanned again
            self.matches = matches
            self.problem = problem
            super().__init__()

    def _find_setup(self) -> None:
        self.find_bar = FindBar(id="find-bar")
        self._find_text = ""
        self._find_said = ""  # what the kind of search is, when worth saying
        self._found: LineMatches | ByteMatches | None = None
        self._found_current: int | None = None
        self._find_generation = 0
        self._find_running = False
        self._find_going = 0  # a move waiting for the scan (or the next part): +1 or -1
        self._find_parts = 0  # parts loaded by the move waiting
        self._find_scanned = 0  # lines scanned, for a text; the next part rescans from the last
        self._find_note = ""
        self._find_timer: Timer | None = None

    # what is searched
    def _find_target(self) -> TextView | HexView | RenderedView | None:
        preview = self.preview
        if isinstance(preview, TextPreview):
            return self.text_view
        if isinstance(preview, HexPreview):
            return self.hex_view
        if isinstance(preview, RenderablePreview):
            return self.rendered_view
        return None

    def _find_has_more(self) -> bool:
        target = self._find_target()
        return isinstance(target, TextView | HexView) and target.has_more

    # keys
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("find_next", "find_previous", "find_clear"):
            return bool(self._find_text) or self.find_bar.active
        if action == "find":
            return self._find_target() is not None
        return True

    def action_find(self) -> None:
        self.find_bar.open(self._find_text)

    def action_find_next(self) -> None:
        self._find_move(+1)

    def action_find_previous(self) -> None:
        self._find_move(-1)

    def action_find_clear(self) -> None:
        self._find_clear()

    # the bar
    def on_find_bar_changed(self, message: FindBar.Changed) -> None:
        message.stop()
        if self._find_timer is not None:
            self._find_timer.stop()
        self._find_timer = self.set_timer(FIND_DEBOUNCE, lambda: self._find_start(message.text))

    def on_find_bar_submitted(self, message: FindBar.Submitted) -> None:
        message.stop()
        if self._find_timer is not None:
            self._find_timer.stop()
        if message.text != self._find_text or (self._found is None and not self._find_running):
            self._find_start(message.text)
        target = self._find_target()
        if target is not None:
            target.focus()
        if message.text:
            self._find_move(+1, from_view=True)
        else:
            self._find_clear()

    def on_find_bar_closed(self, message: FindBar.Closed) -> None:
        message.stop()
        self._find_clear()

    def on_rendered_view_laid_out(self, message: RenderedView.LaidOut) -> None:
        message.stop()
        if self._find_text and self._find_target() is self.rendered_view:
            self._find_start(self._find_text)

    # scanning
    def _find_start(self, text: str) -> None:
        self._find_timer = None
        self._find_text = text
        self._found = None
        self._found_current = None
        self._find_going = 0
        self._find_note = ""
        target = self._find_target()
        if target is None or not text:
            self._find_generation += 1
            self._find_running = False
            if target is not None:
                target.show_matches(None, None)
            self.find_bar.say("")
            return
        self._find_scan(0)

    def _find_scan(self, first: int) -> None:
        target = self._find_target()
        if target is None:
            return
        self._find_generation += 1
        self._find_running = True
        self.find_bar.say("searching…")
        task: Any
        args: tuple[Any, ...]
        if isinstance(target, HexView):
            source, flags, said = byte_pattern(self._find_text)
            self._find_said = said
            task, args, problem = scan_bytes, (source, flags, target.data), ""
        else:
            pattern: SearchPattern = compile_pattern(self._find_text)
            problem = pattern.problem
            if isinstance(target, TextView):
                lines = target.lines[first:]
                self._find_scanned = len(target.lines)
                self._find_said = ""
            else:
                lines = target.plain_lines()
                self._find_said = "in the rendered text"
            task, args = scan_lines, (pattern.source, pattern.flags, lines, first)
        self._find_in_child(task, args, self._find_generation, first, problem)

    def _find_in_child(
        self, task: Any, args: tuple[Any, ...], generation: int, first: int, problem: str
    ) -> None:
        def scan() -> None:
            worker = get_current_worker()
            seconds = min(self.find_seconds, self.sandbox.limits.seconds)
            try:
                matches = self.sandbox.run(
                    task,
                    *args,
                    cancelled=lambda: worker.is_cancelled or generation != self._find_generation,
                    seconds=seconds,
                )
            except Cancelled:
                return
            except Stopped as exc:  # a regex that backtracks: past the deadline
                said = f"the search {exc}; a simpler pattern may do"
                self.post_message(self._Found(generation, first, None, said))
                return
            except Exception as exc:  # said in the bar; the next search starts afresh
                said = f"the search failed: {cause_of(exc)}"
                self.post_message(self._Found(generation, first, None, said))
                return
            self.post_message(self._Found(generation, first, matches, problem))

        self.run_worker(scan, thread=True, exclusive=True, group="find", exit_on_error=False)

    def on_preview_find__found(self, message: _Found) -> None:
        message.stop()
        if message.generation != self._find_generation:
            return
        self._find_running = False
        target = self._find_target()
        if target is None:
            return
        if message.matches is None:  # stopped: nothing to show
            self._found = None
            self._find_going = 0
            target.show_matches(None, None)
            self.find_bar.say(message.problem, problem=True)
            return
        self._find_note = message.problem
        if message.first and isinstance(self._found, LineMatches):
            self._found.replace_from(message.first, message.matches)
        else:
            self._found = message.matches
        self._find_show(target)
        if self._find_going:
            going, self._find_going = self._find_going, 0
            self._find_move(going, continuing=True)

    def find_more_loaded(self) -> None:
        """The pane added the next part: look in it, and go on with a move that waited."""
        if not self._find_text or self._find_target() is None:
            return
        if isinstance(self._find_target(), HexView) or self._found is None:
            self._find_scan(0)
        else:
            self._find_scan(max(0, self._find_scanned - 1))

    def find_reset(self) -> None:
        """A new preview: the search is over."""
        if self._find_timer is not None:
            self._find_timer.stop()
            self._find_timer = None
        self._find_generation += 1
        self._find_running = False
        self._find_text = ""
        self._found = None
        self._found_current = None
        self._find_going = 0
        self.find_bar.close()

    def _find_clear(self) -> None:
        target = self._find_target()
        self.find_reset()
        if target is not None:
            target.show_matches(None, None)
            target.focus()

    # moving
    def _find_move(
        self, direction: int, *, from_view: bool = False, continuing: bool = False
    ) -> None:
        if self._find_running:
            self._find_going = direction
            return
        target = self._find_target()
        found = self._found
        if target is None or found is None:
            return
        if not continuing:
            self._find_parts = 0
        note = ""
        index = self._find_next_index(target, found, direction, from_view=from_view)
        if index is None:
            if direction > 0 and self._find_has_more() and not found.capped:
                if self._find_parts < PARTS_PER_STEP:
                    self._find_parts += 1
                    self._find_going = direction
                    self._find_running = True
                    self.find_bar.say("searching the next part…")
                    self._ask_for_more()
                    return
                self._find_show(target, f"no match in the next {PARTS_PER_STEP} parts: n goes on")
                return
            if not len(found):
                self._find_show(target)
                return
            index = 0 if direction > 0 else len(found) - 1
            note = "wrapped to the top" if direction > 0 else "wrapped to the bottom"
        self._found_current = index
        self._find_show(target, note)
        self._find_reveal(target, found, index)

    def _find_next_index(
        self,
        target: TextView | HexView | RenderedView,
        found: LineMatches | ByteMatches,
        direction: int,
        *,
        from_view: bool,
    ) -> int | None:
        current = self._found_current
        if isinstance(found, ByteMatches):
            if current is None or from_view:
                return found.first_from(int(target.scroll_y) * BYTES_PER_LINE)
            index = current + direction
            return index if 0 <= index < len(found) else None
        if current is not None and not from_view and current < len(found):
            match = found.match(current)
            if direction > 0:
                return found.first_after(match.line, match.start)
            return found.last_before(match.line, match.start)
        top = self._find_top_line(target)
        if direction > 0:
            return found.first_after(top, -1)
        return found.last_before(top, 0)

    @staticmethod
    def _find_top_line(target: TextView | HexView | RenderedView) -> int:
        return target.top_line() if isinstance(target, TextView) else int(target.scroll_y)

    def _find_reveal(
        self,
        target: TextView | HexView | RenderedView,
        found: LineMatches | ByteMatches,
        index: int,
    ) -> None:
        match = found.match(index)
        if isinstance(target, HexView) and isinstance(match, ByteMatch):
            target.scroll_to_match(match.start)
        elif isinstance(target, TextView) and isinstance(match, LineMatch):
            target.scroll_to_match(match.line, match.start, match.end)
        elif isinstance(target, RenderedView) and isinstance(match, LineMatch):
            target.scroll_to_match(match.line)

    def _find_show(self, target: TextView | HexView | RenderedView, note: str = "") -> None:
        found = self._found
        if found is None:
            return
        target.show_matches(found, self._found_current)  # type: ignore[arg-type]
        more = self._find_has_more() and not found.capped
        parts = [count_label(self._found_current, len(found), capped=found.capped, more=more)]
        parts += [said for said in (self._find_said, self._find_note, note) if said]
        self.find_bar.say(" · ".join(parts))
