"""One table of stores: every alias is built by its store's builder and names its extra."""

from __future__ import annotations

import sys

import pytest

from spyglass.errors import SpyglassError
from spyglass.fs.remote_filesystems import build_azure, build_filesystem, build_s3, build_sftp
from spyglass.fs.stores import STORES, extra_for
from spyglass.location import open_backend, resolve

# alias -> (the package its store needs, the extra that installs it)
PACKAGES = {
    "s3": ("s3fs", "s3"),
    "s3a": ("s3fs", "s3"),
    "gs": ("gcsfs", "gcs"),
    "gcs": ("gcsfs", "gcs"),
    "az": ("adlfs", "azure"),
    "abfs": ("adlfs", "azure"),
    "abfss": ("adlfs", "azure"),
    "adl": ("adlfs", "azure"),
    "sftp": ("paramiko", "ssh"),
    "ssh": ("paramiko", "ssh"),
}
# Modules of ours that import a package at the top: once loaded, they would not ask again.
IMPORTERS = {"paramiko": ["spyglass.fs.sftp_filesystem"]}


@pytest.mark.parametrize("alias", sorted(PACKAGES))
def test_a_missing_package_names_the_extra_for_every_alias(
    alias: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    package, extra = PACKAGES[alias]
    for module in (package, *IMPORTERS.get(package, [])):
        monkeypatch.setitem(sys.modules, module, None)  # as if it were not installed
    with pytest.raises(SpyglassError) as raised:
        open_backend(resolve(f"{alias}://root@host/bucket/key", timeout=1))
    assert str(raised.value) == (
        f"{alias}:// needs an optional dependency: install spyglass[{extra}]"
    )


def test_the_table_knows_exactly_the_aliases_with_an_extra() -> None:
    assert {alias for alias in STORES if extra_for(alias)} == set(PACKAGES)
    assert extra_for("github") is None  # fsspec brings it
    assert extra_for("memory") is None


@pytest.mark.parametrize(
    ("alias", "builder"),
    [("s3a", build_s3), ("abfss", build_azure), ("ssh", build_sftp)],
)
def test_aliases_share_their_stores_builder(alias: str, builder: object) -> None:
    assert STORES[alias].build is builder


def test_a_protocol_outside_the_table_is_built_by_fsspec() -> None:
    from fsspec.implementations.memory import MemoryFileSystem

    fs, path = build_filesystem("memory://stores-test/x", "memory", {})
    assert isinstance(fs, MemoryFileSystem) and path == "/stores-test/x"


def test_http_urls_are_built_with_bounded_reads() -> None:
    from spyglass.fs.http_filesystem import HttpFileSystem

    for url in ("http://127.0.0.1:9/a/", "https://127.0.0.1:9/a/"):
        fs, path = build_filesystem(url, url.split(":")[0], {})
        assert isinstance(fs, HttpFileSystem) and path == url


def test_s3_gives_up_on_a_refused_connection_after_one_retry(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for variable in ("AWS_RETRY_MODE", "AWS_MAX_ATTEMPTS"):
        monkeypatch.delenv(variable, raising=False)
    fs, _ = build_s3("s3://bucket/x", {"key": "k", "secret": "s", "skip_instance_cache": True})
    assert fs.config_kwargs["retries"] == {"mode": "standard", "total_max_attempts": 2}


def test_s3_retries_the_user_chose_are_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    chosen = {"config_kwargs": {"retries": {"mode": "adaptive"}}, "skip_instance_cache": True}
    fs, _ = build_s3("s3://bucket/x", {"key": "k", "secret": "s", **chosen})
    assert fs.config_kwargs["retries"] == {"mode": "adaptive"}
    monkeypatch.setenv("AWS_RETRY_MODE", "legacy")
    fs, _ = build_s3("s3://bucket/x", {"key": "k", "secret": "s", "skip_instance_cache": True})
    assert "retries" not in fs.config_kwargs
