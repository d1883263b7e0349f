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

# Credentials a client library may write into its debug log, by where they are.
_SECRET_HEADERS = (
    r"authorization|proxy-authorization|x-amz-security-token|x-amz-credential|x-amz-signature"
    r"|x-goog-api-key|x-ms-copy-source-authorization"
)
# `'Authorization': b'AWS4-HMAC-SHA256 ...'`: a header value, to its closing quote
_HEADER = re.compile(
    rf"(?P<name>\b(?:{_SECRET_HEADERS})['\"]?\s*:\s*)(?P<quote>b?['\"]?)[^'\"\n]*",
    re.IGNORECASE,
)
# `X-Amz-Credential=...&`: the same as a query parameter, to the next separator
_PARAMETER = re.compile(rf"(?P<name>\b(?:{_SECRET_HEADERS})=)[^&\s'\"]+", re.IGNORECASE)
_AWS_KEY_ID = re.compile(r"\b(?:AKIA|ASIA|AROA|AIDA)[A-Z0-9]{16}\b")
_CREDENTIAL_PART = re.compile(r"\b(?P<name>Credential|Signature)=(?P<value>[^,&\s'\"]+)")
# Secrets the cloud SDKs read from the environment, never typed on a command line.
SECRET_VARIABLES = (
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_SECURITY_TOKEN",
    "AZURE_STORAGE_KEY",
    "AZURE_STORAGE_ACCOUNT_KEY",
    "AZURE_STORAGE_SAS_TOKEN",
    "AZURE_STORAGE_CONNECTION_STRING",
    "AZURE_CLIENT_SECRET",
    "GITHUB_TOKEN",
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


def register_environment_secrets(environ: Mapping[str, str]) -> None:
    """Mask the credentials the SDKs take from the environment, wherever they show up."""
    for name in SECRET_VARIABLES:
        value = environ.get(name, "")
        if len(value) >= 4:
            _registered.add(value)


def mask_log_text(text: str) -> str:
    """`mask_text`, and the credentials client libraries write into debug logs:
    authorization headers, session tokens, signatures, access key ids."""
    text = mask_text(text)
    text = _HEADER.sub(lambda m: f"{m['name']}{m['quote']}{MASK}", text)
    text = _PARAMETER.sub(lambda m: f"{m['name']}{MASK}", text)
    text = _CREDENTIAL_PART.sub(lambda m: f"{m['name']}={MASK}", text)
    return _AWS_KEY_ID.sub(MASK, text)


def mask_text(text: str) -> str:
    for value in sorted(_registered, key=len, reverse=True):
        text = text.replace(value, MASK)
    text = _URL_PASSWORD.sub(lambda m: f"{m['scheme']}:{MASK}@", text)
    return _PAIR.sub(lambda m: f"{m['name']}={MASK}", text)


def shareable_url(url: str) -> str:
    """A URL to hand to another program: no password in it, any other secret masked."""
    return mask_text(_URL_PASSWORD.sub(lambda m: f"{m['scheme']}@", url))


def masked_options(options: Mapping[str, object]) -> dict[str, object]:
    return {name: (MASK if is_secret_option(name) else value) for name, value in options.items()}
