"""SFTP the way `ssh` behaves: ~/.ssh/config aliases, ProxyJump and known_hosts."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from spyglass.errors import SpyglassError
from spyglass.fs.sftp_filesystem import ssh_settings
from spyglass.location import open_backend, resolve
from tests.remote.servers import OpenSshServer, ServerUnavailable


@pytest.fixture
def sshd(tmp_path: Path) -> Iterator[OpenSshServer]:
    try:
        server = OpenSshServer(tmp_path, forwarding=True)
    except ServerUnavailable as exc:
        pytest.skip(str(exc))
    (tmp_path / "srv").mkdir()
    (tmp_path / "srv" / "motd.txt").write_text("welcome\n")
    server.start()
    yield server
    server.cleanup()


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    (folder / ".ssh").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(folder))
    return folder


def _trust(server: OpenSshServer, home: Path) -> None:
    (home / ".ssh" / "known_hosts").write_text(server.known_hosts_line())


def _names(url: str, **options: object) -> list[str]:
    location = resolve(url, {"look_for_keys": False, "allow_agent": False, **options})
    backend = open_backend(location)[0]
    return [entry.name for batch in backend.list_batches(location.path) for entry in batch]


def test_host_alias_from_ssh_config(sshd: OpenSshServer, home: Path) -> None:
    (home / ".ssh" / "config").write_text(
        f"Host box\n  HostName 127.0.0.1\n  Port {sshd.port}\n  User root\n"
        f"  IdentityFile {sshd.client_key}\n"
    )
    _trust(sshd, home)
    assert _names(f"sftp://box{sshd.root}/srv") == ["motd.txt"]


def test_proxy_jump_tunnels_through_the_jump_host(sshd: OpenSshServer, home: Path) -> None:
    (home / ".ssh" / "config").write_text(
        f"Host jump\n  HostName 127.0.0.1\n  Port {sshd.port}\n  User root\n"
        f"  IdentityFile {sshd.client_key}\n"
        f"Host inside\n  HostName 127.0.0.1\n  Port {sshd.port}\n  User root\n"
        f"  IdentityFile {sshd.client_key}\n  ProxyJump jump\n"
    )
    _trust(sshd, home)
    assert _names(f"ssh://inside{sshd.root}/srv") == ["motd.txt"]
    # one login on the jump host, one on the target through the tunnel
    assert sshd.log_tail().count("Accepted publickey") >= 2


def test_url_and_options_win_over_the_config(home: Path) -> None:
    (home / ".ssh" / "config").write_text(
        "Host box\n  HostName 10.1.2.3\n  Port 2200\n  User alice\n  IdentityFile ~/.ssh/id_box\n"
    )
    settings = ssh_settings("box", user="bob", port=None, options={"timeout": 5})
    assert settings["host"] == "10.1.2.3"
    assert settings["username"] == "bob"
    assert settings["port"] == 2200
    assert settings["key_filename"] == [str(home / ".ssh" / "id_box")]
    assert settings["timeout"] == 5
    settings = ssh_settings("box", user=None, port=2222, options={"key_filename": "/k"})
    assert settings["username"] == "alice"
    assert settings["port"] == 2222
    assert settings["key_filename"] == "/k"


def test_unknown_ssh_option_is_named(home: Path) -> None:
    with pytest.raises(SpyglassError, match="unknown SSH option"):
        ssh_settings("box", user=None, port=None, options={"bogus": 1})


def test_changed_host_key_is_refused_with_a_warning(sshd: OpenSshServer, home: Path) -> None:
    other = sshd.workdir / "other_host"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(other)], check=True)
    key = Path(f"{other}.pub").read_text().split()[1]
    (home / ".ssh" / "known_hosts").write_text(f"[127.0.0.1]:{sshd.port} ssh-ed25519 {key}\n")
    with pytest.raises(SpyglassError, match="has CHANGED"):
        _names(
            f"sftp://root@127.0.0.1:{sshd.port}{sshd.root}/srv",
            key_filename=str(sshd.client_key),
        )


def test_unknown_host_key_without_a_prompt_is_refused(sshd: OpenSshServer, home: Path) -> None:
    with pytest.raises(SpyglassError, match="is not known"):
        _names(
            f"sftp://root@127.0.0.1:{sshd.port}{sshd.root}/srv",
            key_filename=str(sshd.client_key),
        )
