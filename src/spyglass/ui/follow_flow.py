"""`F` in the preview pane: the text preview becomes a followed log, and back again."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from spyglass.fs.entry import Entry
from spyglass.previews.results import TextPreview

if TYPE_CHECKING:
    from textual.widget import Widget
    from textual.widgets import ContentSwitcher

    from spyglass.fs.backend import Backend
    from spyglass.previews.results import Preview
    from spyglass.ui.follow_view import FollowView

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
        _switcher: ContentSwitcher

        def _switch_to(self, view_id: str) -> None: ...
        def _set_title(self, entry: Entry, detail: Text) -> None: ...
        def _show(self, entry: Entry, preview: Preview) -> None: ...

    def _follow_setup(self) -> None:
        self.follow_view: FollowView | None = None  # made on the first `F`: slow to import

    @property
    def following(self) -> bool:
        return self.follow_view is not None and self.follow_view.following

    def toggle_follow(self) -> bool:
        """Start or stop following the text preview's file; False when there is none."""
        if self.following:
            self.stop_following(restore=True)
            return True
        entry, backend = self.entry, self.backend
        if not isinstance(self.preview, TextPreview) or entry is None or backend is None:
            return False
        had_focus = self.screen.focused is not None and self.screen.focused.id == "preview-text"
        if self.follow_view is None:
            from spyglass.ui.follow_view import FollowView

            self.follow_view = FollowView(id=FOLLOW_VIEW_ID)
            self.follow_view.display = False
            self.call_later(self._mount_and_follow, self.follow_view, backend, entry, had_focus)
        elif self.follow_view.is_mounted:  # else it is on its way, and will follow then
            self._follow(self.follow_view, backend, entry, had_focus)
        return True

    async def _mount_and_follow(
        self, view: FollowView, backend: Backend, entry: Entry, had_focus: bool
    ) -> None:
        await self._switcher.mount(view)
        if self.entry is entry:  # else another file was asked for meanwhile
            self._follow(view, backend, entry, had_focus)

    def _follow(self, view: FollowView, backend: Backend, entry: Entry, had_focus: bool) -> None:
        view.start(backend, entry.path)
        self._switch_to(FOLLOW_VIEW_ID)
        if had_focus:
            view.focus()

    def stop_following(self, *, restore: bool = False) -> None:
        if self.follow_view is None or not self.follow_view.following:
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
