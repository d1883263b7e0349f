"""Build the fsspec filesystem for a remote URL, with the defaults each store needs.

Runs in a worker: building a filesystem may touch the network.
"""

from __future__ import annotations

import os
import re
from typing import Any
from urllib.parse import unquote, urlsplit

from spyglass.errors import SpyglassError

GITHUB_WEB = re.compile(
    r"^https?://(?:www\.)?github\.com/(?P<org>[^/]+)/(?P<repo>[^/]+?)(?:\.git)?"
    r"(?:/(?:tree|blob)/(?P<ref>[^/]+)(?P<path>/.*)?)?/?$"
)


def github_web_to_fsspec(url: str) -> str | None:
    """`https://github.com/org/repo/tree/ref/path` -> `github://org:repo@ref/path`."""
    match = GITHUB_WEB.match(url)
    if match is None:
        return None
    ref = f"@{match['ref']}" if match["ref"] else ""
    path = (match["path"] or "").strip("/")
    return f"github://{match['org']}:{match['repo']}{ref}/{path}"


def split_netloc(url: str) -> tuple[str | None, str, int | None, str]:
    """(user, host, port, path) of `scheme://[user@]host[:port]/path`."""
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError as exc:
        raise SpyglassError(f"bad port in {url!r}") from exc
    user = unquote(parts.username) if parts.username else None
    return user, parts.hostname or "", port, unquote(parts.path) or "/"


def build_sftp(url: str, options: dict[str, Any]) -> tuple[Any, str]:
    from spyglass.fs.sftp_filesystem import SshFileSystem, ssh_settings

    user, host, port, path = split_netloc(url)
    if not host:
        raise SpyglassError(f"no host in {url!r}: use sftp://[user@]host[:port]/path")
    settings = ssh_settings(host, user=user, port=port, options=options)
    return SshFileSystem(**settings), path


def prepare_gcsfs() -> None:
    """Run before gcsfs is first imported, anywhere: it reads this setting at import.

    Left on, gcsfs asks every bucket's type over gRPC/TLS first, which an
    emulator cannot answer (a 20 s hang, then TLS errors). A value the user set wins.
    """
    os.environ.setdefault("GCSFS_EXPERIMENTAL_ZB_HNS_SUPPORT", "false")


def build_gcs(url: str, options: dict[str, Any]) -> tuple[Any, str]:
    prepare_gcsfs()
    import gcsfs

    opts = dict(options)
    emulator = opts.get("endpoint_url") or os.environ.get("STORAGE_EMULATOR_HOST")
    if emulator and "token" not in opts:
        opts["token"] = "anon"  # an emulator needs no credentials; never probe the cloud
    fs = gcsfs.GCSFileSystem(**opts)
    return fs, fs._strip_protocol(url)


# botocore's legacy retries wait up to 15 s (7.5 s on average) before a refused
# connection is an error: past a short timeout, so the cause was lost, and a server
# that is gone was a silent wait. Standard mode with one retry waits at most 1 s and
# still retries throttling.
S3_RETRIES = {"mode": "standard", "total_max_attempts": 2}


def _with_s3_retries(options: dict[str, Any]) -> dict[str, Any]:
    """The options with spyglass's retries, unless the user chose theirs."""
    config = dict(options.get("config_kwargs") or {})
    if (
        "retries" in config
        or os.environ.get("AWS_RETRY_MODE")
        or os.environ.get("AWS_MAX_ATTEMPTS")
    ):
        return options
    return {**options, "config_kwargs": {**config, "retries": dict(S3_RETRIES)}}


def build_s3(url: str, options: dict[str, Any]) -> tuple[Any, str]:
    import s3fs

    opts = _with_s3_retries(dict(options))
    if "profile" not in opts and os.environ.get("AWS_PROFILE"):
        opts["profile"] = os.environ["AWS_PROFILE"]
    fs = s3fs.S3FileSystem(**opts)
    return fs, fs._strip_protocol(url)


