"""`O`: a local file in the desktop's default application, when there is a desktop.

Linux and the BSDs run `xdg-open` when DISPLAY or WAYLAND_DISPLAY says there
is a display; macOS runs `open`. The program is started in its own session
with no terminal, so the application outlives spyglass and never draws over it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Mapping

NO_DISPLAY = "no display: over SSH there usually is none"
# How long a launcher may take to say it failed before it is left to run.
LAUNCH_SECONDS = 3.0


class CannotOpen(Exception):
    """Why a file cannot be opened here: a sentence for the user."""


def open_command(environ: Mapping[str, str], platform: str = sys.platform) -> list[str]:
    """The launcher to run with the file's path after it, or CannotOpen with the reason."""
    if platform == "darwin":
        name = "open"
    elif platform.startswith("win"):
        raise CannotOpen("opening files with their application works on Linux and macOS")
    else:
        if not environ.get("DISPLAY") and not environ.get("WAYLAND_DISPLAY"):
            raise CannotOpen(NO_DISPLAY)
        name = "xdg-open"
    program = shutil.which(name, path=environ.get("PATH", os.defpath))
    if program is None:
        raise CannotOpen(f"{name} is not installed")
    return [program]


def launch(command: list[str], path: str, environ: Mapping[str, str]) -> str | None:
    """Start the launcher detached; the problem, if it fails at once, else None.

    Blocks up to LAUNCH_SECONDS: call it from a worker thread.
    """
    try:
        process = subprocess.Popen(
            [*command, path],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            env=dict(environ),
        )
    except OSError as exc:
        return f"{command[0]} could not be started: {exc.strerror or exc}"
    try:
        status = process.wait(LAUNCH_SECONDS)
    except subprocess.TimeoutExpired:
        # Still running (some launchers wait for the application): reap it when it ends.
        threading.Thread(target=process.wait, daemon=True).start()
        return None
    if status != 0:
        name = os.path.basename(command[0])
        return f"{name} could not open it (exit status {status})"
    return None
