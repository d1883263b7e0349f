"""Replace a local file whole: a temporary file beside it, then `os.replace`.

A reader sees the old file or the new one, never a part; the mode (and the
owner, where this user may set it) is kept.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat as stat_module
import tempfile

from spyglass.errors import SpyglassError
from spyglass.fs.backend import Conflict, LocalFile, Version, WriteSource

CHUNK = 1024 * 1024


def local_version(path: str) -> Version:
    info = os.stat(path)
    return Version(None, info.st_size, float(info.st_mtime_ns))


def check_unchanged(path: str, expected: Version | None) -> os.stat_result | None:
    """The file's stat (None when absent); Conflict when it is not at `expected`."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        info = None
    if info is not None and not stat_module.S_ISREG(info.st_mode):
        raise SpyglassError(f"{path} is not a regular file: nothing was written")
    if expected is None:
        return info
    current = None if info is None else Version(None, info.st_size, float(info.st_mtime_ns))
    if current != expected:
        what = "was deleted" if current is None else "changed"
        raise Conflict(f"{path} {what} since it was read: nothing was written", current)
    return info


def write_local(path: str, data: WriteSource, *, expected: Version | None) -> Version:
    info = check_unchanged(path, expected)
    folder = os.path.dirname(os.path.abspath(path))
    handle, temporary = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            if isinstance(data, LocalFile):
                with open(data.path, "rb") as source:
                    shutil.copyfileobj(source, out, CHUNK)
            else:
                out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if info is not None:
            os.chmod(temporary, stat_module.S_IMODE(info.st_mode))
            # Another user's file this user may write: the owner becomes this user.
            with contextlib.suppress(OSError):
                os.chown(temporary, info.st_uid, info.st_gid)
        else:
            os.chmod(temporary, 0o666 & ~_umask())
        check_unchanged(path, expected)  # again, just before: the copy may have taken a while
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return local_version(path)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
