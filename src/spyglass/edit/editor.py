"""Which editor to run, and running it on one file."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from collections.abc import Callable, Mapping

from spyglass.errors import SpyglassError, cause_of

FALLBACK_EDITORS = ("vi", "nano")


class NoEditor(SpyglassError):
    """Neither $VISUAL nor $EDITOR is set and no fallback editor is on PATH."""


def editor_command(
    environ: Mapping[str, str] | None = None,
    which: Callable[[str], str | None] = shutil.which,
) -> list[str]:
    """`$VISUAL`, else `$EDITOR`, else the first of vi / nano found, as a command line.

    The variable is split as a shell would (`EDITOR="code -w"`), without running a shell.
    """
    env = os.environ if environ is None else environ
    for name in ("VISUAL", "EDITOR"):
        value = env.get(name, "").strip()
        if value:
            try:
                words = shlex.split(value)
            except ValueError as exc:
                raise SpyglassError(f"cannot read ${name} ({value!r}): {exc}") from exc
            if words:
                return words
    for editor in FALLBACK_EDITORS:
        found = which(editor)
        if found:
            return [found]
    raise NoEditor("no editor found: set $VISUAL or $EDITOR (e.g. export EDITOR=nano)")


def run_editor(command: list[str], path: str) -> int:
    """Run the editor on `path` in this terminal and wait; its exit status."""
    try:
        return subprocess.run([*command, path], check=False).returncode
    except OSError as exc:
        raise SpyglassError(f"cannot run the editor {command[0]!r}: {cause_of(exc)}") from exc
