"""What a download will do: the folders to create and the files to copy, planned up front.

Planning lists every folder once (`list_batches`), leaves out what cannot or
should not be written locally (links that loop, fifos, names the local disk
refuses) with a reason, and names the targets that already exist so the user
can be asked before anything is overwritten.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from spyglass.errors import SpyglassError, describe
from spyglass.fs.backend import Backend
from spyglass.fs.entry import Entry, Kind
from spyglass.safe_text import safe_name
from spyglass.secrets import mask_text

MAX_DEPTH = 100
_NAME_MAX = 255  # bytes, where the local filesystem does not say


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
