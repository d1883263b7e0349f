"""Credentials stay off the screen: URL passwords, secret options, connection strings."""

from __future__ import annotations

import errno

import pytest

from spyglass.errors import describe
from spyglass.location import parse_options, resolve
from spyglass.secrets import MASK, is_secret_option, mask_text, masked_options, register_secrets


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("sftp://alice:hunter2@example.com/home", "sftp://alice:****@example.com/home"),
        ("s3://AKIAKEY:s3cr3t@bucket/key", "s3://AKIAKEY:****@bucket/key"),
        ("ssh://bob:p%40ss@host:2222/", "ssh://bob:****@host:2222/"),
        ("ssh://bob@host/", "ssh://bob@host/"),
        ("ftp://:onlypass@host/", "ftp://:****@host/"),
    ],
)
def test_passwords_in_urls_are_masked(text: str, masked: str) -> None:
    assert mask_text(text) == masked


def test_registered_secret_option_values_are_masked_anywhere() -> None:
    register_secrets({"password": "correct-horse-battery", "region": "eu-west-1"})
    text = "login with correct-horse-battery failed in eu-west-1"
    assert mask_text(text) == f"login with {MASK} failed in eu-west-1"


def test_secret_option_values_that_parse_as_numbers_are_masked_too() -> None:
    options = parse_options(["password=8675309123", "port=2222"])
    register_secrets(options)
    assert mask_text("auth 8675309123 on port 2222") == f"auth {MASK} on port 2222"


def test_nested_secret_options_are_masked() -> None:
    register_secrets({"client_kwargs": {"aws_secret_access_key": "wJalrXUtnFEMI/K7MDENG"}})
    assert "wJalrXUtnFEMI" not in mask_text("signature used wJalrXUtnFEMI/K7MDENG here")


def test_resolving_a_location_registers_its_secrets() -> None:
    resolve("memory://secrets-test", {"account_key": "Zm9vYmFyYmF6cXV4"})
    assert mask_text("bad key Zm9vYmFyYmF6cXV4") == f"bad key {MASK}"


@pytest.mark.parametrize(
    ("text", "hidden", "kept"),
    [
        (
            "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=abc123+/==;"
            "EndpointSuffix=core.windows.net",
            "abc123+/==",
            "AccountName=acct",
        ),
        (
            "https://acct.blob.core.windows.net/c?sv=2022-11-02&se=2030-01-01&sig=AbC%2Fdef%3D",
            "AbC%2Fdef%3D",
            "sv=2022-11-02",
        ),
        ("SharedAccessSignature=sv=2020&sig=xyz987", "xyz987", "SharedAccessSignature="),
        ("api?token=tok_live_123&page=2", "tok_live_123", "page=2"),
        ("password=pw1;user=me", "pw1", "user=me"),
    ],
    ids=["azure connection string", "sas url", "sas string", "token query", "password pair"],
)
def test_secrets_in_connection_strings_are_masked(text: str, hidden: str, kept: str) -> None:
    masked = mask_text(text)
    assert hidden not in masked
    assert kept in masked
    assert MASK in masked


def test_plain_text_is_left_alone() -> None:
    text = "/home/alice/report-2024.csv: permission denied"
    assert mask_text(text) == text


def test_secret_option_names_are_recognised() -> None:
    for name in ("password", "key", "secret", "aws_secret_access_key", "sas_token", "Passphrase"):
        assert is_secret_option(name)
    for name in ("anon", "region", "endpoint_url", "port", "username"):
        assert not is_secret_option(name)


def test_masked_options_hide_secret_values_only() -> None:
    assert masked_options({"key": "abc", "secret": "def", "anon": False}) == {
        "key": MASK,
        "secret": MASK,
        "anon": False,
    }


def test_error_sentences_mask_passwords() -> None:
    refused = ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused")
    sentence = describe(refused, "open", "sftp://alice:hunter2@host/")
    assert sentence == (
        "Cannot open sftp://alice:****@host/: the connection was refused (is the server running?)."
    )


def test_log_text_loses_authorization_headers_tokens_signatures_and_key_ids() -> None:
    from spyglass.secrets import mask_log_text

    line = (
        "Sending http request: <AWSPreparedRequest method=GET, headers={"
        "'Authorization': b'AWS4-HMAC-SHA256 Credential=AKIAZ7EXAMPLEKEY123Q/20261201/"
        "us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0a1b2c3d4e5f', "
        "'X-Amz-Security-Token': b'FwoGZXIvYXdzEXAMPLE'}> "
        "CanonicalRequest: X-Amz-Credential=AKIAZ7EXAMPLEKEY123Q%2F2026&X-Amz-Signature=99ff&x=1"
    )
    masked = mask_log_text(line)
    for secret in ("AKIAZ7EXAMPLEKEY123Q", "0a1b2c3d4e5f", "FwoGZXIvYXdzEXAMPLE", "99ff"):
        assert secret not in masked
    assert "Sending http request" in masked and "method=GET" in masked
    assert masked.endswith("X-Amz-Signature=****&x=1")  # only the secret values go


def test_credentials_from_the_environment_are_masked_everywhere() -> None:
    from spyglass.secrets import mask_text, register_environment_secrets

    register_environment_secrets(
        {"AWS_SECRET_ACCESS_KEY": "s3cr3t-from-env-42", "HOME": "/home/someone"}
    )
    assert mask_text("signing with s3cr3t-from-env-42 now") == "signing with **** now"
    assert mask_text("/home/someone") == "/home/someone"  # only the named variables
