"""SFTP v3 lets a server leave out any attribute of a listed entry: the folder still lists."""

from __future__ import annotations

import stat

import paramiko

from spyglass.fs.entry import Kind
from spyglass.fs.fsspec_backend import entry_from_info
from spyglass.fs.sftp_filesystem import SshFileSystem


def attributes(name: str, **fields: int) -> paramiko.SFTPAttributes:
    """What paramiko makes of an entry whose server sent only these attributes."""
    attrs = paramiko.SFTPAttributes()
    attrs.filename = name
    for field, value in fields.items():
        setattr(attrs, field, value)
    return attrs


def test_an_entry_without_attributes_is_a_file_of_unknown_size_and_time() -> None:
    info = SshFileSystem._decode_stat(attributes("bare.log"), "/srv/logs")
    entry = entry_from_info(info)
    assert (entry.name, entry.path, entry.kind) == ("bare.log", "/srv/logs/bare.log", Kind.FILE)
    assert entry.size is None and entry.mtime is None


def test_the_attributes_that_did_come_are_used() -> None:
    folder = SshFileSystem._decode_stat(
        attributes("sub", st_mode=stat.S_IFDIR | 0o755, st_mtime=1_700_000_000), "/srv"
    )
    entry = entry_from_info(folder)
    assert entry.kind is Kind.FOLDER and entry.mtime == 1_700_000_000
    sized = entry_from_info(SshFileSystem._decode_stat(attributes("a.bin", st_size=42), "/srv"))
    assert sized.kind is Kind.FILE and sized.size == 42
