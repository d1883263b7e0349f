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

from spyglass.errors import SpyglassError

DEFAULT_MAX_PREVIEW_BYTES = 1024 * 1024
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(i?b)?\s*$", re.IGNORECASE)
_UNIT = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3, "t": 1024**4}

# Actions whose keys the [keys] table can change, with their default keys.
DEFAULT_KEYS: dict[str, str] = {
    "quit": "q",
    "refresh": "r",
    "toggle_hidden": "full_stop",
    "filter": "slash",
    "goto": "g",
    "set_root": "o",
    "root_up": "u,backspace",
    "switch_focus": "tab",
    "line_numbers": "n",
    "soft_wrap": "w",
    "cancel": "escape",
}


_ENV_SETTINGS = {"hidden", "max_preview_bytes", "theme", "syntax_theme"}


def parse_size(text: str | int) -> int:
    """`1048576`, `512KiB`, `1M`, `2 GiB` -> bytes."""
    if isinstance(text, int):
        value = text
    else:
        match = _SIZE.match(text)
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
    keys: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_KEYS))
    options: dict[str, Any] = field(default_factory=dict)  # storage options for every location
    profiles: dict[str, dict[str, Any]] = field(default_factory=dict)
    source: str | None = None  # the file the settings came from, if any

    def apply(self, values: Mapping[str, Any], origin: str) -> None:
        known = {f.name for f in fields(self)} - {"source"}
        for name, value in values.items():
            key = name.replace("-", "_")
            if key not in known:
                raise SpyglassError(f"{origin}: unknown setting {name!r}")
            if key == "hidden":
                self.hidden = _bool(value, name)
            elif key == "max_preview_bytes":
                self.max_preview_bytes = parse_size(value)
            elif key in ("theme", "syntax_theme"):
                setattr(self, key, str(value))
            elif key == "keys":
                self._apply_keys(value, origin)
            elif key in ("options", "profiles"):
                if not isinstance(value, Mapping):
                    raise SpyglassError(f"{origin}: {name} must be a table")
                getattr(self, key).update(value)

    def _apply_keys(self, value: object, origin: str) -> None:
        if not isinstance(value, Mapping):
            raise SpyglassError(f'{origin}: [keys] must be a table of action = "key"')
        for action, keys in value.items():
            if action not in DEFAULT_KEYS:
                choices = ", ".join(sorted(DEFAULT_KEYS))
                raise SpyglassError(
                    f"{origin}: unknown action {action!r} in [keys] (one of {choices})"
                )
            if not isinstance(keys, str) or not keys.strip():
                raise SpyglassError(f"{origin}: keys for {action!r} must be a non-empty string")
            self.keys[action] = keys


def default_config_path() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir("spyglass", appauthor=False)) / "config.toml"


def load_config(path: str | None = None, environ: Mapping[str, str] | None = None) -> Config:
    """Defaults, then the file (if any), then SPYGLASS_* variables."""
    env = os.environ if environ is None else environ
    config = Config()
    explicit = path or env.get("SPYGLASS_CONFIG")
    file = Path(explicit).expanduser() if explicit else default_config_path()
    if explicit and not file.is_file():
        raise SpyglassError(f"configuration file {file} does not exist")
    if file.is_file():
        try:
            with file.open("rb") as handle:
                data = tomllib.load(handle)
        except tomllib.TOMLDecodeError as exc:
            raise SpyglassError(f"{file}: invalid TOML: {exc}") from exc
        except OSError as exc:
            raise SpyglassError(f"cannot read {file}: {exc.strerror}") from exc
        config.apply(data, str(file))
        config.source = str(file)
    from_env = {
        name[len("SPYGLASS_") :].lower(): value
        for name, value in env.items()
        if name.startswith("SPYGLASS_") and name[len("SPYGLASS_") :].lower() in _ENV_SETTINGS
    }
    if from_env:
        config.apply(from_env, "environment")
    return config
