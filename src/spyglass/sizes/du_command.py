"""`spyglass du PATH_OR_URL`: the sizes of the folders under a location, largest first.

Output: one line per folder down to `--depth` (1: the folder's own
children), each folder's children largest first right after it, then the
total. Sizes are human (KiB, MiB, ...) unless `--bytes`; disk usage unless
`--apparent-size` (or the backend knows only apparent sizes, which the last
line says). Folders that could not be read are named on stderr and the
total reads "at least". Exit status, as du's: 0, or 1 when something could
not be read or the count failed; 130 on Ctrl-C.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Callable
from typing import TextIO

from spyglass.config import Config
from spyglass.format import human_size
from spyglass.jobs.terminal_run import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, run_in_terminal
from spyglass.location import Location, open_folder
from spyglass.safe_text import safe_name
from spyglass.secrets import mask_text
from spyglass.sizes.job import SizesJob
from spyglass.sizes.options import SizeOptions
from spyglass.sizes.tree import FolderSize, SizeTree

DESCRIPTION = "Print the sizes of the folders under PATH_OR_URL, largest first."


def _depth(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, not {text!r}") from None
    if number < 0:
        raise argparse.ArgumentTypeError(f"expected 0 or more, not {number}")
    return number


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("location", metavar="PATH_OR_URL", help="the folder to count")
    parser.add_argument(
        "--depth", type=_depth, default=1, metavar="N", help="folder levels shown (default 1)"
    )
    parser.add_argument("--bytes", action="store_true", help="exact byte counts")
    parser.add_argument(
        "--apparent-size", action="store_true", help="bytes of content, not blocks on disk"
    )
    parser.add_argument(
        "--cross-filesystems", action="store_true", help="count other filesystems mounted below"
    )


def _size(size: int, exact: bool) -> str:
    return f"{size}" if exact else human_size(size)


def lines(
    tree: SizeTree, depth: int, exact: bool, display: Callable[[str], str] = str
) -> list[str]:
    """The folders, each one's children largest first after it, and the total last.

    `display` shows a path (a remote one as its URL, secrets masked).
    """
    out: list[str] = []

    def show(node: FolderSize, level: int) -> None:
        for row in tree.rows(node):
            if row.folder is None:
                continue
            mark = "  (not all readable)" if row.unreadable else ""
            name = safe_name(display(tree.path_of(row.folder)))
            out.append(f"{_size(row.bytes, exact)}\t{row.files:,} files\t{name}{mark}")
            if level < depth:
                show(row.folder, level + 1)

    if depth:
        show(tree.root, 1)
    total, files, folders = tree.totals()
    bound = "at least " if tree.errors or not tree.finished else ""
    notes = "; ".join([tree.measure, *tree.notes])
    out.append(
        f"{bound}{_size(total, exact)}\t{files:,} files in {folders:,} folders\t"
        f"{safe_name(display(tree.root_path))}  (total; {notes})"
    )
    return out


def run(
    args: argparse.Namespace,
    config: Config,
    location: Location,
    *,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    backend, root = open_folder(location, "count")
    options = SizeOptions(
        apparent=args.apparent_size or config.apparent_size,
        cross_filesystems=args.cross_filesystems or config.cross_filesystems,
    )
    job = SizesJob(backend, root, options)
    if isinstance(out, io.TextIOWrapper):
        out.reconfigure(errors="backslashreplace")
    status = run_in_terminal(job, lambda tree: None, stdout=out, stderr=err)
    tree = job.tree
    for error in tree.error_list():
        print(f"spyglass: {error.sentence}", file=err)
    if status == EXIT_INTERRUPTED:
        return status
    try:
        shown = lines(tree, args.depth, args.bytes, lambda path: mask_text(backend.display(path)))
        for line in shown:
            out.write(line + "\n")
        out.flush()
    except BrokenPipeError:
        return EXIT_OK
    if status == EXIT_FAILED or tree.error_list():
        return EXIT_FAILED
    return EXIT_OK
