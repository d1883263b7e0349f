"""The tree's columns as text: which ones, their fixed widths, blanks where nothing is known."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest

from spyglass.config import load_config
from spyglass.errors import SpyglassError
from spyglass.fs.entry import Entry, Kind
from spyglass.fs.local_backend import LocalBackend
from spyglass.tree.columns import (
    OWNER_WIDTH,
    SIZE_WIDTH,
    TIME_WIDTH,
    Columns,
    cells,
    parse_columns,
)
from tests.test_config import config_home, user_file

__all__ = ["config_home"]  # the fixture, used by name

MTIME = 1_700_000_000.0  # a fixed time: the cell is this, in the machine's time zone


def _time(timestamp: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(timestamp))


def test_comma_order_visits_every_set_of_columns_and_comes_back() -> None:
    seen = [Columns.NONE]
    while (following := seen[-1].next) is not Columns.NONE:
        seen.append(following)
    assert seen == [
        Columns.NONE,
        Columns.SIZE,
        Columns.TIME,
        Columns.SIZE_TIME,
        Columns.PERMISSIONS,
    ]


@pytest.mark.parametrize(
    ("text", "columns"),
    [
        ("none", Columns.NONE),
        ("size", Columns.SIZE),
        ("Time", Columns.TIME),
        ("mtime", Columns.TIME),
        ("size_time", Columns.SIZE_TIME),
        ("size+time", Columns.SIZE_TIME),
        ("size, time", Columns.SIZE_TIME),
        ("permissions", Columns.PERMISSIONS),
        ("owner", Columns.PERMISSIONS),
    ],
)
def test_setting_names(text: str, columns: Columns) -> None:
    assert parse_columns(text) is columns


def test_unknown_setting_says_the_choices() -> None:
    with pytest.raises(ValueError, match="size_time"):
        parse_columns("colour")


def test_config_file_sets_the_columns_at_start(config_home: Path) -> None:
    assert load_config(environ={}).tree_columns is Columns.NONE
    user_file(config_home, 'tree_columns = "size"\n')
    assert load_config(environ={}).tree_columns is Columns.SIZE
    config = load_config(environ={"SPYGLASS_TREE_COLUMNS": "permissions"})
    assert config.tree_columns is Columns.PERMISSIONS


def test_bad_columns_in_the_file_is_a_sentence(config_home: Path) -> None:
    path = user_file(config_home, 'tree_columns = "everything"\n')
    with pytest.raises(SpyglassError, match=f"{path}: bad tree columns 'everything'"):
        load_config(environ={})


def test_a_file_with_every_detail_fills_each_column(tmp_path: Path) -> None:
    path = tmp_path / "report.csv"
    path.write_bytes(b"x" * 5000)
    path.chmod(0o640)
    os.utime(path, (MTIME, MTIME))
    entry = LocalBackend().stat(str(path))
    assert cells(entry, Columns.NONE) == ""
    assert cells(entry, Columns.SIZE) == "4.9 KiB".rjust(SIZE_WIDTH)
    assert cells(entry, Columns.TIME) == _time(MTIME)
    assert cells(entry, Columns.SIZE_TIME) == f"{'4.9 KiB':>8} {_time(MTIME)}"
    mode, owner, group = cells(entry, Columns.PERMISSIONS).split()
    assert mode == "-rw-r-----"
    info = path.stat()
    from spyglass.format import group_name, owner_name

    assert owner == owner_name(info.st_uid)[:OWNER_WIDTH]
    assert group == group_name(info.st_gid)[:OWNER_WIDTH]


def test_every_row_has_the_same_width_whatever_is_known() -> None:
    full = Entry("a", "/a", Kind.FILE, 12, MTIME, stat.S_IFREG | 0o644, 0, 0)
    bare = Entry("b", "/b", Kind.FILE)
    for columns in Columns:
        assert len(cells(full, columns)) == len(cells(bare, columns)) == columns.width
    assert cells(bare, Columns.SIZE_TIME).strip() == ""
    assert cells(bare, Columns.PERMISSIONS).strip() == ""
    assert len(cells(bare, Columns.TIME)) == TIME_WIDTH


def test_folder_size_only_from_the_lookup() -> None:
    folder = Entry("photos", "/data/photos", Kind.FOLDER, 4096, MTIME)
    assert cells(folder, Columns.SIZE).strip() == ""  # its own st_size says nothing
    sizes = {"/data/photos": 3 * 1024**3}
    assert cells(folder, Columns.SIZE, folder_sizes=sizes.get).strip() == "3.0 GiB"
    other = Entry("music", "/data/music", Kind.FOLDER)
    assert cells(other, Columns.SIZE, folder_sizes=sizes.get).strip() == ""


def test_a_servers_owners_are_numbers_and_long_names_are_cut() -> None:
    entry = Entry("a", "/a", Kind.FILE, 1, MTIME, stat.S_IFDIR | 0o755, 1234567890, 42)
    mode, owner, group = cells(entry, Columns.PERMISSIONS, owner_names=False).split()
    assert (mode, owner, group) == ("drwxr-xr-x", "1234567…", "42")


def test_devices_and_broken_links_have_no_size() -> None:
    for kind in (Kind.CHAR_DEVICE, Kind.SYMLINK):
        assert cells(Entry("x", "/x", kind, 999), Columns.SIZE).strip() == ""