def build_azure(url: str, options: dict[str, Any]) -> tuple[Any, str]:
    import adlfs

    opts = dict(options)
    env = os.environ
    if not any(key in opts for key in ("connection_string", "account_name", "anon")):
        if env.get("AZURE_STORAGE_CONNECTION_STRING"):
            opts["connection_string"] = env["AZURE_STORAGE_CONNECTION_STRING"]
        elif env.get("AZURE_STORAGE_ACCOUNT_NAME"):
            opts["account_name"] = env["AZURE_STORAGE_ACCOUNT_NAME"]
            for name, variable in (
                ("account_key", "AZURE_STORAGE_ACCOUNT_KEY"),
                ("sas_token", "AZURE_STORAGE_SAS_TOKEN"),
            ):
                if env.get(variable):
                    opts[name] = env[variable]
    fs = adlfs.AzureBlobFileSystem(**opts)
    return fs, fs._strip_protocol(url)


def build_github(url: str, options: dict[str, Any]) -> tuple[Any, str]:
    from fsspec.implementations.github import GithubFileSystem

    opts = {**GithubFileSystem._get_kwargs_from_urls(url), **options}
    if "org" not in opts or "repo" not in opts:
        raise SpyglassError(f"bad GitHub location {url!r}: use github://org:repo@ref/path")
    token = os.environ.get("GITHUB_TOKEN")
    if token and "token" not in opts:
        opts["username"], opts["token"] = opts.get("username", "token"), token
    fs = GithubFileSystem(**opts)
    return fs, GithubFileSystem._strip_protocol(url)


def build_http(url: str, options: dict[str, Any]) -> tuple[Any, str]:
    from spyglass.fs.http_filesystem import HttpFileSystem

    return HttpFileSystem(**options), url


def build_filesystem(url: str, protocol: str, options: dict[str, Any]) -> tuple[Any, str]:
    """The filesystem and the path inside it for a URL."""
    from spyglass.fs.stores import STORES  # the table names the builders above

    store = STORES.get(protocol)
    if store is not None and store.build is not None:
        return store.build(url, options)
    import fsspec

    if "::" in url:
        archive = _archive_in_store(url, options)
        if archive is not None:
            return archive
        fs, path = fsspec.core.url_to_fs(url, **options)
        return fs, str(path)
    fs = fsspec.filesystem(protocol, **options)
    return fs, str(fs._strip_protocol(url))


_LINK = re.compile(r"^(?P<protocol>[a-zA-Z][a-zA-Z0-9+.-]*)://(?P<rest>.*)$", re.DOTALL)


def _archive_in_store(url: str, options: dict[str, Any]) -> tuple[Any, str] | None:
    """`zip://member::sftp://alias/a.zip`: the archive read through spyglass's own store.

    fsspec would build the inner filesystem itself, and so ignore ~/.ssh/config
    and trust any SSH host key. None when the inner link has no store of ours.
    """
    from spyglass.fs.archives import archive_kind
    from spyglass.fs.stores import STORES

    outer, inner = url.split("::", 1)
    outer_link, inner_link = _LINK.match(outer), _LINK.match(inner)
    if inner_link is None or STORES.get(inner_link["protocol"].lower()) is None:
        return None
    inner_protocol = inner_link["protocol"].lower()
    if outer_link is None or outer_link["protocol"].lower() not in ("zip", "tar"):
        raise SpyglassError(
            f"{inner_protocol}:// can be chained only behind zip:// or tar:// "
            f"(e.g. zip://member::{inner_protocol}://...)"
        )
    inner_fs, inner_path = build_filesystem(inner, inner_protocol, options)
    kind = archive_kind(inner_path) or (outer_link["protocol"].lower(), None)
    handle = inner_fs.open(inner_path, "rb")
    if outer_link["protocol"].lower() == "zip":
        from fsspec.implementations.zip import ZipFileSystem

        fs: Any = ZipFileSystem(fo=handle)
    else:
        from fsspec.implementations.tar import TarFileSystem

        fs = TarFileSystem(fo=handle, compression=kind[1])
    return fs, outer_link["rest"].strip("/")
