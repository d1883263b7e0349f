"""Remote URL forms and profiles, parsed without touching the network."""

from __future__ import annotations

import pytest

from spyglass.errors import SpyglassError
from spyglass.fs.remote_filesystems import github_web_to_fsspec, split_netloc
from spyglass.location import open_backend, resolve


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://github.com/org/repo", "github://org:repo/"),
        ("https://github.com/org/repo.git", "github://org:repo/"),
        ("https://github.com/org/repo/tree/main/docs/api", "github://org:repo@main/docs/api"),
        ("https://github.com/org/repo/blob/v1.2/README.md", "github://org:repo@v1.2/README.md"),
        ("https://example.org/org/repo", None),
    ],
)
def test_github_web_urls_become_github_locations(url: str, expected: str | None) -> None:
    assert github_web_to_fsspec(url) == expected


def test_github_location_keeps_org_repo_and_ref() -> None:
    location = resolve("https://github.com/fsspec/filesystem_spec/tree/master/docs")
    assert location.protocol == "github"
    assert location.url == "github://fsspec:filesystem_spec@master/docs"
    assert location.path == "docs"
    assert location.label == "https://github.com/fsspec/filesystem_spec/tree/master/docs"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("sftp://host/var/log", (None, "host", None, "/var/log")),
        ("sftp://deploy@web1:2222/srv", ("deploy", "web1", 2222, "/srv")),
        ("ssh://me@example.org", ("me", "example.org", None, "/")),
        ("sftp://we%40rd@h/a%20b", ("we@rd", "h", None, "/a b")),
    ],
)
def test_ssh_urls_give_user_host_port_and_path(
    url: str, expected: tuple[str | None, str, int | None, str]
) -> None:
    assert split_netloc(url) == expected


def test_bad_port_is_a_sentence() -> None:
    with pytest.raises(SpyglassError, match="bad port"):
        split_netloc("sftp://host:99999999/x")


def test_profile_supplies_protocol_and_options() -> None:
    profiles = {"mem": {"protocol": "memory", "skip_instance_cache": True}}
    location = resolve("mem://bucket/data", {"extra": 1}, profiles=profiles)
    assert location.protocol == "memory"
    assert location.url == "memory://bucket/data"
    assert location.options == {"skip_instance_cache": True, "extra": 1}
    assert location.label == "mem://bucket/data"


def test_profile_flag_applies_to_a_bare_path() -> None:
    profiles = {"mem": {"protocol": "memory"}}
    location = resolve("bucket/data", profile="mem", profiles=profiles)
    assert location.protocol == "memory"
    assert location.url == "memory://bucket/data"


def test_unknown_profile_lists_the_known_ones() -> None:
    with pytest.raises(SpyglassError, match=r"unknown profile 'nope' \(mem\)"):
        resolve("x", profile="nope", profiles={"mem": {"protocol": "memory"}})


def test_profile_without_protocol_is_a_sentence() -> None:
    with pytest.raises(SpyglassError, match="has no protocol"):
        resolve("bad://x", profiles={"bad": {"endpoint_url": "http://127.0.0.1:1"}})


def test_timeout_reaches_the_backend() -> None:
    location = resolve("memory://timeout-check", timeout=3.5)
    backend = open_backend(location)[0]
    assert getattr(backend, "timeout", None) == 3.5


def test_zip_url_chain_opens_an_archive_inside_another_filesystem() -> None:
    import io
    import zipfile

    import fsspec

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("inner/readme.txt", "chained\n")
    fsspec.filesystem("memory").pipe("/chain/archive.zip", buffer.getvalue())
    location = resolve("zip://inner::memory://chain/archive.zip")
    backend, path = open_backend(location)
    names = [entry.name for batch in backend.list_batches(path) for entry in batch]
    assert names == ["readme.txt"]
