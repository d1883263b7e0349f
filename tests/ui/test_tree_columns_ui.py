"""`,` and the tree's columns: every set in turn, kept across places, filled as details arrive."""

from __future__ import annotations

import os
from array import array
from pathlib import Path

from spyglass.fs.entry_columns import FILE, FOLDER, Details, EntryColumns
from spyglass.tree.columns import Columns
from spyglass.ui.app import SpyglassApp
from tests.support.pilot import settle
from tests.ui.helpers import make_app, move_to, screen_text

MTIME = 1_700_000_000  # 2023-11-14 22:13 in UTC, the zone of these tests
SHOWN_TIME = "2023-11-14 22:13"
BORDER = "▕"  # the tree's right edge on screen


def _folder(tmp_path: Path) -> Path:
    root = tmp_path / "root"
    (root / "sub").mkdir(parents=True)
    report = root / "report.csv"
    report.write_bytes(b"x" * 5000)
    report.chmod(0o640)
    (root / "sub" / "inner.txt").write_bytes(b"abc")
    long = root / ("a-name-long-enough-to-be-cut-" * 3 + ".txt")
    long.write_bytes(b"12")
    for path in (report, long, root / "sub", root / "sub" / "inner.txt"):
        os.utime(path, (MTIME, MTIME))
    (root / "sub").chmod(0o750)
    return root


def tree_line(app: SpyglassApp, name: str) -> str:
    """The tree's part of the screen line that shows `name` (its start, if cut)."""
    for line in screen_text(app).splitlines()[1:]:
        left = line.split(BORDER, 1)[0]
        if name[:12] in left:
            return left
    raise AssertionError(f"{name!r} is not on screen")


async def test_comma_cycles_through_every_set_of_columns(tmp_path: Path) -> None:
    app = make_app(_folder(tmp_path))
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert tree_line(app, "report.csv").rstrip().endswith("report.csv")
        seen = []
        for _ in range(5):
            await pilot.press("comma")
            await pilot.pause()
            seen.append((app.file_tree.columns, tree_line(app, "report.csv")))
        assert [columns for columns, _ in seen] == [
            Columns.SIZE,
            Columns.TIME,
            Columns.SIZE_TIME,
            Columns.PERMISSIONS,
            Columns.NONE,
        ]
        lines = [line for _, line in seen]
        assert lines[0].endswith(" 4.9 KiB")
        assert lines[1].endswith(" " + SHOWN_TIME)
        assert lines[2].endswith(" 4.9 KiB " + SHOWN_TIME)
        assert lines[3].split()[-3] == "-rw-r-----"
        assert "4.9 KiB" not in lines[4] and SHOWN_TIME not in lines[4]
        # all five lines are as wide as the tree: the cells end at its edge
        assert len({len(line) for line in lines[:4]}) == 1


async def test_columns_stay_aligned_beside_cut_names_and_folders(tmp_path: Path) -> None:
    root = _folder(tmp_path)
    app = make_app(root, tree_columns=Columns.SIZE_TIME)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        long = tree_line(app, "a-name-long-enough")
        report = tree_line(app, "report.csv")
        folder = tree_line(app, "sub/")
        assert "…" in long and long.endswith(" 2 B " + SHOWN_TIME)
        assert len(long) == len(report) == len(folder)
        # a folder's own size (4096) is not shown: blank until something counts it
        assert folder.endswith(" " * 9 + SHOWN_TIME)
        for line in (long, report, folder):
            assert line[-Columns.SIZE_TIME.width - 1] == " "


async def test_the_setting_chooses_the_columns_at_start(tmp_path: Path) -> None:
    app = make_app(_folder(tmp_path), tree_columns=Columns.PERMISSIONS)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert tree_line(app, "sub/").split()[-3] == "drwxr-x---"
        assert tree_line(app, "report.csv").split()[-3] == "-rw-r-----"


async def test_columns_stay_as_chosen_across_root_changes(tmp_path: Path) -> None:
    app = make_app(_folder(tmp_path))
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("comma")  # size
        move_to(app, "sub")
        await pilot.press("o")
        await settle(pilot)
        assert app.file_tree.model.root.name == "sub"
        assert tree_line(app, "inner.txt").endswith(" 3 B")
        await pilot.press("u")
        await settle(pilot)
        assert app.file_tree.columns is Columns.SIZE
        assert tree_line(app, "report.csv").endswith(" 4.9 KiB")


async def test_details_that_arrive_after_the_names_fill_the_columns(tmp_path: Path) -> None:
    """A big folder's first snapshot has names only: blank cells, then the details."""
    root = tmp_path / "late"
    root.mkdir()
    app = make_app(root, tree_columns=Columns.SIZE_TIME)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        tree, path = app.file_tree, str(root)
        names = EntryColumns(path + "/", ["docs", "notes.txt"], bytes([FOLDER, FILE]), {})
        tree.model.set_entries(path, names, done=False, ordered=True)
        tree.refresh_view()
        await pilot.pause()
        assert tree_line(app, "notes.txt").rstrip().endswith("notes.txt")
        details = Details(
            array("q", [4096, 1234]),
            array("d", [MTIME, MTIME]),
            array("I", [0o40755, 0o100644]),
            array("I", [0, 0]),
            array("I", [0, 0]),
        )
        tree.model.set_entries(path, names.with_details(details), done=True)
        tree.refresh_view()
        await pilot.pause()
        assert tree_line(app, "notes.txt").endswith(" 1.2 KiB " + SHOWN_TIME)
        assert tree_line(app, "docs/").endswith(" " * 9 + SHOWN_TIME)


async def test_folder_sizes_come_from_the_lookup_and_update(tmp_path: Path) -> None:
    root = _folder(tmp_path)
    app = make_app(root, tree_columns=Columns.SIZE)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert tree_line(app, "sub/").rstrip().endswith("sub/")
        sizes = {str(root / "sub"): 3 * 1024**2}
        app.file_tree.set_folder_sizes(sizes.get)
        await pilot.pause()
        assert tree_line(app, "sub/").endswith(" 3.0 MiB")
        sizes[str(root / "sub")] = 7 * 1024**3  # it counted further
        app.file_tree.set_folder_sizes(sizes.get)
        await pilot.pause()
        assert tree_line(app, "sub/").endswith(" 7.0 GiB")


async def test_a_narrow_tree_keeps_the_names_and_says_why(tmp_path: Path) -> None:
    app = make_app(_folder(tmp_path))
    async with app.run_test(size=(70, 20)) as pilot:
        await settle(pilot)
        for _ in range(4):
            await pilot.press("comma")  # permissions: wider than this tree allows
        await pilot.pause()
        assert app.file_tree.columns is Columns.PERMISSIONS
        assert tree_line(app, "report.csv").rstrip().endswith("report.csv")
        assert "too narrow" in [n.message for n in app._notifications][-1]
