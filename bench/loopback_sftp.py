"""The tests' loopback OpenSSH server, started for a bench script: a URL and options to reach it.

It serves the machine's own files over SFTP, so a file written locally is the
file read remotely; every session it forked stops with it.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class LoopbackSftp:
    port: int
    options: tuple[str, ...]  # `-kKEY=VALUE` arguments for spyglass

    def url(self, path: Path) -> str:
        return f"sftp://root@127.0.0.1:{self.port}{path}"

    def args(self, path: Path) -> list[str]:
        """The command-line arguments that open `path` over SFTP."""
        return [self.url(path), *self.options]


@contextmanager
def loopback_sftp(root: Path) -> Iterator[LoopbackSftp]:
    """sshd on 127.0.0.1 for the length of the block (ServerUnavailable where it cannot run)."""
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    from tests.remote.servers import OpenSshServer

    server = OpenSshServer(root)
    try:
        server.start()
        known_hosts = server.workdir / "known_hosts"
        known_hosts.write_text(server.known_hosts_line())
        options = {**server.options(), "known_hosts": str(known_hosts)}
        options.pop("port")
        # JSON for what is not a string, so `false` reaches the option as False, not as "False"
        args = tuple(
            f"-k{key}={value if isinstance(value, str) else json.dumps(value)}"
            for key, value in options.items()
        )
        yield LoopbackSftp(server.port, args)
    finally:
        server.cleanup()
