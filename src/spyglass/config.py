"""Settings layered from defaults, the TOML file, SPYGLASS_* variables and the command line.

Reading the configuration never writes anything.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from spyglass.errors import SpyglassError, cause_of
from spyglass.keys import default_keys
from spyglass.previews.preview_options import (
    DEFAULT_MAX_IMAGE_BYTES,
    DEFAULT_MAX_ROWS,
    DEFAULT_MAX_SQLITE_COPY_BYTES,
    DEFAULT_MAX_TABLE_BYTES,
    IMAGE_PROTOCOLS,
)
from spyglass.sandbox.limits import DEFAULT_MEMORY_BYTES, DEFAULT_SECONDS, Limits
from spyglass.tree.columns import Columns, parse_columns

DEFAULT_MAX_PREVIEW_BYTES = 1024 * 1024
MIN_DECODE_MEMORY = 64 * 1024 * 1024
DEFAULT_MAX_SEARCH_FILE_BYTES = 1024 * 1024
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(i?b)?\s*$", re.IGNORECASE)
_UNIT = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3, "t": 1024**4}

# Actions whose keys the [keys] table can change, with their default keys.
DEFAULT_KEYS: dict[str, str] = default_keys()


_ENV_SETTINGS = {
    "hidden",
    "max_preview_bytes",
    "theme",
    "syntax_theme",
    "timeout",
    "image_protocol",
    "max_table_rows",
    "max_image_bytes",
    "decode_memory",
    "decode_timeout",
    "use_rg",
    "max_search_file_bytes",
    "read_only",
    "tree_columns",
    "cross_filesystems",
    "apparent_size",
}


def parse_size(text: object) -> int:
    """`1048576`, `512KiB`, `1M`, `2 GiB` -> bytes (TOML may hand us any type)."""
    if isinstance(text, int) and not isinstance(text, bool):
        value = text
    else:
        match = _SIZE.match(text) if isinstance(text, str) else None
        if match is None:
            raise SpyglassError(f"bad size {text!r}: use a number of bytes or e.g. 512KiB, 4MiB")
        value = int(float(match[1]) * _UNIT[match[2].lower()])
    if value < 1024:
        raise SpyglassError(f"bad size {text!r}: the preview budget must be at least 1 KiB")
    return value


def _bool(value: object, name: str) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("1", "true", "yes", "on"):
        return True
    if isinstance(value, str) and value.lower() in ("0", "false", "no", "off", ""):
        return False
    raise SpyglassError(f"bad value {value!r} for {name}: expected true or false")


@dataclass
class Config:
    hidden: bool = False
    max_preview_bytes: int = DEFAULT_MAX_PREVIEW_BYTES
    theme: str = "textual-dark"
    syntax_theme: str = "monokai"
    timeout: float = 20.0  # seconds a remote call may take before it is given up
    image_protocol: str = "auto"
    max_table_rows: int = DEFAULT_MAX_ROWS
    max_table_bytes: int = DEFAULT_MAX_TABLE_BYTES
    max_image_bytes: int = DEFAULT_MAX_IMAGE_BYTES
    max_sqlite_copy_bytes: int = DEFAULT_MAX_SQLITE_COPY_BYTES
    # What one decode (in its child process) may use before it is stopped.
    decode_memory: int = DEFAULT_MEMORY_BYTES
    decode_timeout: float = DEFAULT_SECONDS
    use_rg: bool = True  # content search on local disk runs rg when it is on PATH
    max_search_file_bytes: int = DEFAULT_MAX_SEARCH_FILE_BYTES  # content search reads no more
    read_only: bool = False  # refuse every write: a viewer that cannot change a server
    shell_function: str = "sg"  # the name `spyglass shell-init` gives its function
    tree_columns: Columns = Columns.NONE  # the tree's columns at start; `,` changes them
    cross_filesystems: bool = False  # folder sizes count other filesystems mounted below
    apparent_size: bool = False  # folder sizes in bytes of content, not blocks on disk
    keys: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_KEYS))
    options: dict[str, Any] = field(default_factory=dict)  # storage options for every location
    profiles: dict[str, dict[str, Any]] = field(default_factory=dict)
    source: str | None = None  # the file the settings came from, if any

    @property
    def decode_limits(self) -> Limits:
        return Limits(self.decode_memory, self.decode_timeout)

    def apply(self, values: Mapping[str, Any], origin: str) -> None:
        """Set each value; a bad one is an error that starts with where it came from."""
        for name, value in values.items():
            try:
                self._apply_one(name, value)
            except SpyglassError as exc:
                raise SpyglassError(f"{origin}: {exc}") from exc

    def _apply_one(self, name: str, value: Any) -> None:
        key = name.replace("-", "_")
        if key not in {f.name for f in fields(self)} - {"source"}:
            raise SpyglassError(f"unknown setting {name!r}")
        if key in ("hidden", "use_rg", "read_only", "cross_filesystems", "apparent_size"):
            setattr(self, key, _bool(value, name))
        elif key == "max_preview_bytes":
            self.max_preview_bytes = parse_size(value)
        elif key in ("theme", "syntax_theme"):
            setattr(self, key, str(value))
        elif key == "shell_function":
            from spyglass.shell_init import check_name

            self.shell_function = check_name(str(value))
        elif key in ("timeout", "decode_timeout"):
            setattr(self, key, parse_timeout(value))
        elif key == "decode_memory":
            self.decode_memory = parse_size(value)
            if self.decode_memory < MIN_DECODE_MEMORY:
                raise SpyglassError(f"bad size {value!r}: {name} must be at least 64 MiB")
        elif key == "image_protocol":
            if str(value).lower() not in IMAGE_PROTOCOLS:
                choices = ", ".join(IMAGE_PROTOCOLS)
                raise SpyglassError(f"bad image protocol {value!r}: use one of {choices}")
            self.image_protocol = str(value).lower()
        elif key == "max_table_rows":
            self.max_table_rows = _positive_int(value, name)
        elif key in (
            "max_table_bytes",
            "max_image_bytes",
            "max_sqlite_copy_bytes",
            "max_search_file_bytes",
        ):
            setattr(self, key, parse_size(value))
        elif key == "tree_columns":
            try:
                self.tree_columns = parse_columns(value)
            except ValueError as exc:
                raise SpyglassError(str(exc)) from None
        elif key == "keys":
            self._apply_keys(value)
        elif key in ("options", "profiles"):
            if not isinstance(value, Mapping):
                raise SpyglassError(f"{name} must be a table")
            getattr(self, key).update(value)

    def _apply_keys(self, value: object) -> None:
        if not isinstance(value, Mapping):
            raise SpyglassError('[keys] must be a table of action = "key"')
        for action, keys in value.items():
            if action not in DEFAULT_KEYS:
                choices = ", ".join(sorted(DEFAULT_KEYS))
                raise SpyglassError(f"unknown action {action!r} in [keys] (one of {choices})")
            if not isinstance(keys, str) or not keys.strip():
                raise SpyglassError(f"keys for {action!r} must be a non-empty string")
            self.keys[action] = keys


def _positive_int(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise SpyglassError(f"bad value {value!r} for {name}: expected a whole number")
    try:
        number = int(value)
    except ValueError:
        raise SpyglassError(f"bad value {value!r} for {name}: expected a whole number") from None
    if number < 1:
        raise SpyglassError(f"bad value {value!r} for {name}: expected at least 1")
    return number


def parse_timeout(value: object) -> float:
    try:
        seconds = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise SpyglassError(f"bad timeout {value!r}: use a number of seconds") from None
    if not 0 < seconds <= 3600:
        raise SpyglassError(f"bad timeout {value!r}: use between 0 and 3600 seconds")
    return seconds


def default_config_path() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir("spyglass", appauthor=False)) / "config.toml"


def load_config(path: str | None = None, environ: Mapping[str, str] | None = None) -> Config:
    """Defaults, then the file (if any), then SPYGLASS_* variables."""
    env = os.environ if environ is None else environ
    config = Config()
    explicit = path or env.get("SPYGLASS_CONFIG")
    file = Path(explicit).expanduser() if explicit else default_config_path()
    try:
        exists = file.is_file()
    except OSError as exc:  # e.g. a config folder this user may not enter
        raise SpyglassError(f"cannot read {file}: {cause_of(exc)}") from exc
    if explicit and not exists:
        raise SpyglassError(f"configuration file {file} does not exist")
    if exists:
        try:
            with file.open("rb") as handle:
                data = tomllib.load(handle)
        except tomllib.TOMLDecodeError as exc:
            raise SpyglassError(f"{file}: invalid TOML: {exc}") from exc
        except OSError as exc:
            raise SpyglassError(f"cannot read {file}: {cause_of(exc)}") from exc
        config.apply(data, str(file))
        config.source = str(file)
    for name, value in env.items():
        setting = name[len("SPYGLASS_") :].lower()
        if name.startswith("SPYGLASS_") and setting in _ENV_SETTINGS:
            config.apply({setting: value}, name)
    return config
