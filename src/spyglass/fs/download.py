"""Copy a file or folder from any backend to a local folder, chunk by chunk.

The same code serves local disks and remote stores: folders are listed once
each with `list_batches` and files are read with bounded `read_range` calls, so
no whole object is ever held in memory. Each file is written under a temporary
name and renamed when complete, so a cancelled or failed copy never leaves a
partial file under the final name.
"""

from __future__ import annotations

import contextlib
import errno
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from spyglass.errors import cause_of, describe
from spyglass.format import count, human_size
from spyglass.fs.backend import Backend
from spyglass.fs.download_plan import (
    DownloadCancelled,
    DownloadError,
    DownloadPlan,
    Skipped,
    Step,
    destination_folder,
    existing_targets,
    plan_download,
)
from spyglass.fs.entry import Entry
from spyglass.secrets import mask_text

# The planning half is imported from here too: one module to import for a download.
__all__ = [
    "DownloadCancelled",
    "DownloadError",
    "DownloadPlan",
    "DownloadProgress",
    "DownloadResult",
    "Skipped",
    "Step",
    "destination_folder",
    "download",
    "existing_targets",
    "plan_download",
    "run_download",
    "summary",
]

CHUNK_SIZE = 4 * 1024 * 1024
_NO_HARD_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK}
# Failures of the destination as a whole: every later file would fail the same way.
_DESTINATION_FAILED = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EIO}
# How many left-out entries the summary names; the count says how many more.
SUMMARY_SHOWN = 3


@dataclass(frozen=True, slots=True)
class DownloadProgress:
    done_bytes: int
    total_bytes: int | None
    current: str
    files_done: int
    files_total: int


@dataclass
class DownloadResult:
    destination: Path
    files: int = 0
    bytes: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    cancelled: bool = False


ProgressCallback = Callable[[DownloadProgress], None]


def _never() -> bool:
    return False


class _SourceFailed(Exception):
    """Reading the source failed: the other files can still be copied."""


class _Exists(Exception):
    """The target appeared and overwriting was not allowed."""


class _Stopped(Exception):
    """Cancelled between two chunks."""


@dataclass
class _Tally:
    """Running totals that feed the progress callback."""

    callback: ProgressCallback | None
    total: int | None
    files_total: int
    done: int = 0
    files_done: int = 0
    current: str = ""

    def report(self) -> None:
        if self.callback is not None:
            self.callback(
                DownloadProgress(
                    self.done, self.total, self.current, self.files_done, self.files_total
                )
            )


