"""The output of find, grep and rg on a server, parsed whatever the chunks it arrives in."""

from __future__ import annotations

from collections.abc import Iterator

from spyglass.fs.local_backend import LocalBackend
from spyglass.search.query import NameQuery
from spyglass.search.server_commands import ServerTools, find_names, server_glob
from spyglass.search.server_output import DoubledFolders, Found, KindedNames, Line, NulLines
from spyglass.search.server_problems import problem_from


def splits(data: bytes) -> Iterator[list[bytes]]:
    """The data whole, byte by byte, and cut once at every position."""
    yield [data]
    yield [data[i : i + 1] for i in range(len(data))]
    for cut in range(1, len(data)):
        yield [data[:cut], data[cut:]]


def test_kinded_names_survive_any_split_and_any_byte_in_a_name() -> None:
    data = b"d sub\0f sub/new\nline.txt\0f esc\x1b[31m.txt\0l link\0f bad\xff.txt\0"
    expected = [
        Found("sub", True),
        Found("sub/new\nline.txt", False),
        Found("esc\x1b[31m.txt", False),
        Found("link", False),
        Found("bad\udcff.txt", False),
    ]
    for chunks in splits(data):
        parser = KindedNames()
        assert [found for chunk in chunks for found in parser.feed(chunk)] == expected


def test_folders_printed_twice_are_told_from_files() -> None:
    data = b"/r/a\0/r/a\0/r/a/f\0/r/a/g\nh\0/r/b\0/r/b\0/r/z\0"
    expected = [
        Found("a", True),
        Found("a/f", False),
        Found("a/g\nh", False),
        Found("b", True),
        Found("z", False),
    ]
    for chunks in splits(data):
        parser = DoubledFolders("/r/")
        found = [entry for chunk in chunks for entry in parser.feed(chunk)]
        assert [*found, *parser.end()] == expected


def test_an_empty_folder_printed_twice_last_is_still_a_folder() -> None:
    parser = DoubledFolders("/r/")
    assert [*parser.feed(b"/r/f\0/r/d\0/r/d\0"), *parser.end()] == [
        Found("f", False),
        Found("d", True),
    ]


def test_lines_keep_newlines_in_paths_and_nul_bytes_in_text() -> None:
    data = b"/r/a\nb.txt\x0012:one: two\n/r/c\x003:x\x00y\n"
    expected = [Line(b"/r/a\nb.txt", 12, b"one: two"), Line(b"/r/c", 3, b"x\x00y")]
    for chunks in splits(data):
        parser = NulLines()
        assert [line for chunk in chunks for line in parser.feed(chunk)] == expected


def test_server_glob_only_where_find_matches_as_python_does() -> None:
    assert server_glob(NameQuery("report")) == "*report*"
    assert server_glob(NameQuery("*.TXT")) == "*.TXT"
    assert server_glob(NameQuery("a\\b")) == "*a\\\\b*"
    assert server_glob(NameQuery("[ab]*")) is None
    assert server_glob(NameQuery("été")) is None
    assert server_glob(NameQuery("a.c", regex=True)) is None


def test_a_pattern_is_one_argument_after_the_options() -> None:
    argv = find_names("/srv", NameQuery("-delete"), ServerTools(find_printf=True))
    assert argv[:2] == ["find", "/srv"]
    assert argv[argv.index("-iname") + 1] == "*-delete*"
    assert "-delete" not in argv
    assert find_names("-rf", NameQuery("x"), ServerTools())[1] == "./-rf"


def test_stderr_lines_under_the_folder_are_problems_others_are_not() -> None:
    backend = LocalBackend()
    denied = problem_from("find: \u2018/srv/x y\u2019: Permission denied", "/srv", backend)
    assert denied is not None
    assert (denied.path, denied.relative) == ("/srv/x y", "x y")
    assert denied.sentence == "Cannot search /srv/x y: permission denied."
    rg = problem_from("/srv/a/b: Permission denied (os error 13)", "/srv/", backend)
    assert rg is not None and rg.relative == "a/b"
    gone = problem_from("grep: /srv/old.log: No such file or directory", "/srv", backend)
    assert gone is not None and "does not exist" in gone.sentence
    escaped = problem_from("find: '/srv/\x1b[31m': Permission denied", "/srv", backend)
    assert escaped is not None and "\x1b" not in escaped.sentence
    assert problem_from("grep: Unmatched ( or \\(", "/srv", backend) is None
    assert problem_from("find: '/etc/x': Permission denied", "/srv", backend) is None
