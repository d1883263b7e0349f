"""The child's side: cap its own address space, then run calls until the pipe closes."""

from __future__ import annotations

import os
import pickle
import signal
import sys
from multiprocessing.connection import Connection

from spyglass.sandbox.parent_backend import ParentBackend
from spyglass.sandbox.wire import Call, Raised, Returned

_PR_SET_PDEATHSIG = 1
_parent_pid = os.getppid()


def _address_space() -> int:
    """Bytes of address space mapped now (Linux); 0 where unknown."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _cap_memory(memory_bytes: int) -> None:
    """A hard cap on top of what is mapped after the imports, so one huge allocation
    fails at once (MemoryError) instead of growing until the parent's watch kills it."""
    try:
        import resource
    except ImportError:  # not on this platform: the parent's watch still holds
        return
    mapped = _address_space()
    if not mapped:
        return
    # Thread stacks and allocator arenas are address space but hardly memory: room for them.
    limit = mapped + 2 * memory_bytes
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _die_with_parent() -> None:
    """Linux: the kernel kills the child when the app ends, even killed mid-decode."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # without it the child still ends at EOF on its pipe
        pass
    if os.getppid() != _parent_pid:  # the app ended before the request took
        os._exit(1)


def _raised(exc: BaseException) -> Raised:
    """The exception itself when it survives pickling, else a plain one with its text."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return Raised(RuntimeError(f"{type(exc).__name__}: {exc}"))
    return Raised(exc)


def serve(conn: Connection, memory_bytes: int, preload: tuple[str, ...] = ()) -> None:
    """Run each `Call` that comes, answer with `Returned` or `Raised`; stop at EOF."""
    for module in preload:
        __import__(module)
    _cap_memory(memory_bytes)
    while True:
        try:
            call: Call = conn.recv()
        except (EOFError, OSError):
            return
        args = call.args
        if call.backend is not None:
            args = (ParentBackend(conn, call.backend), *args)
        try:
            value = call.task(*args)
        except MemoryError:
            # The heap may be in pieces now: say why, and let the parent start a fresh child.
            conn.send(Raised(MemoryError()))
            sys.exit(1)
        except BaseException as exc:  # every failure goes back to the parent as a result
            conn.send(_raised(exc))
            continue
        try:
            conn.send(Returned(value))
        except Exception as exc:  # an unpicklable result is the task's bug: say so
            conn.send(_raised(exc))


def main(argv: list[str]) -> None:
    """`python -m spyglass.sandbox.child FD MEMORY_BYTES [MODULE ...]`, started by `Worker`."""
    _die_with_parent()
    fd, memory_bytes, *preload = argv
    serve(Connection(int(fd)), int(memory_bytes), tuple(preload))


if __name__ == "__main__":
    main(sys.argv[1:])
