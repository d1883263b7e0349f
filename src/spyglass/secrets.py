"""Keep credentials off the screen, out of logs and out of error messages."""

from __future__ import annotations

import re
from collections.abc import Mapping

MASK = "****"

SECRET_WORDS = (
    "secret",
    "password",
    "passwd",
    "token",
    "key",
    "sas",
    "credential",
    "connection_string",
    "signature",
    "passphrase",
)

# user:password@ inside a URL
_URL_PASSWORD = re.compile(r"(?P<scheme>[a-zA-Z][\w+.-]*://[^/:@\s]*):[^@/\s]*@")
# key=value pairs in query strings and connection strings (AccountKey=..., sig=...)
_PAIR = re.compile(
    r"(?P<name>\b(?:[A-Za-z_]*(?:key|secret|password|token|sig|signature|sas)[A-Za-z_]*))"
    r"=(?P<value>[^;&\s'\",]+)",
    re.IGNORECASE,
)

_registered: set[str] = set()


def is_secret_option(name: str) -> bool:
    lowered = name.lower()
    return any(word in lowered for word in SECRET_WORDS)


def register_secrets(options: Mapping[str, object]) -> None:
    """Remember secret option values so any text that contains them is masked."""
    for name, value in options.items():
        # `-k password=12345678` arrives as a number once parsed as JSON: mask its digits too.
        is_scalar = isinstance(value, str | int | float) and not isinstance(value, bool)
        if is_secret_option(name) and is_scalar and len(str(value)) >= 4:
            _registered.add(str(value))
        if isinstance(value, Mapping):
            register_secrets(value)


def mask_text(text: str) -> str:
    for value in sorted(_registered, key=len, reverse=True):
        text = text.replace(value, MASK)
    text = _URL_PASSWORD.sub(lambda m: f"{m['scheme']}:{MASK}@", text)
    return _PAIR.sub(lambda m: f"{m['name']}={MASK}", text)


def masked_options(options: Mapping[str, object]) -> dict[str, object]:
    return {name: (MASK if is_secret_option(name) else value) for name, value in options.items()}
