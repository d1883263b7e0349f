"""`--debug` writes every library's log to a file: no credential may reach it."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import isolated_env
from tests.remote.servers import MotoServer, ServerUnavailable

# Shaped like real AWS credentials, so that the patterns for them are put to the test.
KEY_ID = "AKIAZ7EXAMPLEKEY123Q"
SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY"
SESSION_TOKEN = "FwoGZXIvYXdzEBYaDEXAMPLESESSIONTOKENvalue0123456789"


@pytest.fixture
def moto() -> Iterator[MotoServer]:
    server = MotoServer()
    try:
        server.start()
    except ServerUnavailable as exc:
        pytest.skip(str(exc))
    yield server
    server.stop()


def test_the_debug_log_holds_no_credential_from_the_environment_or_the_options(
    moto: MotoServer, tmp_path: Path
) -> None:
    import s3fs

    fs = s3fs.S3FileSystem(key="setup", secret="setup", endpoint_url=moto.endpoint)
    fs.mkdir("logs")
    fs.pipe("logs/hello.txt", b"hello from spyglass\n")
    env = isolated_env(tmp_path)
    env.update(
        AWS_ACCESS_KEY_ID=KEY_ID,
        AWS_SECRET_ACCESS_KEY=SECRET,
        AWS_SESSION_TOKEN=SESSION_TOKEN,
        AWS_DEFAULT_REGION="us-east-1",
    )
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "spyglass",
            "cat",
            "s3://logs/hello.txt",
            "-k",
            f"endpoint_url={moto.endpoint}",
            "-k",
            'client_kwargs={"aws_session_token": "' + SESSION_TOKEN + '"}',
            "--debug",
        ],
        capture_output=True,
        text=True,
        timeout=90,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "hello from spyglass"
    [path] = [
        line.split("debug log in ", 1)[1]
        for line in done.stderr.splitlines()
        if "debug log" in line
    ]
    log = Path(path).read_text()
    assert "botocore" in log and "Authorization" in log  # the libraries did write their log
    for secret in (KEY_ID, SECRET, SESSION_TOKEN):
        assert secret not in log
    assert SECRET not in done.stderr and KEY_ID not in done.stderr
