"""The messages between the parent and a child, pickled over a pipe.

Parent to child: a `Call`, then `Answer`s to the child's `Ask`s. Child to
parent: any number of `Ask`s (reads the child needs), then one `Returned` or
`Raised`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from spyglass.fs.backend import Capabilities


class BackendFacts(NamedTuple):
    """What the child knows of the parent's backend without asking."""

    protocol: str
    capabilities: Capabilities


class Call(NamedTuple):
    """Run `task(*args)` in the child; `task` is pickled by its module and name."""

    task: Callable[..., Any]
    args: tuple[Any, ...]
    backend: BackendFacts | None = None


class Ask(NamedTuple):
    """The child asks the parent's backend to run `method(*args)`."""

    method: str
    args: tuple[Any, ...]


class Answer(NamedTuple):
    """The parent's reply to an `Ask`: a value, or the exception the backend raised."""

    value: Any = None
    error: BaseException | None = None


class Returned(NamedTuple):
    value: Any


class Raised(NamedTuple):
    """The task raised: the exception itself when it pickles, else its text."""

    error: BaseException
