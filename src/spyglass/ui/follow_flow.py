"""`F` in the preview pane: the text preview becomes a followed log, and back again."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from spyglass.fs.entry import Entry
from spyglass.previews.results import TextPreview
from spyglass.ui.follow_view import FollowView

if TYPE_CHECKING:
    from textual.widget import Widget

    from spyglass.fs.backend import Backend
    from spyglass.previews.results import Preview

    _Base = Widget
else:
    _Base = object

FOLLOW_VIEW_ID = "preview-follow"


class FollowFlow(_Base):
    """Mix in before `Vertical` in the preview pane; it provides what is declared here."""

    if TYPE_CHECKING:
        backend: Backend | None
        entry: Entry | None
        preview: Preview | None

        def _switch_to(self, view_id: str) -> None: ...
        def _set_title(self, entry: Entry, detail: Text) -> None: ...
        def _show(self, entry: Entry, preview: Preview) -> None: ...

    follow_view: FollowView

    def _follow_setup(self) -> None:
        self.follow_view = FollowView(id=FOLLOW_VIEW_ID)

    @property
    def following(self) -> bool:
        return self.follow_view.following

    def toggle_follow(self) -> bool:
        """Start or stop following the text preview's file; False when there is none."""
        if self.following:
            self.stop_following(restore=True)
            return True
        entry, backend = self.entry, self.backend
        if not isinstance(self.preview, TextPreview) or entry is None or backend is None:
            return False
        had_focus = self.screen.focused is not None and self.screen.focused.id == "preview-text"
        self.follow_view.start(backend, entry.path)
        self._switch_to(FOLLOW_VIEW_ID)
        if had_focus:
            self.follow_view.focus()
        return True

    def stop_following(self, *, restore: bool = False) -> None:
        if not self.following:
            return
        self.follow_view.stop()
        if restore and self.entry is not None and self.preview is not None:
            focused = self.follow_view.has_focus
            self._show(self.entry, self.preview)
            if focused:
                self.query_one("#preview-text").focus()

    def on_follow_view_status(self, message: FollowView.Status) -> None:
        if self.entry is not None and self.following:
            detail = Text("following", style="bold")
            if message.text != "following":
                detail.append(f" · {message.text}")
            self._set_title(self.entry, detail)