def run_download(
    backend: Backend,
    plan: DownloadPlan,
    *,
    overwrite: bool = False,
    progress: ProgressCallback | None = None,
    cancelled: Callable[[], bool] | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> DownloadResult:
    """Carry out a plan; files that exist are kept unless `overwrite`.

    An entry that cannot be read or written is skipped with its reason and the
    rest is copied; only a failure of the whole destination (full, read-only)
    stops the copy.
    """
    is_cancelled = cancelled or _never
    result = DownloadResult(plan.target, skipped=list(plan.skipped), errors=list(plan.errors))
    files = plan.files
    tally = _Tally(progress, plan.total_bytes, len(files))
    failed_folders: set[Path] = set()
    for index, step in enumerate(plan.steps):
        if is_cancelled():
            result.cancelled = True
            break
        if step.target.parent in failed_folders:  # already said for the folder
            if step.is_folder:
                failed_folders.add(step.target)
            else:
                _leave_out(tally, step)
            continue
        if step.is_folder:
            try:
                step.target.mkdir(exist_ok=True)
            except OSError as exc:
                if _stop_for(exc, result, step, plan.steps[index:]):
                    break
                failed_folders.add(step.target)
                reason = (
                    f"the folder cannot be created, so nothing in it is copied: {cause_of(exc)}"
                )
                result.skipped.append(Skipped(backend.display(step.source), reason))
            continue
        if not overwrite and os.path.lexists(step.target):
            _keep_existing(result, tally, step)
            continue
        tally.current = step.relative
        tally.report()
        done_before = tally.done
        try:
            copied = _copy_file(backend, step, overwrite, chunk_size, is_cancelled, tally)
        except _Stopped:
            result.cancelled = True
            break
        except _SourceFailed as exc:
            result.errors.append(str(exc))
            tally.done = done_before
            _leave_out(tally, step)
            continue
        except _Exists:
            _keep_existing(result, tally, step)
            continue
        except OSError as exc:  # the destination refused this file (its name, its folder)
            if _stop_for(exc, result, step, plan.steps[index:]):
                break
            reason = f"it cannot be written to {step.target}: {cause_of(exc)}"
            result.skipped.append(Skipped(backend.display(step.source), reason))
            tally.done = done_before
            _leave_out(tally, step)
            continue
        result.files += 1
        result.bytes += copied
        tally.files_done += 1
        tally.report()
    return result


def _stop_for(exc: OSError, result: DownloadResult, step: Step, rest: list[Step]) -> bool:
    """A full or read-only destination ends the copy, with what was not copied."""
    if exc.errno not in _DESTINATION_FAILED:
        return False
    left = sum(1 for later in rest if not later.is_folder)
    sentence = describe(exc, "write", str(step.target))
    if left:
        sentence += f" {count(left, 'file')} not copied."
    result.errors.append(sentence)
    return True


def _leave_out(tally: _Tally, step: Step) -> None:
    """A file that will not be copied no longer counts towards the progress totals."""
    if tally.total is not None and step.size is not None:
        tally.total -= step.size
    tally.files_total -= 1


def _keep_existing(result: DownloadResult, tally: _Tally, step: Step) -> None:
    result.skipped.append(Skipped(str(step.target), "it already exists and was kept"))
    _leave_out(tally, step)


def _copy_file(
    backend: Backend,
    step: Step,
    overwrite: bool,
    chunk_size: int,
    cancelled: Callable[[], bool],
    tally: _Tally,
) -> int:
    temp, fd = _create_temp(step.target.parent, step.mode)
    finished = False
    try:
        offset = 0
        with os.fdopen(fd, "wb") as out:
            while step.size is None or offset < step.size:
                if cancelled():
                    raise _Stopped
                try:
                    data = backend.read_range(step.source, offset, chunk_size)
                except Exception as exc:  # any backend error: a sentence, then the next file
                    message = describe(exc, "download", backend.display(step.source))
                    raise _SourceFailed(message) from exc
                if not data:
                    break
                out.write(data)
                offset += len(data)
                tally.done += len(data)
                tally.report()
                if len(data) < chunk_size:
                    break
        if cancelled():
            raise _Stopped
        _finish(temp, step.target, overwrite)
        finished = True
        return offset
    finally:
        if not finished:
            with contextlib.suppress(OSError):
                os.unlink(temp)


def _create_temp(folder: Path, mode: int | None) -> tuple[Path, int]:
    """A new file beside the target; the umask applies as for any new file."""
    permissions = 0o777 if mode is not None and mode & 0o111 else 0o666
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        temp = folder / f".spyglass-{uuid.uuid4().hex[:12]}.part"
        try:
            return temp, os.open(temp, flags, permissions)
        except FileExistsError:
            continue


def _finish(temp: Path, target: Path, overwrite: bool) -> None:
    """Give the complete file its name; without `overwrite`, never replace one."""
    if overwrite:
        os.replace(temp, target)
        return
    try:
        os.link(temp, target)  # fails if the target exists: no window for a race
    except FileExistsError:
        raise _Exists from None
    except OSError as exc:
        if exc.errno not in _NO_HARD_LINKS:
            raise
        if os.path.lexists(target):
            raise _Exists from None
        os.replace(temp, target)
        return
    os.unlink(temp)


def download(
    backend: Backend,
    entry: Entry,
    destination: str | Path,
    *,
    overwrite: bool = False,
    progress: ProgressCallback | None = None,
    cancelled: Callable[[], bool] | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> DownloadResult:
    """Plan and copy in one go, for callers that need not ask about existing files."""
    plan = plan_download(backend, entry, destination, cancelled=cancelled)
    return run_download(
        backend,
        plan,
        overwrite=overwrite,
        progress=progress,
        cancelled=cancelled,
        chunk_size=chunk_size,
    )


def summary(result: DownloadResult) -> str:
    """One notification: what was copied where, then what was left out and why."""
    size = human_size(result.bytes)
    where = str(result.destination)
    if result.cancelled:
        if result.files:
            copied = f"{count(result.files, 'file')} ({size})"
            text = f"Download cancelled after {copied}; they stay in {where}."
        else:
            text = "Download cancelled; nothing was copied."
    elif result.files:
        text = f"Downloaded {count(result.files, 'file')} ({size}) to {where}."
    elif result.errors or result.skipped:
        text = "Nothing was downloaded."
    else:
        text = f"Downloaded an empty folder to {where}."
    notes = [*result.errors, *(skip.sentence for skip in result.skipped)]
    if len(notes) > 1:
        text += f" {len(notes):,} entries left out:"
    text += "".join(f" {note}" for note in notes[:SUMMARY_SHOWN])
    if len(notes) > SUMMARY_SHOWN:
        text += f" And {len(notes) - SUMMARY_SHOWN:,} more."
    return mask_text(text)
