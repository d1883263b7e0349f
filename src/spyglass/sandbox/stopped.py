"""Why a decode was stopped, as the sentence the user reads."""

from __future__ import annotations

from spyglass.errors import SpyglassError
from spyglass.format import human_size


class Stopped(SpyglassError):
    """The child was killed or gave up: over its memory cap, past its deadline, or gone."""

    @classmethod
    def over_memory(cls, cap: int) -> Stopped:
        return cls(f"stopped: used more than {human_size(cap)}")

    @classmethod
    def over_time(cls, seconds: float) -> Stopped:
        return cls(f"stopped after {seconds:g} s")

    @classmethod
    def ended(cls, exitcode: int | None) -> Stopped:
        how = f"signal {-exitcode}" if exitcode is not None and exitcode < 0 else f"{exitcode}"
        return cls(f"stopped: the decoding process ended unexpectedly ({how})")


class Cancelled(SpyglassError):
    """The caller no longer wants the result (the cursor moved on, Esc, quitting)."""
