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

from spyglass.errors import SpyglassError, cause_of, describe
from spyglass.format import count, human_size
from spyglass.fs.backend import Backend
from spyglass.fs.entry import Entry, Kind
from spyglass.safe_text import safe_name
from spyglass.secrets import mask_text

CHUNK_SIZE = 4 * 1024 * 1024
MAX_DEPTH = 100
_NO_HARD_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK}
# Failures of the destination as a whole: every later file would fail the same way.
_DESTINATION_FAILED = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EIO}
_NAME_MAX = 255  # bytes, where the local filesystem does not say
# How many left-out entries the summary names; the count says how many more.
SUMMARY_SHOWN = 3


class DownloadError(SpyglassError):
    """The download cannot start; the message is a sentence."""


class DownloadCancelled(SpyglassError):
    """The user stopped the download while its folders were being listed."""


@dataclass(frozen=True, slots=True)
class Skipped:
    """An entry left out on purpose (a link loop, a fifo, a file that exists)."""

    path: str
    reason: str

    @property
    def sentence(self) -> str:
        return mask_text(safe_name(f"Skipped {self.path}: {self.reason}."))


@dataclass(frozen=True, slots=True)
class Step:
    """Create one folder or copy one file, in the order the copy runs."""

    source: str
    target: Path
    relative: str
    is_folder: bool = False
    size: int | None = None
    mode: int | None = None


@dataclass
class DownloadPlan:
    """Everything one download will do, learned with one listing call per folder."""

    source: Entry
    target: Path
    steps: list[Step] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    name_max: int = _NAME_MAX  # bytes in a name, as the destination's filesystem allows

    @property
    def files(self) -> list[Step]:
        return [step for step in self.steps if not step.is_folder]

    @property
    def total_bytes(self) -> int | None:
        """The sum of the listed sizes, or None when a store did not say."""
        sizes = [step.size for step in self.files]
        if any(size is None for size in sizes):
            return None
        return sum(size for size in sizes if size is not None)


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


def destination_folder(text: str) -> Path:
    """The folder typed by the user, absolute; it must exist."""
    folder = Path(os.path.expanduser(text.strip() or "."))
    folder = Path(os.path.abspath(folder))
    if not folder.is_dir():
        raise DownloadError(f"Cannot download to {folder}: it is not an existing folder.")
    return folder


def _name_problem(name: str, name_max: int = _NAME_MAX) -> str | None:
    """Why a name from a listing is not written to the local disk, if it is not.

    It must not climb out of the destination, must fit the local filesystem, and
    must not carry escape sequences into later `ls` output and shell scripts.
    """
    if name in ("", ".", "..") or "/" in name or os.sep in name or "\0" in name:
        return "its name cannot be used as a local file name"
    if os.altsep and os.altsep in name:
        return "its name cannot be used as a local file name"
    if any(_is_control(char) for char in name):
        return "its name holds control characters (escape sequences), so it is not written"
    size = len(os.fsencode(name))
    if size > name_max:
        return f"its name is {size:,} bytes long; the local filesystem allows {name_max:,}"
    return None


def _is_control(char: str) -> bool:
    code = ord(char)
    return code < 0x20 or 0x7F <= code < 0xA0


def _name_max(folder: Path) -> int:
    try:
        return int(os.pathconf(folder, "PC_NAME_MAX"))
    except (OSError, ValueError, AttributeError):
        return _NAME_MAX


def _skip_reason(entry: Entry, name_max: int = _NAME_MAX) -> str | None:
    problem = _name_problem(entry.name, name_max)
    if problem:
        return problem
    if entry.kind is Kind.SYMLINK:
        return entry.error or "it is a link that was not followed"
    if entry.kind.is_special:
        return entry.error or f"it is a {entry.kind.value}; only files and folders are copied"
    if entry.error:
        return entry.error
    return None


def _identity(backend: Backend, path: str) -> str:
    """Where a folder really is, so a link back to a folder above it is seen as a loop."""
    if backend.capabilities.local_paths:
        return os.path.realpath(path)
    return path.rstrip("/") or path


def plan_download(
    backend: Backend,
    entry: Entry,
    destination: str | Path,
    *,
    cancelled: Callable[[], bool] | None = None,
    on_folder: Callable[[str], None] | None = None,
) -> DownloadPlan:
    """List what `entry` holds and where each part will go; nothing is written."""
    folder = destination_folder(str(destination))
    shown = backend.display(entry.path)
    name_max = _name_max(folder)
    bad_name = _name_problem(entry.name, name_max)
    if bad_name:
        raise DownloadError(mask_text(f"Cannot download {shown}: {bad_name}."))
    plan = DownloadPlan(entry, folder / entry.name, name_max=name_max)
    problem = _skip_reason(entry, name_max)
    if problem:
        plan.skipped.append(Skipped(shown, problem))
    elif entry.is_folder:
        _walk(backend, plan, cancelled or _never, on_folder)
    else:
        plan.steps.append(
            Step(entry.path, plan.target, entry.name, size=entry.size, mode=entry.mode)
        )
    return plan


def _walk(
    backend: Backend,
    plan: DownloadPlan,
    cancelled: Callable[[], bool],
    on_folder: Callable[[str], None] | None,
) -> None:
    root = plan.source
    stack: list[tuple[str, Path, str, tuple[str, ...]]] = [
        (root.path, plan.target, root.name, (_identity(backend, root.path),))
    ]
    while stack:
        if cancelled():
            raise DownloadCancelled("The download was cancelled.")
        path, target, relative, ancestors = stack.pop()
        shown = backend.display(path)
        if on_folder is not None:
            on_folder(relative)
        children: list[Entry] = []
        try:
            for batch in backend.list_batches(path):
                if cancelled():
                    raise DownloadCancelled("The download was cancelled.")
                children.extend(batch)
        except DownloadCancelled:
            raise
        except Exception as exc:  # one unreadable folder must not stop the rest
            plan.errors.append(describe(exc, "list", shown))
            continue
        children.sort(key=lambda child: child.sort_key)
        plan.steps.append(Step(path, target, relative, is_folder=True))
        folders: list[tuple[str, Path, str, tuple[str, ...]]] = []
        for child in children:
            child_relative = f"{relative}/{child.name}"
            reason = _skip_reason(child, plan.name_max)
            if reason is None and child.is_folder:
                identity = _identity(backend, child.path)
                if identity in ancestors:
                    reason = "symlink loop: it leads back to a folder above it"
                elif len(ancestors) >= MAX_DEPTH:
                    reason = f"folders nested more than {MAX_DEPTH} deep are not copied"
                else:
                    item = (child.path, target / child.name, child_relative, (*ancestors, identity))
                    folders.append(item)
                    continue
            if reason is not None:
                plan.skipped.append(Skipped(backend.display(child.path), reason))
                continue
            plan.steps.append(
                Step(
                    child.path,
                    target / child.name,
                    child_relative,
                    size=child.size,
                    mode=child.mode,
                )
            )
        stack.extend(reversed(folders))


def existing_targets(plan: DownloadPlan) -> list[Path]:
    """Target paths that are already there, so the user can be asked before overwriting.

    A folder that exists is merged into, so it only counts when a file is in its way.
    """
    found: list[Path] = []
    for step in plan.steps:
        if step.is_folder:
            if os.path.lexists(step.target) and not step.target.is_dir():
                found.append(step.target)
        elif os.path.lexists(step.target):
            found.append(step.target)
    return found


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
