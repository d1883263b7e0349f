"""How far a job has got: a typed value, the newest of which is always the one shown."""

from __future__ import annotations

from typing import NamedTuple


class Progress(NamedTuple):
    """Counters a job keeps, with a line for a status bar.

    Only the newest value reaches the screen, so a job may report as often
    as it likes. `text` and `error` are shown as they are: pass names in
    them through `spyglass.safe_text.safe_name`.
    """

    visited: int = 0  # entries, files or lines looked at
    matched: int = 0
    skipped: int = 0  # could not be read, or left out on purpose
    byte_count: int = 0  # bytes read or moved
    done: int = 0  # units of work finished, out of `total` when that is known
    total: int | None = None
    text: str = ""  # "searching /var/log"
    error: str | None = None  # the latest problem that did not stop the job, as a sentence

    @property
    def fraction(self) -> float | None:
        """0.0 to 1.0 when the total is known, for a bar or a percentage."""
        if not self.total:
            return None
        return min(1.0, max(0.0, self.done / self.total))
