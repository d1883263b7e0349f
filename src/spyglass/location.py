"""Turn what the user typed (a path or a URL) into a backend and a path."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from spyglass.errors import SpyglassError, describe
from spyglass.fs.backend import Backend
from spyglass.fs.local_backend import LocalBackend
from spyglass.fs.remote_filesystems import github_web_to_fsspec
from spyglass.secrets import mask_text, register_secrets

DEFAULT_TIMEOUT = 20.0
_URL = re.compile(r"^(?P<protocol>[a-zA-Z][a-zA-Z0-9+.-]*)://")
_BARE_PROTOCOL = re.compile(r"^(?P<protocol>[a-zA-Z][a-zA-Z0-9+.-]*)$")


def parse_option(text: str) -> tuple[str, object]:
    """`key=value` from `-k`; the value is JSON where it parses (true, 3, {...})."""
    name, sep, raw = text.partition("=")
    name = name.strip()
    if not sep or not name:
        raise SpyglassError(f"bad option {text!r}: expected the form name=value")
    try:
        value: object = json.loads(raw)
    except ValueError:
        value = raw
    return name, value


def parse_options(items: list[str]) -> dict[str, object]:
    options: dict[str, object] = {}
    for item in items:
        name, value = parse_option(item)
        options[name] = value
    return options


@dataclass(frozen=True)
class Location:
    """A place to browse as typed: which filesystem, which folder, which entry to highlight.

    A parse result only: connecting to it (`spyglass.place.connect`) gives a
    `Place`, so nothing a worker learns while connecting is written back here.
    """

    text: str
    protocol: str
    path: str
    options: Mapping[str, Any] = field(default_factory=dict)
    focus: str | None = None  # a file to highlight once the folder is listed
    url: str = ""  # what the filesystem is built from (a profile name replaced by its protocol)
    timeout: float = DEFAULT_TIMEOUT

    def __post_init__(self) -> None:
        if not self.url:
            object.__setattr__(self, "url", self.text)

    @property
    def is_local(self) -> bool:
        return self.protocol == "file"

    @property
    def label(self) -> str:
        """How the location is shown: secrets masked."""
        return mask_text(self.text)


def open_backend(location: Location) -> tuple[Backend, str]:
    """The backend and the path inside it; for remote URLs this may touch the network."""
    if location.is_local:
        return LocalBackend(), location.path
    from spyglass.fs.remote_filesystems import build_filesystem
    from spyglass.fs.stores import backend_class

    try:
        fs, path = build_filesystem(location.url, location.protocol, dict(location.options))
    except ImportError as exc:
        raise SpyglassError(_missing_dependency(location.protocol, exc)) from exc
    except (TypeError, ValueError) as exc:
        raise SpyglassError(mask_text(f"cannot open {location.text}: {exc}")) from exc
    backend = backend_class(location.protocol)
    return backend(fs, location.protocol, timeout=location.timeout), path


def open_folder(location: Location, task: str) -> tuple[Backend, str]:
    """`open_backend` for a command that works on a folder (`task`: "search", "count"):
    a file, or any failure to connect, is one sentence (a `SpyglassError`)."""
    if location.focus is not None:
        raise SpyglassError(f"{location.label} is a file: {task} a folder")
    try:
        return open_backend(location)
    except SpyglassError:
        raise
    except Exception as exc:
        raise SpyglassError(describe(exc, "open", location.label)) from exc


def _missing_dependency(protocol: str, exc: BaseException | None = None) -> str:
    from spyglass.fs.stores import extra_for  # a table of builders: only needed here

    extra = extra_for(protocol)
    if extra:
        return f"{protocol}:// needs an optional dependency: install spyglass[{extra}]"
    detail = f" ({exc})" if exc else ""
    return f"{protocol}:// needs a package that is not installed{detail}"


def _check_protocol(protocol: str) -> None:
    from fsspec.registry import known_implementations, registry

    if protocol not in known_implementations and protocol not in registry:
        raise SpyglassError(f"unknown protocol {protocol}:// in the location")
    if protocol in registry:
        return
    from spyglass.fs.stores import prepare_import

    prepare_import(protocol)  # before the import below: gcsfs reads its settings at import
    try:
        from fsspec.registry import get_filesystem_class

        get_filesystem_class(protocol)
    except ImportError as exc:
        raise SpyglassError(_missing_dependency(protocol, exc)) from exc


def _link_protocol(link: str) -> str | None:
    """The protocol of one link of a `zip::s3://...` chain; None for a plain path.

    A link may be a URL (`zip://inner`) or a bare protocol name (`zip`).
    """
    match = _URL.match(link) or _BARE_PROTOCOL.match(link)
    return match["protocol"].lower() if match else None


def resolve(
    text: str,
    options: Mapping[str, object] | None = None,
    *,
    profiles: Mapping[str, Mapping[str, object]] | None = None,
    profile: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> Location:
    """Parse a path or URL; for local paths also check it exists.

    `name://path` where `name` is a profile of the configuration uses that
    profile's protocol and options; `profile` applies one to any location.
    Remote paths are checked later, in a worker, when the backend is built.
    """
    opts = dict(options or {})
    url = github_web_to_fsspec(text) or text
    match = _URL.match(url)
    known = profiles or {}
    chosen = profile or (match["protocol"] if match and match["protocol"] in known else None)
    if chosen is not None:
        if chosen not in known:
            names = ", ".join(sorted(known)) or "none are configured"
            raise SpyglassError(f"unknown profile {chosen!r} ({names})")
        settings = dict(known[chosen])
        protocol_name = str(settings.pop("protocol", "") or "")
        if not protocol_name:
            raise SpyglassError(f"profile {chosen!r} has no protocol")
        rest = url[match.end() :] if match else url
        url = f"{protocol_name}://{rest}"
        opts = {**settings, **opts}
        match = _URL.match(url)
    register_secrets(opts)
    if match is None and ("::" not in url or os.path.lexists(os.path.expanduser(url))):
        return _resolve_local(text)
    if match is not None and match["protocol"].lower() in ("file", "local"):
        return _resolve_local(url[match.end() :] or "/")
    chain = [_link_protocol(link) for link in url.split("::")]
    if chain[0] is None:
        return _resolve_local(text)
    protocol = chain[0]
    for link_protocol in chain:
        if link_protocol is not None:
            _check_protocol(link_protocol)
    path = url
    if len(chain) == 1:
        from fsspec.registry import get_filesystem_class

        path = str(get_filesystem_class(protocol)._strip_protocol(url))
    return Location(text=text, protocol=protocol, path=path, options=opts, url=url, timeout=timeout)


def _resolve_local(text: str) -> Location:
    path = os.path.abspath(os.path.expanduser(text))
    if not os.path.lexists(path):
        raise SpyglassError(f"{text}: no such file or folder")
    if os.path.isdir(path):
        return Location(text=text, protocol="file", path=path)
    return Location(text=text, protocol="file", path=os.path.dirname(path), focus=path)
