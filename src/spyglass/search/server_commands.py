"""The argument vectors of find, grep and rg for a query: data, never a shell line.

Each pattern and path is one argument of its own (`Backend.run` quotes them),
and every option comes before it, so a pattern such as `-e` or `--` is text.
"""

from __future__ import annotations

from typing import NamedTuple

from spyglass.search.query import ContentQuery, NameQuery

MAX_COLUMNS = 4096  # rg sends at most this much of a long line (a result shows 1,000)


class ServerTools(NamedTuple):
    """What the server's programs can do, asked once (`server_tools.tools_of`)."""

    rg: bool = False  # ripgrep 12 or later is on the PATH
    find_printf: bool = False  # GNU find: -printf and -xtype


def start_point(root: str) -> str:
    """The folder as find's first argument: a name starting with "-" or "(" would be an option."""
    if root.startswith("/"):
        return root
    return f"./{root}" if root else "."


def printed_prefix(start: str) -> str:
    """What find, grep and rg print before each path relative to `start`."""
    return start if start.endswith("/") else f"{start}/"


def _depth_and_hidden(start: str, max_depth: int | None, hidden: bool) -> list[str]:
    argv = ["find", start, "-mindepth", "1"]
    if max_depth is not None:
        argv += ["-maxdepth", str(max(0, max_depth))]
    if not hidden:  # a hidden name is skipped with all that is under it
        argv += ["-name", ".*", "-prune", "-o"]
    return argv


def server_glob(query: NameQuery) -> str | None:
    """The `-iname` pattern that matches what `query.matches` does, when one surely does.

    None when find's matching could differ from Python's (a regex, a bracket
    expression, non-ASCII case folding): then every name comes back and is
    matched here. Either way `query.matches` has the last word.
    """
    pattern = query.pattern
    if query.regex or not pattern.isascii() or "[" in pattern:
        return None
    escaped = pattern.replace("\\", "\\\\")  # fnmatch(3) escapes with "\"; Python's does not
    if "*" in pattern or "?" in pattern:
        return escaped
    return f"*{escaped}*"


def find_names(root: str, query: NameQuery, tools: ServerTools) -> list[str]:
    """find printing each entry once with its kind (GNU), or each folder twice (POSIX)."""
    start = start_point(root)
    argv = _depth_and_hidden(start, query.max_depth, query.hidden)
    tests: list[str] = []
    if query.kind != "any":
        kind_test = "-xtype" if tools.find_printf else "-type"  # -xtype: a link's target
        tests += [kind_test, "f" if query.kind == "file" else "d"]
    glob = server_glob(query)
    if glob is not None:
        tests += ["-iname", glob]
    if tools.find_printf:
        action = ["-printf", "%Y %P\\0"]
    elif query.kind == "any":
        action = ["(", "-type", "d", "-print0", "-print0", ")", "-o", "-print0"]
    else:
        action = ["-print0"]
    return [*argv, "(", *tests, "(", *action, ")", ")"]


def rg_lines(root: str, query: ContentQuery) -> list[str]:
    argv = [
        "rg",
        "--no-config",
        "--no-ignore",  # search what is there, as grep does: .gitignore files are not rules here
        "--null",
        "--line-number",
        "--with-filename",
        "--no-heading",
        "--color",
        "never",
        "--max-filesize",
        str(query.max_filesize),
        "--max-columns",
        str(MAX_COLUMNS),
        "--max-columns-preview",
    ]
    if query.hidden:
        argv.append("--hidden")
    if query.max_depth is not None:
        argv += ["--max-depth", str(max(0, query.max_depth))]
    if query.fixed:
        argv.append("--fixed-strings")
    argv.append("--ignore-case" if query.ignore_case else "--case-sensitive")
    return [*argv, f"--regexp={query.pattern}", "--", start_point(root)]


def grep_lines(root: str, query: ContentQuery) -> list[str]:
    """find picks the files (depth, hidden, size cap) and hands them to grep in batches.

    The pattern travels in the environment: as an argument of `-exec` a
    pattern ";" would end the command and a "{}" would be a file name.
    """
    start = start_point(root)
    argv = _depth_and_hidden(start, query.max_depth, query.hidden)
    options = "-nIH --null --color=never " + ("-F" if query.fixed else "-E")
    if query.ignore_case:
        options += " -i"
    grep = ["sh", "-c", f'exec grep {options} -e "$SPYGLASS_PATTERN" -- "$@"', "sh"]
    size = ["-size", f"-{query.max_filesize + 1}c"]  # at most the cap, counted in bytes
    find = [*argv, "(", "-type", "f", *size, "-exec", *grep, "{}", "+", ")"]
    return ["env", f"SPYGLASS_PATTERN={query.pattern}", *find]
