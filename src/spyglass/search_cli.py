"""`spyglass find` and `spyglass grep`: a search printed as it goes, like fd and grep -rn.

Exit status: 0 when something matched, 1 when nothing did, 2 on an error
(the location, the pattern, or a folder or file that could not be searched,
as grep and rg count it). Ctrl-C stops with 130; a closed pipe (`| head`)
ends the search quietly with 0.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal, TextIO

from spyglass.config import Config, parse_size
from spyglass.jobs.cancellation import JobCancelled
from spyglass.jobs.context import JobContext
from spyglass.jobs.job import Job
from spyglass.jobs.terminal_run import EXIT_FAILED, EXIT_INTERRUPTED, run_in_terminal
from spyglass.location import Location, open_folder
from spyglass.safe_text import make_safe, safe_name
from spyglass.search.jobs import ContentSearchJob, NameSearchJob
from spyglass.search.query import ContentQuery, NameQuery
from spyglass.search.results import LineMatch, NameMatch, SearchProblem

MATCHED = 0
NOTHING = 1
ERROR = 2
COMMANDS = ("find", "grep")
_KINDS: dict[str, Literal["file", "folder"]] = {"f": "file", "d": "folder"}


def _positive(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, not {text!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected at least 1, not {number}")
    return number


def add_arguments(command: str, parser: argparse.ArgumentParser) -> None:
    """The arguments of `spyglass find` or `spyglass grep` (the common options come from cli)."""
    parser.add_argument("location", metavar="LOCATION", help="the folder to search: a path or URL")
    parser.add_argument("pattern", metavar="PATTERN")
    if command == "find":
        parser.add_argument(
            "--regex", action="store_true", help="a regular expression (else a glob or substring)"
        )
        parser.add_argument("--type", choices=sorted(_KINDS), help="f: files only, d: folders only")
    else:
        parser.add_argument("-i", "--ignore-case", action="store_true")
        parser.add_argument(
            "-F", "--fixed-strings", action="store_true", help="a fixed string, not a regex"
        )
        parser.add_argument(
            "--max-filesize", metavar="SIZE", help="read each file up to this (default 1MiB)"
        )
        parser.add_argument(
            "--no-rg", action="store_true", help="search with Python even where rg is installed"
        )
    parser.add_argument("--hidden", action="store_true", help="also dot-files and dot-folders")
    parser.add_argument("--max-depth", type=_positive, metavar="N", help="1: the folder's own")
    parser.add_argument("--limit", type=_positive, metavar="N", help="stop after N matches")


def description(command: str) -> str:
    if command == "find":
        return "Print the paths under LOCATION whose names match PATTERN."
    return "Print the lines of the files under LOCATION that PATTERN matches."


@dataclass
class _Watched:
    """The job, and whether the reader went away before it was done."""

    job: Job[Any]
    stopped: bool = False

    @property
    def action(self) -> str:
        return self.job.action

    def run(self, context: JobContext[Any]) -> None:
        try:
            self.job.run(context)
        except JobCancelled:
            self.stopped = True
            raise


@dataclass
class _Printer:
    out: TextIO
    err: TextIO
    matched: int = 0
    problems: int = 0
    line: Callable[[Any], str] = field(default=str)

    def __call__(self, result: object) -> None:
        if isinstance(result, SearchProblem):
            self.problems += 1
            self.out.flush()  # in order with what came before it
            print(f"spyglass: {result.sentence}", file=self.err)
            return
        self.matched += 1
        self.out.write(self.line(result) + "\n")


def _name_line(match: NameMatch) -> str:
    return safe_name(match.relative) + ("/" if match.is_folder else "")


def _content_line(match: LineMatch) -> str:
    return f"{safe_name(match.relative)}:{match.line}:{make_safe(match.text)}"


def run(
    command: str,
    args: argparse.Namespace,
    config: Config,
    location: Location,
    *,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run the search and print it; user mistakes raise SpyglassError (cli prints them)."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    job: Job[Any]
    line: Callable[[Any], str]
    if command == "find":
        name_query = NameQuery(
            args.pattern,
            regex=args.regex,
            kind=_KINDS.get(args.type or "", "any"),
            hidden=args.hidden,
            max_depth=args.max_depth,
            limit=args.limit,
        )
        backend, root = open_folder(location, "search")
        job, line = NameSearchJob(backend, root, name_query), _name_line
    else:
        cap = parse_size(args.max_filesize) if args.max_filesize else config.max_search_file_bytes
        content_query = ContentQuery(
            args.pattern,
            fixed=args.fixed_strings,
            ignore_case=args.ignore_case,
            max_filesize=cap,
            hidden=args.hidden,
            max_depth=args.max_depth,
            limit=args.limit,
        )
        backend, root = open_folder(location, "search")
        use_rg = config.use_rg and not args.no_rg
        job, line = ContentSearchJob(backend, root, content_query, use_rg=use_rg), _content_line
    if isinstance(out, io.TextIOWrapper):
        out.reconfigure(errors="backslashreplace")  # a terminal that cannot show é gets \xe9
    printer = _Printer(out, err, line=line)
    watched = _Watched(job)
    status = run_in_terminal(watched, printer, stdout=out, stderr=err)
    if status == EXIT_INTERRUPTED:
        return status
    if status == EXIT_FAILED:
        return ERROR
    if watched.stopped:
        return MATCHED  # the reader went away: it had what it wanted
    if printer.problems:
        return ERROR
    return MATCHED if printer.matched else NOTHING
