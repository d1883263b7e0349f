"""Turn what the user typed (a path or a URL) into a backend and a path."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from spyglass.errors import SpyglassError
from spyglass.fs.backend import Backend
from spyglass.fs.local_backend import LocalBackend
from spyglass.secrets import mask_text, register_secrets

_URL = re.compile(r"^(?P<protocol>[a-zA-Z][a-zA-Z0-9+.-]*)://")

# Which extra brings the package a protocol needs.
EXTRA_FOR_PROTOCOL = {
    "s3": "s3",
    "s3a": "s3",
    "gs": "gcs",
    "gcs": "gcs",
    "az": "azure",
    "abfs": "azure",
    "abfss": "azure",
    "adl": "azure",
    "sftp": "ssh",
    "ssh": "ssh",
}


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


@dataclass
class Location:
    """A place to browse: which filesystem, which folder, which entry to highlight."""

    text: str
    protocol: str
    path: str
    options: dict[str, Any] = field(default_factory=dict)
    focus: str | None = None  # a file to highlight once the folder is listed
    _backend: Backend | None = field(default=None, repr=False)

    @property
    def is_local(self) -> bool:
        return self.protocol == "file"

    def backend(self) -> Backend:
        """The backend, built on first use: for remote URLs this may touch the network."""
        if self._backend is None:
            self._backend = LocalBackend() if self.is_local else _fsspec_backend(self)
        return self._backend

    @property
    def label(self) -> str:
        """How the location is shown: secrets masked."""
        return mask_text(self.text)


def _fsspec_backend(location: Location) -> Backend:
    import fsspec

    from spyglass.fs.fsspec_backend import FsspecBackend

    try:
        if "::" in location.text:
            fs, path = fsspec.core.url_to_fs(location.text, **location.options)
            location.path = path
        else:
            fs = fsspec.filesystem(location.protocol, **location.options)
    except ImportError as exc:
        raise SpyglassError(_missing_dependency(location.protocol, exc)) from exc
    except (TypeError, ValueError) as exc:
        raise SpyglassError(mask_text(f"cannot open {location.text}: {exc}")) from exc
    return FsspecBackend(fs, location.protocol)


def _missing_dependency(protocol: str, exc: BaseException | None = None) -> str:
    extra = EXTRA_FOR_PROTOCOL.get(protocol)
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
    try:
        from fsspec.registry import get_filesystem_class

        get_filesystem_class(protocol)
    except ImportError as exc:
        raise SpyglassError(_missing_dependency(protocol, exc)) from exc


def resolve(text: str, options: Mapping[str, object] | None = None) -> Location:
    """Parse a path or URL; for local paths also check it exists.

    Remote paths are checked later, in a worker, when the backend is built.
    """
    opts = dict(options or {})
    register_secrets(opts)
    match = _URL.match(text)
    if match is None and "::" not in text:
        return _resolve_local(text)
    if match is not None and match["protocol"].lower() in ("file", "local"):
        return _resolve_local(text[match.end() :] or "/")
    chain = text.split("::")
    first = _URL.match(chain[0])
    protocol = first["protocol"].lower() if first else "file"
    for link in chain:
        inner = _URL.match(link)
        if inner:
            _check_protocol(inner["protocol"].lower())
    if len(chain) == 1:
        from fsspec.registry import get_filesystem_class

        path = get_filesystem_class(protocol)._strip_protocol(text)
    else:
        path = text
    return Location(text=text, protocol=protocol, path=str(path), options=opts)


def _resolve_local(text: str) -> Location:
    path = os.path.abspath(os.path.expanduser(text))
    if not os.path.lexists(path):
        raise SpyglassError(f"{text}: no such file or folder")
    if os.path.isdir(path):
        return Location(text=text, protocol="file", path=path)
    return Location(text=text, protocol="file", path=os.path.dirname(path), focus=path)
