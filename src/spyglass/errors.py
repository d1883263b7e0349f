"""Turn exceptions into one sentence a user can act on (ARCHITECTURE.md, rule 5)."""

from __future__ import annotations

import errno
import socket

from spyglass.safe_text import safe_name
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

    def __str__(self) -> str:
        # Messages quote names and library text: whoever prints one gets it sanitised.
        return safe_name(super().__str__())


# Storage clients' exceptions, by class name so that none of them is imported here.
_CLIENT_CAUSES: dict[str, str] = {
    "EndpointConnectionError": (
        "cannot connect to the server (is it running, and is the endpoint right?)"
    ),
    "ConnectTimeoutError": "the connection to the server timed out",
    "ReadTimeoutError": "the server did not answer in time",
    "NoCredentialsError": (
        "no credentials were found (set AWS_PROFILE or keys, or use -k anon=true "
        "for a public bucket)"
    ),
    "AuthenticationException": (
        "authentication failed: the server did not accept the user, key or password"
    ),
    "ClientAuthenticationError": "authentication failed: check the account key, SAS or token",
    "SSHException": "the SSH connection failed",
}


def _client_cause(exc: BaseException) -> str | None:
    for kind in type(exc).__mro__:
        cause = _CLIENT_CAUSES.get(kind.__name__)
        if cause is not None:
            detail = str(exc).strip().splitlines()[0] if kind.__name__ == "SSHException" else ""
            return f"{cause}: {detail}" if detail else cause
    status = getattr(exc, "status_code", None) or getattr(exc, "status", None)
    if status in (401, 403):
        return "access denied: the server refused these credentials"
    return None


MAX_CAUSE = 300  # characters: a cause is one line of a sentence, not a server's page


def _chain(exc: BaseException) -> list[BaseException]:
    """The exception and what it was raised from: fsspec wraps HTTP errors in others."""
    found: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and len(found) < 8 and current not in found:
        found.append(current)
        current = current.__cause__ or current.__context__
    return found


# aiohttp's names for a response that breaks HTTP: a bad status line, a line too long
# to read, a body that ends before its length or cannot be decoded
_MALFORMED = {
    "BadStatusLine",
    "LineTooLong",
    "BadHttpMessage",
    "ClientPayloadError",
    "ContentLengthError",
    "TransferEncodingError",
}


def _http_cause(exc: BaseException) -> str | None:
    """What an HTTP server did, from aiohttp's exceptions (by name: aiohttp is not imported)."""
    chain = [(link, {kind.__name__ for kind in type(link).__mro__}) for link in _chain(exc)]
    for link, names in chain:  # what went wrong on the wire comes before the status it gave
        if "TooManyRedirects" in names:
            hops = len(getattr(link, "history", ()) or ())
            return f"redirect loop: the server kept redirecting ({hops} hops)"
        if names & _MALFORMED or (
            "ClientResponseError" in names and "Bad status line" in str(link)
        ):
            return "the server sent a malformed response"
    for link, names in chain:
        status = getattr(link, "status", None)
        if "ClientResponseError" in names and isinstance(status, int):
            reason = str(getattr(link, "message", "") or "").splitlines()[0:1]
            detail = f" ({reason[0][:80]})" if reason and reason[0] else ""
            if status == 404:
                return _ERRNO_CAUSES[errno.ENOENT]
            if status in (401, 403):
                return "access denied: the server refused these credentials"
            if status >= 500:
                return f"server error {status}{detail}"
            return f"the server refused the request: {status}{detail}"
    return None


def cause_of(exc: BaseException) -> str:
    """The cause part of a sentence: short, lower-case, without a traceback."""
    # Libraries and servers put whatever they like in a message: one line, controls escaped.
    cause = safe_name(_cause(exc))
    return cause if len(cause) <= MAX_CAUSE else cause[: MAX_CAUSE - 1] + "…"


def _cause(exc: BaseException) -> str:
    if isinstance(exc, SpyglassError):
        return str(exc)
    client = _client_cause(exc)
    if client is not None:
        return client
    http = _http_cause(exc)
    if http is not None:
        return http
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
    sentence = safe_name(f"Cannot {what} {path}: {cause_of(exc)}")  # whatever path holds
    if not sentence.endswith("."):
        sentence += "."
    return mask_text(sentence)
