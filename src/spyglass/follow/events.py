"""What following a file reports: lines that arrived, and what happened to the file."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Appended:
    """Whole lines that came since the last event, already sanitised.

    `offsets[i]` is the byte where `lines[i]` starts; `end` is the byte after the
    last of them. `initial` marks the last lines of the file shown when following starts.
    """

    lines: tuple[str, ...]
    offsets: tuple[int, ...]
    end: int
    initial: bool = False


@dataclass(frozen=True, slots=True)
class Truncated:
    """The file got shorter (`> file`, copytruncate): going on from `resume`."""

    size: int
    resume: int
    certain: bool = True  # False: the backend gives no identity, so it may be a new file

    @property
    def message(self) -> str:
        if self.certain:
            return "file truncated; following it on from there"
        return "file truncated (or replaced by a shorter one); following it on from there"


@dataclass(frozen=True, slots=True)
class Replaced:
    """Another file (or object) is under the name now: rotated, or uploaded again."""

    whole_object: bool  # an object store's object was replaced, not a file renamed away
    resume: int

    @property
    def message(self) -> str:
        if self.whole_object:
            return "object replaced as a whole; following the new one"
        return "file replaced (rotated); following the new file"


@dataclass(frozen=True, slots=True)
class Gone:
    """The file disappeared; it is still watched."""

    @property
    def message(self) -> str:
        return "gone; waiting for it to come back"


@dataclass(frozen=True, slots=True)
class Back:
    """The file is there again; following it from `resume`."""

    resume: int

    @property
    def message(self) -> str:
        return "back; following it again"


@dataclass(frozen=True, slots=True)
class Problem:
    """A look at the file failed (the server did not answer); following goes on."""

    sentence: str

    @property
    def message(self) -> str:
        return self.sentence


FollowEvent = Appended | Truncated | Replaced | Gone | Back | Problem
Notice = Truncated | Replaced | Gone | Back | Problem
