"""How fast `spyglass cat --follow` shows a written line, and what following 100 MB costs.

    python -m bench.follow_speed [--appends 50] [--megabytes 100] [--sftp]

Latency: from `write()` of one line to that line on the child's stdout (a
pipe), median and max over `--appends` appends a little apart; locally, and
with `--sftp` over the loopback OpenSSH server of the tests. Memory: the
child's resident size (VmRSS) before and after the log grows by `--megabytes`.
"""

from __future__ import annotations

import argparse
import os
import select
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SOURCE = str(Path(__file__).resolve().parents[1] / "src")


def _start(target_: str, env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "spyglass", "cat", "-f", target_],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": SOURCE, **env},
    )


def _readline(process: subprocess.Popen[bytes], timeout: float = 10.0) -> bytes:
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], timeout)
    if not ready:
        raise TimeoutError("no line in time")
    return process.stdout.readline()


def latency(log: Path, target: str, appends: int, env: dict[str, str]) -> list[float]:
    log.write_text("first\n")
    process = _start(target, env)
    try:
        assert _readline(process, 30) == b"first\n"
        times = []
        for n in range(appends):
            time.sleep(0.15)
            with log.open("a") as handle:
                started = time.perf_counter()
                handle.write(f"append {n}\n")
                handle.flush()
            line = _readline(process)
            times.append(time.perf_counter() - started)
            assert line == f"append {n}\n".encode(), line
        return times
    finally:
        process.terminate()
        process.wait()


def _rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def memory(log: Path, megabytes: int) -> tuple[float, float, float]:
    log.write_text("start\n")
    process = _start(str(log), {})
    assert process.stdout is not None
    try:
        assert _readline(process, 30) == b"start\n"
        before = _rss_mib(process.pid)
        line = b"x" * 99 + b"\n"
        block = line * 10_000  # 1 MB
        peak = before
        with log.open("ab") as handle:
            for _ in range(megabytes):
                handle.write(block)
                handle.flush()
                while select.select([process.stdout], [], [], 0)[0]:
                    os.read(process.stdout.fileno(), 1 << 20)
                peak = max(peak, _rss_mib(process.pid))
        drained = time.monotonic() + 30
        while time.monotonic() < drained:
            if not select.select([process.stdout], [], [], 0.5)[0]:
                break
            os.read(process.stdout.fileno(), 1 << 20)
            peak = max(peak, _rss_mib(process.pid))
        return before, peak, _rss_mib(process.pid)
    finally:
        process.terminate()
        process.wait()


def _sftp_case(folder: Path) -> tuple[str, dict[str, str]]:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.remote.servers import OpenSshServer

    server = OpenSshServer(folder)
    server.start()
    known_hosts = server.workdir / "known_hosts"
    known_hosts.write_text(server.known_hosts_line())
    options = {**server.options(), "known_hosts": str(known_hosts)}
    options.pop("port")
    args = [f"-k{key}={value}" for key, value in options.items()]
    _SFTP_SERVERS.append(server)
    return f"sftp://root@127.0.0.1:{server.port}{folder}/sftp.log " + " ".join(args), {}


_SFTP_SERVERS: list[object] = []


def _row(name: str, times: list[float]) -> str:
    ms = [t * 1000 for t in times]
    return f"{name:<32} median {statistics.median(ms):7.1f} ms   max {max(ms):7.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--appends", type=int, default=50)
    parser.add_argument("--megabytes", type=int, default=100)
    parser.add_argument("--sftp", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        log = root / "local.log"
        print(_row("local, cat -f stdout", latency(log, str(log), args.appends, {})))
        if args.sftp:
            target, env = _sftp_case(root)
            global _start
            plain_start = _start

            def start_sftp(target_: str, env: dict[str, str]) -> subprocess.Popen[bytes]:
                url, *options = target.split(" ")
                return subprocess.Popen(
                    [sys.executable, "-m", "spyglass", "cat", "-f", url, *options],
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                    env={**os.environ, "PYTHONPATH": SOURCE, **env},
                )

            _start = start_sftp
            try:
                times = latency(root / "sftp.log", target, args.appends, env)
                print(_row("sftp, cat -f stdout", times))
            finally:
                _start = plain_start
                for server in _SFTP_SERVERS:
                    server.cleanup()  # type: ignore[attr-defined]
        before, peak, after = memory(root / "big.log", args.megabytes)
        print(
            f"RSS of cat -f while the log grows {args.megabytes} MB: "
            f"{before:.1f} MiB before, {peak:.1f} MiB peak, {after:.1f} MiB after"
        )


if __name__ == "__main__":
    main()
