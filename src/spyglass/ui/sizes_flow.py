"""`D` from the tree: the sizes screen for the highlighted folder, or the root."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spyglass.sizes.options import SizeOptions

if TYPE_CHECKING:
    from spyglass.ui.app import SpyglassApp


def open_sizes(app: SpyglassApp) -> None:
    """Counted from the highlighted folder (a file: the root); Esc comes back to the same place."""
    from spyglass.ui.sizes_screen import SizesScreen

    tree = app.file_tree
    backend = tree.backend
    if backend is None:
        return
    entry = tree.cursor_entry
    folder = entry is not None and entry.is_folder and entry.link_target is None
    root = entry.path if folder and entry is not None else tree.model.root.path
    config = app.config
    options = SizeOptions(apparent=config.apparent_size, cross_filesystems=config.cross_filesystems)
    index = app.size_index

    def folder_bytes(path: str) -> int | None:
        found = index.size_of(backend, path)
        return None if found is None else found[0]

    def counted(_result: object) -> None:
        # Back in the tree: its size column shows the folders counted (`,` shows it).
        tree.set_folder_sizes(folder_bytes)

    app.push_screen(SizesScreen(backend, root, options, index), counted)
