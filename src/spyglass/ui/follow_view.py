"""A followed log: the newest lines as they come, a bounded window, a marker for unseen ones.

The job (`follow.job.FollowJob`) runs in a thread worker; its events arrive
as messages and go into a `LineWindow`. While the view is at the bottom it
stays there (auto-scroll); scrolled up, it holds still and counts what
arrives below ("↓ 12 new lines"); `G` / End goes back to the bottom and
follows again. Lines above the window, and the newest after a detached
window, are read again with range reads in a worker.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events, work
from textual.binding import BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollTo, ScrollUp
from textual.strip import Strip

from spyglass.follow.events import Appended, FollowEvent, Gone, Problem
from spyglass.follow.job import FollowJob
from spyglass.follow.lines import lines_before, sniff_codec
from spyglass.follow.window import LineWindow
from spyglass.format import count
from spyglass.fs.backend import Backend
from spyglass.jobs.update import JobState
from spyglass.ui.job_worker import JobUpdated, JobWorker
from spyglass.ui.line_style import LineStyleCache
from spyglass.ui.scroll_keys import HORIZONTAL_SCROLL_KEYS, VERTICAL_SCROLL_KEYS
from spyglass.ui.virtual_size import set_virtual_size

FIRST_LINES = 1_000  # read backwards when following starts
MORE_LINES = 500  # read backwards when scrolled to the top of the window
READ_BYTES = 4 * 1024 * 1024
UPDATE_INTERVAL = 0.1  # new lines on screen within this of the job reading them
KEEP_AT_END = 0.25  # seconds between checks that a followed view is still at its end
NOTICE_STYLE = Style(italic=True, bold=True)
MARKER_STYLE = Style(reverse=True, bold=True)


class FollowView(LineStyleCache, ScrollView, can_focus=True):
    DEFAULT_CSS = "FollowView { background: $surface; }"
    BINDINGS: ClassVar[list[BindingType]] = VERTICAL_SCROLL_KEYS + HORIZONTAL_SCROLL_KEYS

    class Status(Message):
        """What the header says about following: "following", "gone; waiting…"."""

        def __init__(self, text: str) -> None:
            self.text = text
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.window = LineWindow()
        self.auto_scroll = True
        self.unseen = 0  # lines that arrived below while scrolled up
        self.status = ""
        self._backend: Backend | None = None
        self._path = ""
        self._width = 0
        self._job: JobWorker[FollowEvent] = JobWorker(self, "follow", interval=UPDATE_INTERVAL)
        self._reading = False

    def on_mount(self) -> None:
        # Textual may move the view after a layout without telling it (a clamp to
        # a size since outgrown): while following, it is put back at the end.
        self.set_interval(KEEP_AT_END, self._keep_at_end)

    def _keep_at_end(self) -> None:
        if self.auto_scroll and self.following and self.scroll_y < self.max_scroll_y:
            self._at_end()

    @property
    def following(self) -> bool:
        return self._job.running

    def start(self, backend: Backend, path: str) -> None:
        self._backend, self._path = backend, path
        self.window = LineWindow(self.window.capacity)
        self.auto_scroll, self.unseen, self._width = True, 0, 0
        self._job.start(FollowJob(backend, path, initial_lines=FIRST_LINES))
        self._set_status("following")
        self._resize()

    def stop(self) -> None:
        self._job.cancel(keep_final=False)

    # events from the job

    def on_job_updated(self, message: JobUpdated[FollowEvent]) -> None:
        if not self._job.owns(message):
            return
        update = message.update
        added = 0
        for event in update.results:
            if isinstance(event, Appended):
                before = len(self.window)
                dropped = self.window.append(event, keep_top=not self.auto_scroll)
                added += len(event.lines)
                if not self.auto_scroll and dropped:
                    self.scroll_to(y=max(0, self.scroll_y - dropped), animate=False)
                self._measure(self.window.lines[before - dropped :])
            else:
                clear = not isinstance(event, Gone | Problem)
                self.window.notice(f"── {event.message} ──", clear=clear)
                self._set_status(event.message if isinstance(event, Gone) else "following")
        if update.final and update.state is JobState.FAILED:
            self._set_status(update.error or "stopped")
        if not self.auto_scroll:
            self.unseen += sum(
                len(event.lines)
                for event in update.results
                if isinstance(event, Appended) and not event.initial
            )
        self._resize()
        self._stick_to_end()

    # scrolling

    def watch_scroll_y(self, old: float, new: float) -> None:
        # Only the user pauses (the keys, the wheel and the scrollbar below): Textual
        # also moves scroll_y up when it clamps to a size the view has since outgrown.
        super().watch_scroll_y(old, new)
        at_bottom = new >= self.max_scroll_y and not self.window.detached
        if at_bottom and not self.auto_scroll:
            self._resume()
        if new <= 0 and not self.auto_scroll:
            self._read_older()

    def _on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        if not (event.ctrl or event.shift):
            self._pause()
        super()._on_mouse_scroll_up(event)

    def _on_scroll_up(self, event: ScrollUp) -> None:
        self._pause()
        super()._on_scroll_up(event)

    def _on_scroll_to(self, message: ScrollTo) -> None:
        if message.y is not None and message.y < self.scroll_y:
            self._pause()
        super()._on_scroll_to(message)

    def action_scroll_end(self) -> None:
        self._resume()

    # Keys that go up pause at once, before any scroll animation has moved.
    def action_scroll_up(self) -> None:
        self._pause()
        super().action_scroll_up()

    def action_page_up(self) -> None:
        self._pause()
        super().action_page_up()

    def action_scroll_home(self) -> None:
        self._pause()
        super().action_scroll_home()

    def _pause(self) -> None:
        if self.max_scroll_y > 0:
            self.auto_scroll = False

    def _resume(self) -> None:
        self.auto_scroll, self.unseen = True, 0
        if self.window.detached:
            self._read_newest()
        self.scroll_end(animate=False, immediate=True, x_axis=False)
        self.refresh()

    def _read_older(self) -> None:
        first = self.window.first_offset
        if first > 0 and not self._reading and self._backend is not None:
            self._reading = True
            self._read(self._backend, self._path, first, older=True)

    def _read_newest(self) -> None:
        if not self._reading and self._backend is not None:
            self._reading = True
            self._read(self._backend, self._path, self.window.end, older=False)

    @work(thread=True, exclusive=True, group="follow-read", exit_on_error=False)
    def _read(self, backend: Backend, path: str, end: int, *, older: bool) -> None:
        codec = sniff_codec(backend, path)
        wanted = MORE_LINES if older else self.window.capacity
        lines, offsets = lines_before(backend, path, codec, end, wanted, max_bytes=READ_BYTES)
        self.app.call_from_thread(self._got, lines, offsets, end, older)

    def _got(self, lines: list[str], offsets: list[int], end: int, older: bool) -> None:
        self._reading = False
        if older:
            if lines and offsets[-1] < self.window.first_offset:
                self.window.prepend(lines, offsets)
                self.scroll_to(y=self.scroll_y + len(lines), animate=False)
        else:
            self.window.replace(lines, offsets, end)
            if self.window.end > end:  # more came while reading
                self.window.detached = True
                self._read_newest()
        self._measure(lines)
        self._resize()
        self._stick_to_end()

    def _stick_to_end(self) -> None:
        """At the bottom now, and again once a new scrollbar's layout is done."""
        if self.auto_scroll:
            self.scroll_end(animate=False, immediate=True, x_axis=False)
            self.call_after_refresh(self._at_end)

    def _at_end(self) -> None:
        if self.auto_scroll:
            self.scroll_end(animate=False, immediate=True, x_axis=False)

    # drawing

    def _measure(self, lines: list[str]) -> None:
        widest = max((len(line.expandtabs(4)) for line in lines), default=0)
        self._width = max(self._width, widest)

    def _resize(self) -> None:
        set_virtual_size(self, Size(self._width, len(self.window)))
        self.refresh()

    def _set_status(self, text: str) -> None:
        self.status = text
        self.post_message(self.Status(text))

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        style = self.line_style
        if not self.auto_scroll and self.unseen and y == self.scrollable_content_region.height - 1:
            marker = f" ↓ {count(self.unseen, 'new line')} · G to follow "
            return Strip([Segment(marker, MARKER_STYLE)]).extend_cell_length(width, style)
        index = scroll_y + y
        if index >= len(self.window):
            return Strip.blank(width, style)
        text = Text(self.window.lines[index].expandtabs(4), no_wrap=True, end="")
        if self.window.is_notice(index):
            text.stylize(NOTICE_STYLE)
        strip = Strip(list(text.render(self.app.console)))
        return strip.crop(scroll_x, scroll_x + width).extend_cell_length(width, style)
