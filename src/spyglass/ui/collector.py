"""The garbage collector kept out of start-up, and off the keys after it.

A full collection walks every object the app holds: 20-40 ms on a small
machine once Textual and the widgets are in, felt as a key that waits. What
start-up builds (modules, classes, widgets) lives as long as the app, so the
command line pauses collections before it builds the app, and the app freezes
those objects (no collection walks them again) and resumes collections after
its first frame. An app built elsewhere (a test, an embedding) is left alone.
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    """No collection until `resume`: start-up makes objects that are all kept."""
    global _paused
    gc.disable()
    _paused = True


def resume() -> None:
    """Freeze what exists now and collect again; nothing if `pause` was not called."""
    global _paused
    if _paused:
        gc.freeze()
        gc.enable()
        _paused = False
