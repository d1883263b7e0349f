"""SFTP with commands on the host: an fsspec backend over `SshFileSystem` that declares `exec`."""

from __future__ import annotations

from collections.abc import Callable, Generator, Sequence
from typing import TYPE_CHECKING

from spyglass.fs.fsspec_backend import FsspecBackend

if TYPE_CHECKING:
    pass


class SftpBackend(FsspecBackend):
    """Listings and reads over SFTP; `run` over the same SSH connection.

    `exec` is declared for every SSH host: whether this one really runs commands
    is known only by asking, so `run` raises ExecRefused when it does not.
    """

    capabilities = FsspecBackend.capabilities._replace(exec=True)

    def run(
        self,
        argv: Sequence[str],
        *,
        timeout: float,
        on_stderr: Callable[[str], None] | None = None,
    ) -> Generator[bytes, None, None]:
        chunks: Generator[bytes, None, None] = self.fs.run(
            argv, timeout=timeout, on_stderr=on_stderr
        )
        return chunks
