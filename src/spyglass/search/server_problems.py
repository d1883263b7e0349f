"""find, grep and rg on the server say what they could not read on stderr: one problem a line.

`find: '/srv/private': Permission denied`, `grep: /srv/a.log: Permission
denied`, `/srv/x: Permission denied (os error 13)` (rg). A line that names a
path under the searched folder is a problem the search goes past; any other
line (a bad regex, an unknown option) is kept to explain a failure.
"""

from __future__ import annotations

import errno
import re

from spyglass.errors import SpyglassError, describe
from spyglass.fs.backend import Backend
from spyglass.safe_text import safe_name
from spyglass.search.results import SearchProblem
from spyglass.search.server_commands import printed_prefix, start_point

_PROGRAM = re.compile(r"^(?:find|grep|rg|sh): ")
_OS_ERROR = re.compile(r"\s*\(os error \d+\)$")
_QUOTES = (("'", "'"), ("\u2018", "\u2019"), ("`", "'"), ('"', '"'))
_CAUSES = {
    "permission denied": errno.EACCES,
    "no such file or directory": errno.ENOENT,  # it vanished during the search
    "too many levels of symbolic links": errno.ELOOP,
    "input/output error": errno.EIO,
    "not a directory": errno.ENOTDIR,
}


def _unquoted(where: str) -> str:
    for opening, closing in _QUOTES:
        if len(where) >= 2 and where.startswith(opening) and where.endswith(closing):
            return where[1:-1]
    return where


def _cause(reason: str) -> BaseException:
    code = _CAUSES.get(reason.strip().lower())
    if code is not None:
        return OSError(code, reason)
    return SpyglassError(reason.strip())


def problem_from(line: str, root: str, backend: Backend) -> SearchProblem | None:
    """The problem a stderr line names, or None when it names no path under `root`."""
    where, colon, reason = _OS_ERROR.sub("", _PROGRAM.sub("", line, count=1)).rpartition(": ")
    if not colon or not reason.strip():
        return None
    printed, start = _unquoted(where), start_point(root)
    prefix = printed_prefix(start)
    if printed in (start, start.rstrip("/")):
        relative = ""
    elif printed.startswith(prefix):
        relative = printed[len(prefix) :]
    else:
        return None
    path = backend.join(root, relative) if relative else root
    sentence = describe(_cause(reason), "search", safe_name(backend.display(path)))
    return SearchProblem(path=path, relative=relative, sentence=sentence)
