"""browsr in a virtual environment of its own, so its pins never touch spyglass's."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from bench.subjects import Subject

PACKAGE = "browsr"


def ensure_browsr(cache: Path, say: Callable[[str], None] = print) -> Subject:
    """Create the venv and install browsr on first use; later runs reuse it."""
    venv = cache / "browsr-venv"
    python = venv / "bin" / "python"
    script = venv / "bin" / "browsr"
    if not script.exists():
        say(f"installing {PACKAGE} into {venv} …")
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
        subprocess.run(
            [
                str(python),
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                PACKAGE,
            ],
            check=True,
        )
    version = subprocess.run(
        [str(python), "-c", f"import importlib.metadata as m; print(m.version({PACKAGE!r}))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return Subject(name="browsr", command=(str(script),), painted="browsr", version=version)
