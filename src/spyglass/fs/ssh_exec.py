"""Commands on an SSH host, over the connection the SFTP channels already use.

sshd hands the command line to the user's login shell, so an argument vector
becomes one line in which every argument is quoted (`shlex.quote`): a pattern
such as `'; touch /tmp/x; '` or `$(id)` reaches the program as that text. A
probe checks once per connection that the shell reads such quoting as a POSIX
shell does (fish and csh do not), and that the server runs commands at all
(an account limited to SFTP does not).

Each command gets a session channel of its own: the SFTP channels other
threads use are untouched. Closing a channel does not end the remote program
(sshd signals it only with a terminal), so every command runs under a small
watchdog that ends it when its standard input closes, which closing the
channel does.
"""

from __future__ import annotations

import shlex
import threading
import time
from collections.abc import Callable, Generator, Iterator, Sequence

import paramiko

from spyglass.errors import cause_of
from spyglass.fs.backend import CommandFailed, ExecRefused
from spyglass.safe_text import safe_name

POLL = 0.1  # seconds between yields while the command is silent, for cancellation checks
CHUNK = 256 * 1024
STDERR_KEPT = 20  # lines of standard error kept for the failure sentence
STDERR_LINE = 500  # characters kept of each such line
# Quotes, $(), backquotes, a backslash, !, a newline and a glob: printed back unchanged
# only by a shell that reads shlex.quote's quoting as POSIX sh does.
PROBE = "ok '\"$(x)`y`\\!\n*"

# "$@" is the command; it runs in the background with stdin from /dev/null while
# `cat` waits on the channel's stdin (kept as fd 3). EOF there (the channel closed,
# or the connection dropped) kills the command. The exit status is the command's.
_WATCHDOG = (
    'exec 3<&0 0</dev/null; "$@" 3<&- & p=$!; '
    '{ cat <&3 >/dev/null 2>&1; kill "$p" 2>/dev/null; } >/dev/null 2>&1 & '
    'exec 3<&-; wait "$p"'
)

StderrLine = Callable[[str], None]


def command_line(argv: Sequence[str]) -> str:
    """The line sshd gives the login shell: the watchdog, then every argument quoted."""
    if not argv:
        raise ValueError("an empty command")
    return shlex.join(["sh", "-c", _WATCHDOG, "sh", *argv])


def _decode(data: bytes) -> str:
    return data.decode("utf-8", errors="surrogateescape")


class ChannelRefused(ExecRefused):
    """No channel for a command now (sshd's MaxSessions reached, say): may pass, not remembered."""


def _refused(why: str) -> ExecRefused:
    return ExecRefused(f"the server does not run commands for this user: {why}")


def _open(transport: paramiko.Transport, line: str, timeout: float) -> paramiko.Channel:
    """A session channel running `line`; ExecRefused if the server will not run it."""
    try:
        channel = transport.open_session(timeout=timeout)
    except (paramiko.SSHException, OSError) as exc:
        if not transport.is_active():
            raise
        raise ChannelRefused(
            f"the server opened no channel for a command ({cause_of(exc)})"
        ) from exc
    # exec_command waits for the server's answer without a limit: closing the
    # channel ends that wait
    timer = threading.Timer(timeout, channel.close)
    timer.daemon = True
    timer.start()
    try:
        channel.exec_command(line)
    except (paramiko.SSHException, OSError) as exc:
        channel.close()
        if not transport.is_active():
            raise
        if not timer.is_alive():
            raise TimeoutError(f"the server did not start the command in {timeout:g} s") from exc
        raise _refused("it refused to run a command") from exc
    finally:
        timer.cancel()
    channel.settimeout(POLL)
    return channel


