"""The navigator: where the user is, and which results of slow moves may land."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from spyglass.fs.archives import open_archive
from spyglass.fs.entry import Entry, Kind
from spyglass.fs.local_backend import LocalBackend
from spyglass.location import resolve
from spyglass.navigator import Navigator, State
from spyglass.place import Place, connect


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "docs" / "deep").mkdir(parents=True)
    (tmp_path / "docs" / "readme.txt").write_text("hello\n")
    with zipfile.ZipFile(tmp_path / "bundle.zip", "w") as archive:
        archive.writestr("inner/a.txt", "a")
    return tmp_path


def state(navigator: Navigator) -> State:
    """Read afresh each time: mypy would keep an earlier comparison's narrowing."""
    return navigator.state


def folder_entry(path: Path) -> Entry:
    return Entry(path.name, str(path), Kind.FOLDER)


def test_a_local_location_is_connected_at_once_with_its_typed_label(folder: Path) -> None:
    navigator = Navigator(resolve(str(folder)))
    assert state(navigator) is State.CONNECTED
    place = navigator.place
    assert place is not None and isinstance(place.backend, LocalBackend)
    assert (place.root, place.name, place.focus) == (str(folder), folder.name, None)
    assert navigator.label == str(folder)


def test_a_file_given_opens_its_folder_with_the_file_to_highlight(folder: Path) -> None:
    navigator = Navigator(resolve(str(folder / "docs" / "readme.txt")))
    place = navigator.place
    assert place is not None
    assert place.root == str(folder / "docs")
    assert place.focus == str(folder / "docs" / "readme.txt")
    assert place.label is None  # shown as the folder, not as the file typed


def test_a_remote_location_waits_for_its_connection(folder: Path) -> None:
    import fsspec

    fsspec.filesystem("memory").pipe("/nav-test/a.txt", b"a")
    location = resolve("memory://nav-test")
    navigator = Navigator(location)
    assert state(navigator) is State.CONNECTING
    assert navigator.place is None and navigator.backend is None
    assert navigator.label == "memory://nav-test"
    request = navigator.go(location)
    assert navigator.arrive(request, connect(request.location))
    assert state(navigator) is State.CONNECTED
    assert navigator.place is not None and navigator.place.root == "/nav-test"


def test_a_failed_first_connection_is_a_state_with_its_reason_and_can_be_retried() -> None:
    location = resolve("memory://nav-fail")
    navigator = Navigator(location)
    request = navigator.go(location)
    assert navigator.fail(request, "cannot open memory://nav-fail: no such folder")
    assert state(navigator) is State.FAILED
    assert navigator.failure == "cannot open memory://nav-fail: no such folder"
    retry = navigator.retry()
    assert retry is not None and retry.location == location
    assert state(navigator) is State.CONNECTING


def test_retry_does_nothing_once_connected(folder: Path) -> None:
    assert Navigator(resolve(str(folder))).retry() is None


def test_an_overtaken_connection_lands_nowhere(folder: Path) -> None:
    navigator = Navigator(resolve(str(folder)))
    slow = navigator.go(resolve(str(folder / "docs")))
    fast = navigator.go(resolve(str(folder / "docs" / "deep")))
    assert navigator.arrive(fast, connect(fast.location))
    assert not navigator.arrive(slow, connect(slow.location))
    assert not navigator.fail(slow, "late failure")
    assert navigator.place is not None and navigator.place.root == str(folder / "docs" / "deep")


def test_a_failed_go_keeps_the_place_shown(folder: Path) -> None:
    navigator = Navigator(resolve(str(folder)))
    request = navigator.go(resolve("memory://elsewhere"))
    assert navigator.fail(request, "no answer")
    assert state(navigator) is State.CONNECTED
    assert navigator.place is not None and navigator.place.root == str(folder)


def test_a_move_without_io_overtakes_a_pending_connection(folder: Path) -> None:
    navigator = Navigator(resolve(str(folder)))
    pending = navigator.go(resolve(str(folder / "docs")))
    assert navigator.set_root(folder_entry(folder / "docs" / "deep")) is not None
    assert not navigator.arrive(pending, connect(pending.location))
    assert navigator.place is not None and navigator.place.root == str(folder / "docs" / "deep")


def test_set_root_and_up_move_the_top_and_highlight_where_we_came_from(folder: Path) -> None:
    navigator = Navigator(resolve(str(folder)))
    place = navigator.set_root(folder_entry(folder / "docs"))
    assert place is not None and (place.root, place.name, place.label) == (
        str(folder / "docs"),
        "docs",
        None,
    )
    assert navigator.label == str(folder / "docs")
    up = navigator.up()
    assert up is not None and up.root == str(folder) and up.focus == str(folder / "docs")
    assert navigator.set_root(Entry("readme.txt", str(folder / "readme.txt"), Kind.FILE)) is None


def test_up_at_the_top_of_the_filesystem_says_so_by_returning_none() -> None:
    navigator = Navigator(resolve("/"))
    assert navigator.up() is None
    assert navigator.place is not None and navigator.place.root == "/"


def test_an_archive_is_entered_and_left_with_it_highlighted(folder: Path) -> None:
    navigator = Navigator(resolve(str(folder)))
    archive = LocalBackend().stat(str(folder / "bundle.zip"))
    request = navigator.open_archive(archive)
    assert request is not None
    inside = open_archive(request.place.backend, archive)
    place = navigator.entered(request, inside)
    assert place is not None and (place.root, place.name) == ("", "bundle.zip")
    assert navigator.in_archive
    assert navigator.label == str(folder / "bundle.zip")
    back = navigator.up()
    assert back is not None
    assert (back.root, back.focus) == (str(folder), str(folder / "bundle.zip"))
    assert isinstance(back.backend, LocalBackend)
    assert not navigator.in_archive


def test_an_archive_opened_after_another_move_is_dropped(folder: Path) -> None:
    navigator = Navigator(resolve(str(folder)))
    archive = LocalBackend().stat(str(folder / "bundle.zip"))
    request = navigator.open_archive(archive)
    assert request is not None
    navigator.set_root(folder_entry(folder / "docs"))
    assert navigator.entered(request, open_archive(request.place.backend, archive)) is None
    assert not navigator.archive_failed(request)
    assert not navigator.in_archive


def test_going_somewhere_new_forgets_the_archives_entered(folder: Path) -> None:
    navigator = Navigator(resolve(str(folder)))
    archive = LocalBackend().stat(str(folder / "bundle.zip"))
    request = navigator.open_archive(archive)
    assert request is not None
    navigator.entered(request, open_archive(request.place.backend, archive))
    going = navigator.go(resolve(str(folder / "docs")))
    assert navigator.arrive(going, connect(going.location))
    assert not navigator.in_archive
    assert navigator.up() is not None  # up from docs, not out of the archive


def test_location_is_an_immutable_parse_result(folder: Path) -> None:
    location = resolve(str(folder))
    with pytest.raises(AttributeError):
        location.path = "/elsewhere"  # type: ignore[misc]
    place = connect(location)
    assert isinstance(place, Place)
    assert location.path == str(folder)
