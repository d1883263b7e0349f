"""Real storage servers on 127.0.0.1 for the backend tests: start, wait until ready, stop.

Each server runs as a child process with its own log, so a test can stop it in
the middle of a session and start it again on the same port.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
AZURITE = REPO / ".test-servers" / "azurite" / "node_modules" / ".bin" / "azurite-blob"
AZURITE_ACCOUNT = "devstoreaccount1"
# Azurite's public, documented development key: not a secret.
AZURITE_KEY = (
    "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
)
READY_TIMEOUT = 30.0


class ServerUnavailable(Exception):
    """The server's program is not installed here; the tests that need it are skipped."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _descendants(pid: int) -> list[int]:
    """Processes below `pid`, from /proc (sshd's per-connection children start new sessions)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(entry.name)] = int(fields[1])
    found: list[int] = []
    frontier = [pid]
    while frontier:
        current = frontier.pop()
        children = [child for child, parent in parents.items() if parent == current]
        found.extend(children)
        frontier.extend(children)
    return found


def _http_status(url: str) -> int | None:
    try:
        with urllib.request.urlopen(url, timeout=1) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return None


def _ssh_banner(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
            return sock.recv(16).startswith(b"SSH-")
    except OSError:
        return False


@dataclass
class Server:
    """A child process plus a readiness probe; `restart` keeps the port."""

    name: str
    port: int = field(default_factory=free_port)
    workdir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="spyglass-")))
    process: subprocess.Popen[bytes] | None = None

    def command(self) -> list[str]:
        raise NotImplementedError

    def ready(self) -> bool:
        raise NotImplementedError

    def start(self) -> None:
        log = (self.workdir / f"{self.name}.log").open("ab")
        self.process = subprocess.Popen(
            self.command(),
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            cwd=self.workdir,
            start_new_session=True,
        )
        deadline = time.monotonic() + READY_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited at start: {self.log_tail()}")
            if self.ready():
                return
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(
            f"{self.name} was not ready after {READY_TIMEOUT:.0f} s: {self.log_tail()}"
        )

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)

    def restart(self) -> None:
        self.stop()
        self.start()

    def log_tail(self) -> str:
        log = self.workdir / f"{self.name}.log"
        return log.read_text(errors="replace")[-2000:] if log.exists() else ""

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.workdir, ignore_errors=True)


class MotoServer(Server):
    def __init__(self) -> None:
        super().__init__("moto")

    def command(self) -> list[str]:
        return [str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(self.port)]

    def ready(self) -> bool:
        return _http_status(f"{self.endpoint}/moto-api/") == 200

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def options(self) -> dict[str, object]:
        return {"key": "testing", "secret": "testing", "endpoint_url": self.endpoint}


class SeededMotoServer(MotoServer):
    """moto with `count` objects under `bucket/prefix/` from the start (see the script)."""

    def __init__(self, bucket: str, prefix: str, count: int) -> None:
        super().__init__()
        self.bucket, self.prefix, self.count = bucket, prefix, count

    def command(self) -> list[str]:
        script = Path(__file__).with_name("seeded_moto_server.py")
        arguments = [str(self.port), self.bucket, self.prefix, str(self.count)]
        return [sys.executable, str(script), *arguments]


class GcsEmulator(Server):
    def __init__(self, bucket: str) -> None:
        super().__init__("gcs")
        self.bucket = bucket

    def command(self) -> list[str]:
        return [
            str(BIN / "gcp-storage-emulator"),
            "start",
            "-H",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--in-memory",
            "--default-bucket",
            self.bucket,
        ]

    def ready(self) -> bool:
        return _http_status(f"{self.endpoint}/storage/v1/b") == 200

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def options(self) -> dict[str, object]:
        return {"token": "anon", "endpoint_url": self.endpoint}


class Azurite(Server):
    def __init__(self) -> None:
        super().__init__("azurite")
        if not AZURITE.exists():
            raise ServerUnavailable("Azurite is not installed: run scripts/install-test-servers")

    def command(self) -> list[str]:
        return [
            str(AZURITE),
            "--blobHost",
            "127.0.0.1",
            "--blobPort",
            str(self.port),
            "--location",
            str(self.workdir / "data"),
            "--skipApiVersionCheck",
            "--loose",
            "--disableTelemetry",
        ]

    def ready(self) -> bool:
        return _http_status(f"http://127.0.0.1:{self.port}/{AZURITE_ACCOUNT}?comp=list") is not None

    @property
    def connection_string(self) -> str:
        return (
            f"DefaultEndpointsProtocol=http;AccountName={AZURITE_ACCOUNT};"
            f"AccountKey={AZURITE_KEY};"
            f"BlobEndpoint=http://127.0.0.1:{self.port}/{AZURITE_ACCOUNT};"
        )

    def options(self) -> dict[str, object]:
        return {"connection_string": self.connection_string}


class OpenSshServer(Server):
    """sshd with throw-away host and client keys; SFTP served by internal-sftp."""

    def __init__(
        self, root: Path, *, forwarding: bool = False, extra_config: Sequence[str] = ()
    ) -> None:
        self.forwarding = forwarding  # ProxyJump tunnels through a forwarded channel
        self.extra_config = tuple(extra_config)  # e.g. "ForceCommand internal-sftp"
        if not Path("/usr/sbin/sshd").exists():
            raise ServerUnavailable("sshd is not installed: run scripts/install-test-servers")
        if os.geteuid() != 0:
            raise ServerUnavailable("sshd for the tests needs root (it logs in as root)")
        super().__init__("sshd")
        self.root = root
        self.client_key = self.workdir / "client_ed25519"
        self.other_key = self.workdir / "other_ed25519"
        for key in (self.workdir / "host_ed25519", self.client_key, self.other_key):
            subprocess.run(
                ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True
            )
        shutil.copy(f"{self.client_key}.pub", self.workdir / "authorized_keys")
        Path("/run/sshd").mkdir(parents=True, exist_ok=True)

    def command(self) -> list[str]:
        config = self.workdir / "sshd_config"
        config.write_text(
            "\n".join(
                [
                    "ListenAddress 127.0.0.1",
                    f"Port {self.port}",
                    f"HostKey {self.workdir / 'host_ed25519'}",
                    f"PidFile {self.workdir / 'sshd.pid'}",
                    f"AuthorizedKeysFile {self.workdir / 'authorized_keys'}",
                    "PermitRootLogin prohibit-password",
                    "PasswordAuthentication no",
                    "KbdInteractiveAuthentication no",
                    "StrictModes no",
                    "UsePAM no",
                    "X11Forwarding no",
                    f"AllowTcpForwarding {'yes' if self.forwarding else 'no'}",
                    "Subsystem sftp internal-sftp",
                    *self.extra_config,
                    "",
                ]
            )
        )
        return ["/usr/sbin/sshd", "-D", "-e", "-f", str(config)]

    def ready(self) -> bool:
        return _ssh_banner(self.port)

    def known_hosts_line(self) -> str:
        """The server's host key as a known_hosts line, as `ssh-keyscan` prints it."""
        scan = subprocess.run(
            ["ssh-keyscan", "-p", str(self.port), "127.0.0.1"],
            capture_output=True,
            text=True,
            check=True,
        )
        return scan.stdout

    def stop(self) -> None:
        """Stop the listener and every session it forked: connections drop, as in an outage."""
        if self.process is not None:
            for child in _descendants(self.process.pid):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(child, signal.SIGKILL)
        super().stop()

    def options(self, key: Path | None = None, user: str = "root") -> dict[str, object]:
        return {
            "port": self.port,
            "username": user,
            "key_filename": str(key or self.client_key),
            "look_for_keys": False,
            "allow_agent": False,
            "timeout": 10,
        }


class HttpServer(Server):
    def __init__(self, root: Path) -> None:
        super().__init__("http")
        self.root = root

    def command(self) -> list[str]:
        script = Path(__file__).with_name("range_http_server.py")
        return [sys.executable, str(script), str(self.port), str(self.root)]

    def ready(self) -> bool:
        return _http_status(f"http://127.0.0.1:{self.port}/") == 200

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"
