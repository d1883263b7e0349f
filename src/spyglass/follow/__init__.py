"""Following a growing file, as `tail -F` does: headless, over any `Backend`.

`lines.py` turns bytes into sanitised lines with their byte offsets, `probe.py`
asks a file what it is now (size, time, ETag, identity), `tailer.py` is the state
machine that turns those answers into events (`events.py`), `waiting.py` says
when to look again (inotify locally, else a poll), and `job.py` runs it all as a
job for the TUI and for `spyglass cat --follow`. `window.py` is the bounded
window of lines a view keeps in memory.
"""
