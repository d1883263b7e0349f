"""What every scenario needs: the subjects, the fixtures, a clean environment, a launcher."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from bench.fixtures import Fixtures
from bench.subjects import Subject
from bench.terminal import Terminal

QUIT_TIMEOUT = 10.0


def clean_environment(config_home: Path) -> dict[str, str]:
    """The user's settings must not change what is measured: no config, colour on."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("SPYGLASS_", "TEXTUAL")) and name not in ("NO_COLOR", "TMUX")
    }
    config_home.mkdir(parents=True, exist_ok=True)
    env["XDG_CONFIG_HOME"] = str(config_home)
    return env


@dataclass
class Context:
    runs: int
    quick: bool
    fixtures: Fixtures
    spyglass: Subject
    floor: Subject
    rivals: list[Subject]
    env: dict[str, str]
    say: Callable[[str], None] = print
    problems: list[str] = field(default_factory=list)
    yazi: Subject | None = None  # the reference for a big folder from exec, when installed
    yazi_note: str = "not run"  # why `yazi` is None

    def env_for(self, subject: Subject) -> dict[str, str]:
        return {**self.env, **dict(subject.env)}

    @contextmanager
    def launch(self, subject: Subject, *args: str) -> Iterator[Terminal]:
        """Run a subject in a fresh pty; on the way out ask it to quit, then make sure it did."""
        terminal = Terminal(subject.argv(*args), env=self.env_for(subject))
        terminal.start()
        try:
            yield terminal
            if not terminal.quit(subject.quit_key, QUIT_TIMEOUT):
                self.problems.append(
                    f"{subject.name} did not quit within {QUIT_TIMEOUT:g} s of "
                    f"{subject.quit_key!r}; it was killed"
                )
        finally:
            terminal.close()
