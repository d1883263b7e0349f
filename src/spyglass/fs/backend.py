"""The few filesystem operations the explorer needs, over local disk or fsspec."""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator, Sequence
from typing import BinaryIO, NamedTuple, Protocol, TypeAlias

from spyglass.errors import SpyglassError
from spyglass.fs.entry import Entry


class Capabilities(NamedTuple):
    """What a backend can do beyond the basic operations, declared once per backend.

    Callers branch on these flags, never on the protocol name or on getattr. A
    flag is True only where the backend really does it; every default is the
    safe answer for a backend that does not say.
    """

    names_first: bool = False  # list_names_first is quicker than list_batches; with_details after
    local_paths: bool = False  # paths are OS paths: open(), sqlite and $EDITOR take them as is
    sizes_trusted: bool = False  # a listed size of 0 means empty (locally /proc files say 0)
    open_files: bool = False  # open_binary gives a binary file object that can seek
    cheap_stat: bool = False  # stat is cheap enough to poll, to follow a growing log
    exec: bool = False  # run a command on the host
    write: bool = False
    conditional_write: bool = False  # write only if unchanged since read (ETag, generation)
    versions: bool = False  # earlier versions of an object can be listed and read
    recursive_listing: bool = False  # list_recursive: every object under a prefix, page by page


class Version(NamedTuple):
    """What a store says identifies one state of a file: compared whole, never ordered.

    `tag` is the ETag, generation or version id where the store keeps one;
    otherwise size and modification time (nanoseconds locally) stand for it.
    """

    tag: str | None = None
    size: int | None = None
    mtime: float | None = None


class LocalFile(NamedTuple):
    """A local file whose content is to be written (large edits are not read into memory)."""

    path: str


# What write_file takes: the bytes, or the path of a local file holding them.
WriteSource: TypeAlias = bytes | LocalFile


class Conflict(SpyglassError):
    """The file changed since it was read: nothing was written.

    `current` is the version found instead (None when the file is gone).
    """

    def __init__(self, message: str, current: Version | None) -> None:
        super().__init__(message)
        self.current = current


class Unsupported(SpyglassError):
    """An optional operation the backend does not declare; callers check `capabilities` first."""


class ExecRefused(SpyglassError):
    """The host declares `exec` but does not run commands for this user (an SFTP-only account).

    Raised before any output, so a caller can do the work another way (walk over SFTP).
    """


class CommandFailed(SpyglassError):
    """A command run with `Backend.run` ended with a status other than 0."""

    def __init__(self, sentence: str, status: int, stderr: Sequence[str]) -> None:
        super().__init__(sentence)
        self.status = status  # -1: ended by a signal, or the connection closed
        self.stderr = tuple(stderr)  # its last lines of standard error


class Backend(Protocol):
    """What the tree, the previews and `spyglass cat` ask of a filesystem.

    Every method may block: callers run them in worker threads.
    """

    protocol: str

    @property
    def capabilities(self) -> Capabilities: ...

    def list_batches(self, path: str) -> Iterator[list[Entry]]:
        """The folder's entries from one listing call, in batches as they come."""
        ...

    def list_names_first(self, path: str) -> Iterator[list[Entry]]:
        """With `names_first`: names and kinds at once, sizes and times from `with_details`.

        Without it, the same as `list_batches`.
        """
        ...

    def with_details(self, entries: list[Entry]) -> list[Entry]:
        """The entries in the same order, those from `list_names_first` now with details.

        Returns new entries and leaves the given ones alone: they may already be
        on screen. Without `names_first` the entries are complete: a new list of them.
        """
        ...

    def list_recursive(self, path: str) -> Iterator[list[Entry]]:
        """With `recursive_listing`: every file under `path`, at any depth, a page at a time.

        One listing without a delimiter (an object store's native way), so the first
        page comes after one request whatever the depth. Folders are not listed: they
        are the prefixes of the paths. Without it, raises Unsupported.
        """
        ...

    def stat(self, path: str) -> Entry:
        """One entry, for a path given on the command line or a refresh."""
        ...

    def read_range(self, path: str, start: int, length: int) -> bytes:
        """At most `length` bytes from `start`: never the whole object."""
        ...

    def open_binary(self, path: str) -> BinaryIO:
        """With `open_files`: a file object to read and seek, for archives opened as folders.

        Without it, raises Unsupported.
        """
        ...

    def version(self, path: str) -> Version:
        """The file's current version, asked of the store (no cache); FileNotFoundError if gone."""
        ...

    def write_file(self, path: str, data: WriteSource, *, expected: Version | None) -> Version:
        """With `write`: replace the file whole and return its new version.

        Never partial (a temporary name, then a rename; or one request). With
        `expected`, raises Conflict instead of writing when the file is no longer
        at that version (with `conditional_write`, the store itself checks).
        `expected=None` writes whatever is there. Without `write`, raises Unsupported.
        """
        ...

    def invalidate(self, path: str) -> None:
        """Forget what is cached about `path` (the `r` key)."""
        ...

    def run(
        self,
        argv: Sequence[str],
        *,
        timeout: float,
        on_stderr: Callable[[str], None] | None = None,
    ) -> Generator[bytes, None, None]:
        """With `exec`: run `argv` on the host and yield its standard output as it comes.

        Arguments reach the program as given: no shell reinterprets them. Yields
        b"" while the command is silent, so the caller can check for
        cancellation; closing the iterator ends the command. `on_stderr` gets
        each line of standard error as it comes. `timeout` bounds starting the
        command, not its run. Raises ExecRefused (before any output) when the
        host will not run commands, CommandFailed after the output when the
        status is not 0. Without `exec`, raises Unsupported.
        """
        ...

    def join(self, folder: str, name: str) -> str: ...

    def parent(self, path: str) -> str: ...

    def display(self, path: str) -> str:
        """How a path is shown in the header and in messages."""
        ...
