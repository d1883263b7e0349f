"""Folder sizes over SFTP (find on the server, and a walk without exec) and S3 (one listing).

The SSH server is loopback, so its tree is this machine's: GNU du run here
is the truth for what find on the server must add up to.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from spyglass.cli import main
from spyglass.fs.backend import Backend, Capabilities
from spyglass.jobs.update import JobState
from spyglass.location import open_backend, resolve
from spyglass.sizes.options import SizeOptions
from tests.remote.conftest import Servers
from tests.remote.test_server_search import close, connect, start
from tests.sizes.support import count, du, make_tree
from tests.support.counting_backend import CountingBackend


@pytest.fixture(scope="module")
def tree() -> Iterator[Path]:
    base = Path(tempfile.mkdtemp(prefix="spyglass-sizes-"))
    base.chmod(0o755)
    root = base / "tree"
    root.mkdir()
    make_tree(root)
    yield root
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="module")
def sftp(tree: Path) -> Iterator[Backend]:
    server = start(tree)
    backend = connect(server, tree)
    yield backend
    close(backend)
    server.cleanup()


USER = "spyglass-sizes"  # a user without root's power, for a folder it cannot read


@pytest.fixture(scope="module")
def locked_tree() -> Iterator[Path]:
    base = Path(tempfile.mkdtemp(prefix="spyglass-sizes-locked-"))
    base.chmod(0o755)
    root = base / "tree"
    (root / "open").mkdir(parents=True)
    (root / "open" / "a.bin").write_bytes(b"a" * 5_000)
    (root / "locked" / "inner").mkdir(parents=True)
    (root / "locked" / "inner" / "b.bin").write_bytes(b"b" * 7_000)
    yield root
    (root / "locked").chmod(0o755)
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="module")
def user_sftp(locked_tree: Path) -> Iterator[Backend]:
    """A non-root login (CI runs as root, who can read everything)."""
    if os.geteuid() != 0 or shutil.which("useradd") is None:
        pytest.skip("needs root and useradd to make a user without root's power")
    home = locked_tree.parent / "home"
    home.mkdir(exist_ok=True)
    subprocess.run(["userdel", "--force", USER], capture_output=True)  # left by a killed run
    subprocess.run(["useradd", "-M", "-d", str(home), "-s", "/bin/sh", "-p", "*", USER], check=True)
    shutil.chown(home, USER)
    (locked_tree / "locked").chmod(0o000)
    server = start(locked_tree)
    server.workdir.chmod(0o755)  # sshd reads the user's authorized_keys as the user
    backend = connect(server, locked_tree, user=USER)
    yield backend
    close(backend)
    server.cleanup()
    (locked_tree / "locked").chmod(0o755)
    subprocess.run(["userdel", "--force", USER], capture_output=True)


class NoExec(CountingBackend):
    """The same SFTP connection with commands off, as for an SFTP-only account."""

    @property
    def capabilities(self) -> Capabilities:
        return super().capabilities._replace(exec=False)


def test_find_on_the_server_adds_up_to_gnu_du(sftp: Backend, tree: Path) -> None:
    for options, flag in ((SizeOptions(), "-B1"), (SizeOptions(apparent=True), "-b")):
        job, final = count(sftp, str(tree), options)
        assert final.state is JobState.FINISHED, final.error
        assert job.tree.how == "find on the server"
        expected = du(flag, "--max-depth=2", str(tree))
        assert job.tree.totals()[0] == expected[str(tree)]
        assert job.tree.size_of(str(tree / "big" / "sub")) == (
            expected[str(tree / "big" / "sub")],
            1,
        )
        assert job.tree.size_of(str(tree / "empty")) == (expected[str(tree / "empty")], 0)
        assert job.tree.totals()[1:] == (6, 6)  # hard links once, links not followed
        hostile = [row.name for row in job.tree.rows(job.tree.root) if row.name.startswith("new")]
        assert hostile == ["new\nline \x1b[31m"]  # the raw name: the view makes it safe


def test_an_unreadable_folder_on_the_server_is_an_error_and_the_rest_counts(
    user_sftp: Backend, locked_tree: Path
) -> None:
    for backend, how in ((user_sftp, "find on the server"), (NoExec(user_sftp), "walked")):
        job, final = count(backend, str(locked_tree), SizeOptions(apparent=True))
        assert final.state is JobState.FINISHED, final.error
        tree = job.tree
        assert tree.how.startswith(how)
        assert tree.size_of(str(locked_tree / "open"))[0] >= 5_000  # type: ignore[index]
        assert tree.totals()[1] == 1  # a.bin; b.bin is out of reach
        [error] = tree.errors
        assert error.path == str(locked_tree / "locked"), error
        assert "ermission denied" in error.sentence
        [locked] = [row for row in tree.rows(tree.root) if row.name == "locked"]
        assert locked.unreadable


def test_without_exec_the_folders_are_walked_over_sftp(sftp: Backend, tree: Path) -> None:
    walked = NoExec(sftp)
    job, final = count(walked, str(tree))
    assert final.state is JobState.FINISHED, final.error
    assert job.tree.how == "walked the folders"
    assert job.tree.measure == "apparent size"  # listings have no block counts
    regular = 0
    for folder, _, names in os.walk(tree):
        for name in names:
            path = Path(folder) / name
            if not path.is_symlink():
                regular += path.stat().st_size  # each name of a hard link counts here
    assert job.tree.totals()[0] == regular
    assert job.tree.totals()[1:] == (8, 6)  # data.bin's three names, the two links too
    assert walked.listings == 6  # one listing per folder, links not followed


def test_s3_prefix_summed_exactly_without_versions_or_unfinished_uploads(
    servers: Servers, capsys: pytest.CaptureFixture[str]
) -> None:
    case = servers.case("s3")
    import boto3  # type: ignore[import-untyped]

    options: dict[str, Any] = dict(case.options)
    client = boto3.client(
        "s3",
        endpoint_url=options["endpoint_url"],
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        region_name="us-east-1",
    )
    bucket = "spyglass-sizes"
    client.create_bucket(Bucket=bucket)
    client.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    sizes = {
        "top/a/one.bin": 1_000,
        "top/a/deep/two.bin": 2_345,
        "top/b/three.bin": 70_000,
        "top/four.bin": 5,
        "top/b/": 0,  # a folder marker
        "other/not-counted.bin": 9_999,
    }
    for key, size in sizes.items():
        client.put_object(Bucket=bucket, Key=key, Body=b"v" * (size * 3))  # an older version
        client.put_object(Bucket=bucket, Key=key, Body=b"x" * size)
    upload = client.create_multipart_upload(Bucket=bucket, Key="top/a/unfinished.bin")
    client.upload_part(
        Bucket=bucket,
        Key="top/a/unfinished.bin",
        PartNumber=1,
        UploadId=upload["UploadId"],
        Body=b"u" * 5 * 1024 * 1024,
    )
    backend, root = open_backend(resolve(f"s3://{bucket}/top", options, timeout=15))
    job, final = count(backend, root)
    assert final.state is JobState.FINISHED, final.error
    tree = job.tree
    assert tree.how == "listed the bucket"
    assert tree.measure == "apparent size"
    assert "object versions and unfinished multipart uploads left out" in tree.notes
    assert tree.totals()[:2] == (1_000 + 2_345 + 70_000 + 5, 4)
    assert tree.size_of(backend.join(root, "a")) == (3_345, 2)
    assert tree.size_of(backend.join(root, "a/deep")) == (2_345, 1)
    assert tree.size_of(backend.join(root, "b")) == (70_000, 1)
    rows = [(row.name, row.bytes) for row in tree.rows(tree.root)]
    assert rows == [("b", 70_000), ("a", 3_345), ("", 5)]
    endpoint = f"endpoint_url={options['endpoint_url']}"
    keys = ["-k", endpoint, "-k", "key=testing", "-k", "secret=testing"]
    assert main(["du", f"s3://{bucket}/top", "--bytes", *keys]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[::2] for line in out[:-1]] == [
        ["70000", f"s3://{bucket}/top/b"],
        ["3345", f"s3://{bucket}/top/a"],
    ]
    assert out[-1].startswith("73350\t4 files in 4 folders\t")
    assert "apparent size; object versions and unfinished multipart uploads left out" in out[-1]
