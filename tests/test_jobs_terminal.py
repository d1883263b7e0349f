"""A job on the command line: a closed pipe ends it quietly, Ctrl-C cancels it cleanly."""

from __future__ import annotations

import io
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager

from spyglass.jobs.context import JobContext
from spyglass.jobs.terminal_run import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, run_in_terminal

# A job that counts for ever, a line every `pause` seconds, and says when it stopped.
ENDLESS = textwrap.dedent(
    """
    import sys
    from spyglass.jobs.terminal_run import run_in_terminal

    class Count:
        action = "count"

        def run(self, context):
            number = 0
            try:
                while True:
                    number += 1
                    context.emit(number)
                    context.sleep({pause})
            finally:
                sys.stderr.write(f"stopped at {{number}}\\n")

    status = run_in_terminal(Count(), print, interval={interval})
    print("end")  # later output, such as a summary, must not fail either
    sys.exit(status)
    """
)


@contextmanager
def endless(pause: float, interval: float) -> Iterator[subprocess.Popen[bytes]]:
    code = ENDLESS.format(pause=pause, interval=interval)
    process = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)


def test_a_closed_stdout_ends_the_job_quietly() -> None:
    with endless(pause=0.0, interval=0.01) as process:
        assert process.stdout is not None and process.stderr is not None
        assert process.stdout.readline() == b"1\n"
        process.stdout.close()  # the reader goes away, as `| head -1` does
        assert process.wait(timeout=10) == EXIT_OK
        errors = process.stderr.read().decode()
    assert errors.startswith("stopped at ") and errors.count("\n") == 1  # no traceback


def test_ctrl_c_cancels_and_keeps_what_was_printed() -> None:
    with endless(pause=0.02, interval=0.0) as process:
        assert process.stdout is not None and process.stderr is not None
        assert process.stdout.readline() == b"1\n"
        assert process.stdout.readline() == b"2\n"
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == EXIT_INTERRUPTED
        rest = process.stdout.read().decode().split()
        errors = process.stderr.read().decode()
    assert rest[-1] == "end"
    rest = rest[:-1]
    assert rest == [str(number) for number in range(3, 3 + len(rest))]  # in order, none lost
    assert errors.startswith("stopped at ") and "Traceback" not in errors


class Failing:
    action = "search /srv/logs"

    def run(self, context: JobContext[str]) -> None:
        context.emit("first.log")
        raise FileNotFoundError(2, "No such file or directory")


def test_a_failure_is_one_line_on_stderr_after_the_results() -> None:
    out, err = io.StringIO(), io.StringIO()
    status = run_in_terminal(Failing(), lambda name: print(name, file=out), stdout=out, stderr=err)
    assert status == EXIT_FAILED
    assert out.getvalue() == "first.log\n"
    assert err.getvalue() == (
        "spyglass: Cannot search /srv/logs: "
        "it does not exist (it may have been moved or deleted).\n"
    )


class Finds:
    action = "search here"

    def run(self, context: JobContext[str]) -> None:
        for name in ("a", "b", "c"):
            context.emit(name)


def test_a_finished_job_prints_every_result_and_exits_zero() -> None:
    out, err = io.StringIO(), io.StringIO()
    status = run_in_terminal(Finds(), lambda name: print(name, file=out), stdout=out, stderr=err)
    assert (status, out.getvalue(), err.getvalue()) == (EXIT_OK, "a\nb\nc\n", "")