def check_exec(transport: paramiko.Transport, timeout: float) -> None:
    """One round trip: raises ExecRefused unless commands run, quoted as sent.

    The probe's stdin is closed at once: under `ForceCommand internal-sftp` the
    "command" is an SFTP server waiting for its client, which then ends with no
    output instead of waiting out the timeout.
    """
    channel = _open(transport, shlex.join(["printf", "%s", PROBE]), timeout)
    out, errors = bytearray(), _Stderr(None)
    try:
        channel.shutdown_write()
        deadline = time.monotonic() + timeout
        for data in _drain(channel, errors):
            out += data
            if time.monotonic() > deadline:
                raise _refused(f"a test command did not finish in {timeout:g} s")
        status = channel.recv_exit_status() if channel.status_event.wait(timeout) else None
    finally:
        channel.close()
    if status == 0 and bytes(out) == PROBE.encode():
        return
    if status == 0 and out:
        raise _refused("its login shell does not read POSIX sh quoting (fish or csh?)")
    said = [line for line in errors.kept if line.strip()] or _decode(bytes(out)).splitlines()
    detail = f" ({safe_name(said[0].strip()[:STDERR_LINE])})" if said else ""
    raise _refused(f"a test command gave nothing back{detail}")


def _drain(channel: paramiko.Channel, errors: _Stderr) -> Iterator[bytes]:
    """Standard output until EOF (b"" each POLL of silence); standard error fed to `errors`."""
    while True:
        while channel.recv_stderr_ready():
            errors.feed(channel.recv_stderr(CHUNK))
        try:
            data = channel.recv(CHUNK)
        except TimeoutError:
            yield b""
            continue
        if not data:  # EOF: in SSH it covers standard error too
            while channel.recv_stderr_ready():
                errors.feed(channel.recv_stderr(CHUNK))
            errors.flush()
            return
        yield data


class _Stderr:
    """Standard error split into lines as it comes; the last few kept for a sentence."""

    def __init__(self, on_line: StderrLine | None) -> None:
        self.on_line = on_line
        self.partial = b""
        self.kept: list[str] = []

    def feed(self, data: bytes) -> None:
        *lines, self.partial = (self.partial + data).split(b"\n")
        for line in lines:
            self._line(line)

    def flush(self) -> None:
        if self.partial:
            self._line(self.partial)
            self.partial = b""

    def _line(self, raw: bytes) -> None:
        text = _decode(raw.rstrip(b"\r"))
        self.kept = [*self.kept[-(STDERR_KEPT - 1) :], text[:STDERR_LINE]]
        if self.on_line is not None:
            self.on_line(text)


def stream(
    transport: paramiko.Transport,
    argv: Sequence[str],
    *,
    timeout: float,
    on_stderr: StderrLine | None = None,
) -> Generator[bytes, None, None]:
    """Run `argv` on the host; yield its standard output as it comes.

    Yields b"" when nothing came for POLL seconds, so the caller can check for
    cancellation; closing the iterator closes the channel, which ends the remote
    program. `timeout` bounds starting the command; the command itself may take
    as long as it needs. A status other than 0 raises CommandFailed after the
    last output.
    """
    channel = _open(transport, command_line(argv), timeout)
    errors = _Stderr(on_stderr)
    try:
        yield from _drain(channel, errors)
        while not channel.status_event.wait(POLL):
            yield b""
        status = channel.recv_exit_status()
    finally:
        _close(channel)
    if status != 0:
        raise _failed(argv[0], status, errors.kept)


def _close(channel: paramiko.Channel) -> None:
    """EOF first (the watchdog ends the program), then the channel itself."""
    try:
        if not channel.closed:
            channel.shutdown_write()
    except (paramiko.SSHException, OSError, EOFError):
        pass
    channel.close()


def _failed(program: str, status: int, stderr: list[str]) -> CommandFailed:
    shown = safe_name(program)
    if status == 127:
        return CommandFailed(f"the server has no {shown}", status, stderr)
    last = next((line for line in reversed(stderr) if line.strip()), "")
    if status == -1:
        why = "it was stopped by a signal or the connection closed"
    else:
        why = f"exit status {status}"
    detail = f": {safe_name(last.strip())}" if last else ""
    return CommandFailed(f"{shown} on the server failed ({why}){detail}", status, stderr)
