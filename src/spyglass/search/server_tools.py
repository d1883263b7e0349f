"""Which programs the server has for searching, asked once per backend in one command."""

from __future__ import annotations

import threading
import weakref

from spyglass.fs.backend import Backend
from spyglass.search.server_commands import ServerTools

# One line of output for each tool that works; the script is fixed text, no argument in it.
_PROBE = (
    "rg --max-columns-preview --version >/dev/null 2>&1 && echo rg; "
    "find / -maxdepth 0 -printf '' >/dev/null 2>&1 && echo find-printf; "
    "exit 0"
)

_known: weakref.WeakKeyDictionary[Backend, ServerTools] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def known_tools(backend: Backend) -> ServerTools | None:
    with _lock:
        return _known.get(backend)


def tools_of(backend: Backend, timeout: float) -> ServerTools:
    """The server's tools; raises ExecRefused when it runs no commands for this user."""
    found = known_tools(backend)
    if found is not None:
        return found
    said = b"".join(backend.run(["sh", "-c", _PROBE], timeout=timeout)).decode(errors="replace")
    lines = set(said.split())
    found = ServerTools(rg="rg" in lines, find_printf="find-printf" in lines)
    with _lock:
        _known[backend] = found
    return found
