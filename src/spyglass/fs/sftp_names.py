"""An SFTP channel that lists and opens names that are not UTF-8.

SFTP v3 sends names as raw bytes. paramiko decodes every listed name as strict
UTF-8, so one file named by a Latin-1 system fails the whole folder. Here a
name decodes the way Python's own `os` functions decode local names
(surrogateescape), and a path given as such a string is encoded back to the
same bytes, so the file can be opened, stated and listed like any other.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import paramiko
from paramiko.message import Message
from paramiko.sftp import CMD_CLOSE, CMD_HANDLE, CMD_OPENDIR, CMD_READDIR, CMD_STATUS, SFTPError


def _name(raw: bytes) -> str:
    return raw.decode("utf-8", "surrogateescape")


class NameSafeSftpClient(paramiko.SFTPClient):  # type: ignore[misc]
    """`paramiko.SFTPClient` whose names round-trip whatever their bytes are."""

    def _adjust_cwd(self, path: Any) -> Any:  # every path of every request passes here
        if isinstance(path, str):
            path = path.encode("utf-8", "surrogateescape")
        return super()._adjust_cwd(path)

    def listdir_attr(self, path: str = ".") -> list[paramiko.SFTPAttributes]:
        return list(self.listdir_iter(path))

    def listdir(self, path: str = ".") -> list[str]:
        return [attr.filename for attr in self.listdir_iter(path)]

    def listdir_iter(
        self, path: str | bytes = ".", read_aheads: int = 50
    ) -> Iterator[paramiko.SFTPAttributes]:
        """paramiko's pipelined READDIR loop, with the names decoded as above."""
        kind, message = self._request(CMD_OPENDIR, self._adjust_cwd(path))
        if kind != CMD_HANDLE:
            raise SFTPError("Expected handle")
        handle = message.get_binary()
        try:
            while True:
                # Several READDIR requests in flight: one round trip per batch, not per page.
                numbers = [
                    self._async_request(type(None), CMD_READDIR, handle) for _ in range(read_aheads)
                ]
                for number in numbers:
                    kind, data = self._read_packet()
                    reply = Message(data)
                    if reply.get_int() == number and kind == CMD_STATUS:
                        self._convert_status(reply)  # end of the folder: raises EOFError
                    for _ in range(reply.get_int()):
                        filename = _name(reply.get_binary())
                        longname = _name(reply.get_binary())
                        attr = paramiko.SFTPAttributes._from_msg(reply, filename, longname)
                        if filename not in (".", ".."):
                            yield attr
        except EOFError:
            self._request(CMD_CLOSE, handle)


def open_channel(client: paramiko.SSHClient) -> NameSafeSftpClient:
    """A new SFTP channel on the client's connection (`SSHClient.open_sftp`, name-safe)."""
    channel: NameSafeSftpClient | None = NameSafeSftpClient.from_transport(client.get_transport())
    if channel is None:
        raise paramiko.SSHException("the server refused an SFTP channel")
    return channel
