"""What a session leaves for the shell or an editor: the folder it ended in, the files chosen.

`--cwd-file` gets the local folder under the cursor; `--chooser-file` the
chosen paths (local) or URLs (remote, with no password), one a line. Both are
written after the terminal is restored, so `-` (stdout) can be piped.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import BinaryIO

from spyglass.fs.backend import Backend
from spyglass.fs.entry import Entry
from spyglass.secrets import shareable_url


def landing_folder(backend: Backend, entry: Entry | None, root: str) -> str | None:
    """The highlighted folder, the folder of the highlighted file, or the root.

    None when the place is not on local disk (SFTP, a bucket, an archive):
    a shell cannot go there.
    """
    if not backend.capabilities.local_paths:
        return None
    if entry is None:
        return root
    return entry.path if entry.is_folder else backend.parent(entry.path)


def chosen_text(backend: Backend, path: str) -> str:
    """A local path as it is; anything else as its URL, with no password in it."""
    if backend.capabilities.local_paths:
        return path
    return shareable_url(backend.display(path))


def unwritable(lines: Sequence[str]) -> str | None:
    """A name with a line break cannot be one line of the file: say which."""
    for line in lines:
        if "\n" in line or "\r" in line:
            return line
    return None


def write_output(target: str, data: str, *, stdout: BinaryIO | None = None) -> None:
    """Write `data` to the file `target`, or to stdout for `-`.

    A local name that is not UTF-8 is written as its original bytes.
    """
    raw = os.fsencode(data)
    if target == "-":
        out = stdout or sys.stdout.buffer
        out.write(raw)
        out.flush()
        return
    with open(target, "wb") as handle:
        handle.write(raw)


def chooser_data(lines: Sequence[str]) -> str:
    return "".join(f"{line}\n" for line in lines)
