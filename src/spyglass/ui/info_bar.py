"""One line about the highlighted entry: kind, size, time, permissions, owner."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from spyglass.format import group_name, human_size, human_time, owner_name, permissions
from spyglass.fs.entry import Entry, Kind
from spyglass.safe_text import safe_name


def describe_entry(entry: Entry) -> Text:
    parts: list[tuple[str, str]] = []
    kind = entry.kind.value
    if entry.is_link:
        kind = f"link to {kind}" if entry.kind is not Kind.SYMLINK else "symlink"
    parts.append(("", kind))
    if entry.kind is not Kind.FOLDER and entry.size is not None:
        parts.append(
            (
                "",
                f"{human_size(entry.size)} ({entry.size:,} bytes)"
                if entry.size >= 1024
                else human_size(entry.size),
            )
        )
    if entry.mtime is not None:
        parts.append(("modified ", human_time(entry.mtime)))
    if entry.mode is not None:
        parts.append(("", permissions(entry.mode)))
    if entry.uid is not None:
        parts.append(("", f"{owner_name(entry.uid)}:{group_name(entry.gid)}"))
    for label, value in entry.extra.items():
        parts.append((f"{label} ", safe_name(str(value))))
    text = Text(no_wrap=True, overflow="ellipsis")
    for index, (label, value) in enumerate(parts):
        if index:
            text.append("  │  ", "dim")
        if label:
            text.append(label, "dim")
        text.append(value)
    if entry.is_link:
        text.append("  │  ", "dim")
        text.append("→ ", "dim")
        text.append(safe_name(entry.link_target or "?"))
    if entry.error:
        text.append("  │  ", "dim")
        text.append(entry.error, "red")
    return text


class InfoBar(Static):
    DEFAULT_CSS = """
    InfoBar { height: 1; background: $panel; color: $foreground; padding: 0 1; }
    """

    def show_entry(self, entry: Entry | None) -> None:
        # One line, always: no layout pass needed (this runs on every cursor move).
        self.update(describe_entry(entry) if entry is not None else Text(""), layout=False)
