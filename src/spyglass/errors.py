"""Turn exceptions into one sentence a user can act on (DESIGN rule 5)."""

from __future__ import annotations

import errno
import socket

from spyglass.secrets import mask_text

_ERRNO_CAUSES: dict[int, str] = {
    errno.ENOENT: "it does not exist (it may have been moved or deleted)",
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
    errno.ELOOP: "it is a symlink loop",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.EISDIR: "it is a folder",
    errno.ENAMETOOLONG: "the name is too long",
    errno.EIO: "input/output error from the device",
    errno.ETIMEDOUT: "the connection timed out",
    errno.ECONNREFUSED: "the connection was refused (is the server running?)",
    errno.EHOSTUNREACH: "the host is unreachable",
    errno.ENETUNREACH: "the network is unreachable",
    errno.ECONNRESET: "the connection was reset by the server",
    errno.ENXIO: "no such device or address",
}


class SpyglassError(Exception):
    """An error whose message is already a sentence for the user."""


def cause_of(exc: BaseException) -> str:
    """The cause part of a sentence: short, lower-case, without a traceback."""
    if isinstance(exc, SpyglassError):
        return str(exc)
    if isinstance(exc, TimeoutError | socket.timeout):
        return "the operation timed out"
    if isinstance(exc, FileNotFoundError):
        return _ERRNO_CAUSES[errno.ENOENT]
    if isinstance(exc, PermissionError):
        return _ERRNO_CAUSES[errno.EACCES]
    if isinstance(exc, OSError) and exc.errno in _ERRNO_CAUSES:
        return _ERRNO_CAUSES[exc.errno]
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror[0].lower() + exc.strerror[1:]
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    name = type(exc).__name__
    return f"{name}: {text}" if text else name


def describe(exc: BaseException, what: str, path: str) -> str:
    """`Cannot read /a/b: permission denied.` with secrets masked."""
    sentence = f"Cannot {what} {path}: {cause_of(exc)}"
    if not sentence.endswith("."):
        sentence += "."
    return mask_text(sentence)
