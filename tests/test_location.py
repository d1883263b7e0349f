"""What the user typed becomes a backend and a path, or one clear error."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from fsspec.implementations.memory import MemoryFileSystem

from spyglass.errors import SpyglassError
from spyglass.fs.fsspec_backend import FsspecBackend
from spyglass.fs.local_backend import LocalBackend
from spyglass.location import open_backend, parse_option, parse_options, resolve


def test_local_folder_is_browsed_with_the_local_backend(tmp_path: Path) -> None:
    location = resolve(str(tmp_path))
    assert (location.protocol, location.path, location.focus) == ("file", str(tmp_path), None)
    assert location.is_local
    assert isinstance(open_backend(location)[0], LocalBackend)


def test_relative_path_is_made_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path)
    assert resolve(".").path == str(tmp_path)
    assert resolve("sub").path == str(tmp_path / "sub")


def test_tilde_is_the_home_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "projects").mkdir()
    assert resolve("~").path == str(tmp_path)
    assert resolve("~/projects").path == str(tmp_path / "projects")


def test_file_url_is_a_local_path(tmp_path: Path) -> None:
    location = resolve(f"file://{tmp_path}")
    assert location.is_local
    assert location.path == str(tmp_path)


def test_file_path_opens_its_folder_and_focuses_the_file(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("# hi")
    location = resolve(str(tmp_path / "notes.md"))
    assert location.path == str(tmp_path)
    assert location.focus == str(tmp_path / "notes.md")


def test_broken_symlink_given_as_path_is_focused_not_refused(tmp_path: Path) -> None:
    (tmp_path / "dangling").symlink_to("missing")
    location = resolve(str(tmp_path / "dangling"))
    assert location.focus == str(tmp_path / "dangling")


def test_missing_path_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SpyglassError, match=r"^.*/nope: no such file or folder$"):
        resolve(str(tmp_path / "nope"))


def test_memory_url_uses_fsspec(memory_fs: MemoryFileSystem) -> None:
    memory_fs.pipe("/loc-test/a.txt", b"a")
    location = resolve("memory://loc-test")
    assert (location.protocol, location.path) == ("memory", "/loc-test")
    assert not location.is_local
    backend = open_backend(location)[0]
    assert isinstance(backend, FsspecBackend)
    assert [entry.name for batch in backend.list_batches(location.path) for entry in batch] == [
        "a.txt"
    ]


def test_unknown_protocol_is_a_clear_error() -> None:
    with pytest.raises(SpyglassError, match=r"^unknown protocol nosuch:// in the location$"):
        resolve("nosuch://bucket/key")


MISSING = {
    "s3://bucket/key": ("s3fs", "s3"),
    "gs://bucket": ("gcsfs", "gcs"),
    "az://container/blob": ("adlfs", "azure"),
    "sftp://host/path": ("paramiko", "ssh"),
}


def test_missing_optional_dependency_names_the_extra() -> None:
    # A fresh interpreter where the packages cannot be imported, whatever this venv holds.
    packages = [package for package, _ in MISSING.values()]
    code = (
        "import sys\n"
        f"sys.modules.update(dict.fromkeys({packages!r}))\n"
        "from spyglass.errors import SpyglassError\n"
        "from spyglass.location import resolve\n"
        f"for url in {list(MISSING)!r}:\n"
        "    try:\n"
        "        resolve(url)\n"
        "    except SpyglassError as exc:\n"
        "        print(exc)\n"
        "    else:\n"
        "        print('resolved', url)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.splitlines() == [
        f"{url.split(':')[0]}:// needs an optional dependency: install spyglass[{extra}]"
        for url, (_, extra) in MISSING.items()
    ]


def test_zip_chain_opens_the_archive_not_a_local_path(tmp_path: Path) -> None:
    archive = tmp_path / "bundle.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("docs/readme.txt", "inside")
    location = resolve(f"zip::{archive}")
    assert location.protocol == "zip"
    assert not location.is_local
    backend, path = open_backend(location)
    names = [entry.name for batch in backend.list_batches(path) for entry in batch]
    assert names == ["docs"]


def test_chain_with_an_unknown_protocol_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SpyglassError, match="unknown protocol nosuch://"):
        resolve(f"nosuch::{tmp_path}/x.zip")


def test_local_name_with_double_colons_is_a_local_path(tmp_path: Path) -> None:
    (tmp_path / "a::b").mkdir()
    location = resolve(str(tmp_path / "a::b"))
    assert location.is_local
    assert location.path == str(tmp_path / "a::b")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("anon=true", ("anon", True)),
        ("port=2222", ("port", 2222)),
        ("ratio=0.5", ("ratio", 0.5)),
        ("region=eu-west-1", ("region", "eu-west-1")),
        (
            'client_kwargs={"endpoint_url": "http://127.0.0.1:9000"}',
            ("client_kwargs", {"endpoint_url": "http://127.0.0.1:9000"}),
        ),
        ("tags=[1, 2]", ("tags", [1, 2])),
        ("empty=", ("empty", "")),
        ("expr=a=b", ("expr", "a=b")),
        ('quoted="007"', ("quoted", "007")),
        (" name = 1", ("name", 1)),
    ],
)
def test_option_values_are_json_where_they_parse(text: str, expected: tuple[str, object]) -> None:
    assert parse_option(text) == expected


@pytest.mark.parametrize("text", ["novalue", "=value", "  =1"])
def test_option_without_a_name_is_a_clear_error(text: str) -> None:
    with pytest.raises(SpyglassError, match="expected the form name=value"):
        parse_option(text)


def test_later_options_win() -> None:
    assert parse_options(["a=1", "b=x", "a=2"]) == {"a": 2, "b": "x"}


def test_options_reach_the_location() -> None:
    location = resolve("memory://opts", {"skip_instance_cache": True})
    assert location.options == {"skip_instance_cache": True}


def test_label_masks_a_password_in_the_url() -> None:
    location = resolve("memory://alice:hunter2@somewhere/path")
    assert "hunter2" not in location.label
    assert location.label == "memory://alice:****@somewhere/path"
