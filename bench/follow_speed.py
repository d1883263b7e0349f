"""How fast `spyglass cat --follow` shows a written line, and what following 100 MB costs.

    python -m bench.follow_speed [--appends 50] [--megabytes 100] [--sftp] [--tui]

Latency: from `write()` of one line to that line on the child's stdout (a
pipe), median and max over `--appends` appends a little apart; locally, and
with `--sftp` over the loopback OpenSSH server of the tests. With `--tui`,
also to the line on the screen of the app following the log (`F`), in a
pseudo-terminal (bench.follow_screen), `--gap` seconds apart on average. Memory: the
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
from collections.abc import Sequence
from pathlib import Path

from bench.follow_screen import ScreenFollow, screen_latency
from bench.loopback_sftp import loopback_sftp

SOURCE = str(Path(__file__).resolve().parents[1] / "src")


def _start(target: Sequence[str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "spyglass", "cat", "-f", *target],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": SOURCE},
    )


def _readline(process: subprocess.Popen[bytes], timeout: float = 10.0) -> bytes:
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], timeout)
    if not ready:
        raise TimeoutError("no line in time")
    return process.stdout.readline()


def latency(log: Path, target: Sequence[str], appends: int) -> list[float]:
    log.write_text("first\n")
    process = _start(target)
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
    process = _start([str(log)])
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


def _row(name: str, times: list[float]) -> str:
    ms = [t * 1000 for t in times]
    return f"{name:<32} median {statistics.median(ms):7.1f} ms   max {max(ms):7.1f} ms"


def _tui_row(name: str, result: ScreenFollow, appends: int) -> str:
    if not result.times:
        return f"{name:<32} no line on screen: {result.missed}"
    row = _row(name, result.times)
    return (
        row if result.missed is None else f"{row}   {len(result.times)}/{appends}: {result.missed}"
    )


def _tui(log: Path, target: Sequence[str], args: argparse.Namespace) -> ScreenFollow:
    return screen_latency(
        log, target, appends=args.appends, gap=args.gap, line_timeout=args.line_timeout
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--appends", type=int, default=50)
    parser.add_argument("--megabytes", type=int, default=100, help="0: no memory figure")
    parser.add_argument("--sftp", action="store_true")
    parser.add_argument("--tui", action="store_true", help="also time the line on the app's screen")
    parser.add_argument("--gap", type=float, default=0.3, help="mean seconds between TUI appends")
    parser.add_argument("--line-timeout", type=float, default=5.0, help="per line, on screen")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        log = root / "local.log"
        print(_row("local, cat -f stdout", latency(log, [str(log)], args.appends)))
        if args.tui:
            print(_tui_row("local, TUI screen", _tui(log, [str(log)], args), args.appends))
        if args.sftp:
            log = root / "sftp.log"
            with loopback_sftp(root) as server:
                print(_row("sftp, cat -f stdout", latency(log, server.args(log), args.appends)))
                if args.tui:
                    result = _tui(log, server.args(log), args)
                    print(_tui_row("sftp, TUI screen", result, args.appends))
        if args.megabytes > 0:
            before, peak, after = memory(root / "big.log", args.megabytes)
            print(
                f"RSS of cat -f while the log grows {args.megabytes} MB: "
                f"{before:.1f} MiB before, {peak:.1f} MiB peak, {after:.1f} MiB after"
            )


if __name__ == "__main__":
    main()
