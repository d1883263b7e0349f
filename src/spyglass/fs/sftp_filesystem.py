"""SFTP over paramiko the way `ssh` behaves: ~/.ssh/config, known_hosts, agent, ProxyJump.

fsspec's SFTPFileSystem trusts any host key and ignores ~/.ssh/config; this
subclass checks keys against known_hosts (asking the user about a new one,
refusing a changed one), reconnects after a dropped connection, follows links
in listings, reads ranges with pipelined requests and keeps names that are not
UTF-8 (`sftp_names.py`).
"""

from __future__ import annotations

import datetime
import os
import stat as stat_module
import threading
from collections.abc import Callable, Generator, Sequence
from pathlib import Path
from typing import Any

import paramiko
from fsspec.implementations.sftp import SFTPFileSystem

from spyglass.errors import SpyglassError
from spyglass.fs import sftp_names, ssh_exec
from spyglass.fs.backend import ExecRefused
from spyglass.fs.host_keys import ask_about_host_key

_SSH_OPTIONS = {
    "port",
    "username",
    "password",
    "key_filename",
    "passphrase",
    "timeout",
    "look_for_keys",
    "allow_agent",
    "known_hosts",
    "proxy_jump",
    "banner_timeout",
    "auth_timeout",
}


def _utc(seconds: float | None) -> datetime.datetime | None:
    if seconds is None:
        return None
    return datetime.datetime.fromtimestamp(seconds, tz=datetime.UTC)


def known_hosts_path() -> Path:
    return Path(os.path.expanduser("~/.ssh/known_hosts"))


def fingerprint(key: paramiko.PKey) -> str:
    return str(key.fingerprint)  # "SHA256:..." as ssh prints it


class _AskUser(paramiko.MissingHostKeyPolicy):  # type: ignore[misc]
    """A host key not in known_hosts: ask (UI) or refuse (scripts); remember a yes."""

    def __init__(self, known_hosts: Path) -> None:
        self.known_hosts = known_hosts

    def missing_host_key(
        self, client: paramiko.SSHClient, hostname: str, key: paramiko.PKey
    ) -> None:
        shown = fingerprint(key)
        if not ask_about_host_key(hostname, key.get_name(), shown):
            raise SpyglassError(
                f"the host key of {hostname} is not known ({key.get_name()} {shown}) and was not "
                f"accepted; check it and add it to {self.known_hosts}"
            )
        client.get_host_keys().add(hostname, key.get_name(), key)
        self.known_hosts.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with self.known_hosts.open("a", encoding="ascii") as handle:
            handle.write(f"{hostname} {key.get_name()} {key.get_base64()}\n")


def ssh_settings(
    host: str, *, user: str | None, port: int | None, options: dict[str, Any]
) -> dict[str, Any]:
    """Connection settings from the URL, then `-k` options, then ~/.ssh/config."""
    unknown = set(options) - _SSH_OPTIONS
    if unknown:
        raise SpyglassError(
            f"unknown SSH option(s) {', '.join(sorted(unknown))}; "
            f"known: {', '.join(sorted(_SSH_OPTIONS))}"
        )
    config_file = Path(os.path.expanduser("~/.ssh/config"))
    found: dict[str, Any] = {}
    if config_file.is_file():
        try:
            found = dict(paramiko.SSHConfig.from_path(str(config_file)).lookup(host))
        except (OSError, paramiko.ssh_exception.ConfigParseError) as exc:
            raise SpyglassError(f"cannot read {config_file}: {exc}") from exc
    settings: dict[str, Any] = {"host": found.get("hostname", host), "alias": host}
    settings["port"] = port or options.get("port") or int(found.get("port", 22))
    username = user or options.get("username") or found.get("user")
    if username:
        settings["username"] = username
    if "key_filename" not in options and found.get("identityfile"):
        settings["key_filename"] = [os.path.expanduser(p) for p in found["identityfile"]]
    jump = options.get("proxy_jump") or found.get("proxyjump")
    if jump and str(jump).lower() != "none":
        settings["proxy_jump"] = str(jump)
    for name, value in options.items():
        if name not in ("port", "username", "proxy_jump"):
            settings[name] = value
    settings.setdefault("timeout", 20)
    return settings


class SshFileSystem(SFTPFileSystem):  # type: ignore[misc]
    protocol = ("sftp", "ssh")
    cachable = False  # each location gets its own connection and settings

    def __init__(self, host: str, alias: str | None = None, **settings: Any) -> None:
        self.alias = alias or host
        self.known_hosts = Path(settings.pop("known_hosts", known_hosts_path()))
        self.proxy_jump: str | None = settings.pop("proxy_jump", None)
        self._lock = threading.Lock()
        self._jump: paramiko.SSHClient | None = None
        self._channels = threading.local()
        # the exec probe's answer for one connection: None (commands run) or the refusal
        self._exec_checked: tuple[paramiko.Transport, ExecRefused | None] | None = None
        super().__init__(host, **settings)

    @property
    def ftp(self) -> paramiko.SFTPClient:
        """This thread's own SFTP channel on the one SSH connection.

        One paramiko SFTP client is not safe to share: two threads listing at
        once break it (a TypeError, then every later call hangs). A channel a
        thread (the tree's, the preview's, a download's) keeps costs one round
        trip to open, and requests on one never wait for another's.
        """
        local = self._channels
        transport = self.client.get_transport()
        client: paramiko.SFTPClient | None = getattr(local, "client", None)
        if client is None or local.transport is not transport or client.sock.closed:
            client = sftp_names.open_channel(self.client)
            local.client, local.transport = client, transport
        return client

    @ftp.setter
    def ftp(self, client: paramiko.SFTPClient) -> None:
        """fsspec's own code sets the channel it opened: it becomes this thread's."""
        self._channels.client = client
        self._channels.transport = self.client.get_transport()

    # connection
    def _client(self, host: str, port: int, sock: Any = None, **kwargs: Any) -> paramiko.SSHClient:
        client = paramiko.SSHClient()
        if self.known_hosts.is_file():
            client.load_host_keys(str(self.known_hosts))
        client.set_missing_host_key_policy(_AskUser(self.known_hosts))
        try:
            client.connect(host, port=port, sock=sock, **kwargs)
        except paramiko.BadHostKeyException as exc:
            client.close()
            raise SpyglassError(
                f"WARNING: the host key of {host}:{port} has CHANGED (now {fingerprint(exc.key)}); "
                f"this could be an attack. Refusing to connect; if the change is expected, "
                f"remove the old key from {self.known_hosts}"
            ) from exc
        except Exception:
            client.close()
            raise
        return client

    def _connect(self) -> None:
        kwargs = dict(self.ssh_kwargs)
        port = int(kwargs.pop("port", 22))
        sock = None
        if self.proxy_jump:
            sock = self._jump_channel(port, kwargs)
        self.client = self._client(self.host, port, sock=sock, **kwargs)
        self.ftp = sftp_names.open_channel(self.client)

    def _jump_channel(self, port: int, kwargs: dict[str, Any]) -> Any:
        """ProxyJump: connect to the jump host and tunnel to the target through it."""
        jump = str(self.proxy_jump).split(",")[0]
        jump_user, _, jump_host = jump.rpartition("@")
        jump_host, _, jump_port = jump_host.partition(":")
        settings = ssh_settings(
            jump_host,
            user=jump_user or None,
            port=int(jump_port) if jump_port else None,
            options={},
        )
        settings.pop("alias", None)
        settings.pop("proxy_jump", None)
        host = settings.pop("host")
        jump_port_number = int(settings.pop("port"))
        for name in ("look_for_keys", "allow_agent", "timeout"):
            if name in kwargs:
                settings.setdefault(name, kwargs[name])
        self._jump = self._client(host, jump_port_number, **settings)
        transport = self._jump.get_transport()
        if transport is None:
            raise SpyglassError(f"the jump host {jump} closed the connection")
        return transport.open_channel("direct-tcpip", (self.host, port), ("127.0.0.1", 0))

    def _ensure_connected(self) -> None:
        """Reconnect after a dropped connection, on the next action."""
        transport = self.client.get_transport() if getattr(self, "client", None) else None
        if transport is not None and transport.is_active():
            return
        with self._lock:
            transport = self.client.get_transport() if getattr(self, "client", None) else None
            if transport is None or not transport.is_active():
                self.close()
                self._connect()

    def close(self) -> None:
        for client in (getattr(self, "client", None), self._jump):
            if client is not None:
                client.close()

    # commands on the host
    def run(
        self,
        argv: Sequence[str],
        *,
        timeout: float,
        on_stderr: Callable[[str], None] | None = None,
    ) -> Generator[bytes, None, None]:
        """`argv` on the host over this connection, its output streamed (`ssh_exec.stream`)."""
        self._ensure_connected()
        transport = self.client.get_transport()
        self._check_exec(transport, timeout)
        return ssh_exec.stream(transport, argv, timeout=timeout, on_stderr=on_stderr)

    def _check_exec(self, transport: paramiko.Transport, timeout: float) -> None:
        """The exec probe, once per connection: a refusal is remembered, not asked again."""
        checked = self._exec_checked
        if checked is None or checked[0] is not transport:
            refusal: ExecRefused | None = None
            try:
                ssh_exec.check_exec(transport, timeout)
            except ssh_exec.ChannelRefused:
                raise  # no channel this time: ask again next time
            except ExecRefused as exc:
                refusal = exc
            checked = self._exec_checked = (transport, refusal)
        if checked[1] is not None:
            raise ExecRefused(str(checked[1]))

    # operations used by the explorer
    def ls(self, path: str, detail: bool = False) -> Any:
        self._ensure_connected()
        entries = super().ls(path, detail=True)
        for entry in entries:
            if entry.get("type") == "link":
                self._follow_link(entry)
        if detail:
            return entries
        return sorted(entry["name"] for entry in entries)

    @staticmethod
    def _decode_stat(stat: paramiko.SFTPAttributes, parent_path: str | None = None) -> Any:
        """One listed entry; SFTP v3 lets a server leave out any attribute, and some do.

        What is missing stays unknown (no size, no time) instead of failing the
        whole folder; without a mode the entry is taken for a file, as `ls` would.
        """
        mode = stat.st_mode
        if mode is not None and stat_module.S_ISDIR(mode):
            kind = "directory"
        elif mode is not None and stat_module.S_ISLNK(mode):
            kind = "link"
        else:
            kind = "file"
        info: dict[str, Any] = {
            "name": "",
            "size": stat.st_size,
            "type": kind,
            "mode": mode,  # the entry's own, a link's too, as `ls -l` and the local listing show
            "uid": stat.st_uid,
            "gid": stat.st_gid,
            "mtime": _utc(stat.st_mtime),
            "time": _utc(stat.st_atime),
        }
        if parent_path:
            info["name"] = "/".join([parent_path.rstrip("/"), stat.filename])
        return info

    def _follow_link(self, entry: dict[str, Any]) -> None:
        """A link's kind is its target's; a dangling or looping link stays a link."""
        name = entry["name"]
        try:
            entry["destination"] = self.ftp.readlink(name)
            target = self.ftp.stat(name)
        except OSError:
            return
        entry["islink"] = True
        entry["type"] = "directory" if stat_module.S_ISDIR(target.st_mode or 0) else "file"
        entry["size"] = target.st_size

    def info(self, path: str, **kwargs: Any) -> Any:
        self._ensure_connected()
        return super().info(path)

    def cat_file(
        self, path: str, start: int | None = None, end: int | None = None, **kwargs: Any
    ) -> bytes:
        """A byte range with pipelined reads: far faster than paramiko's plain read."""
        self._ensure_connected()
        path = self._strip_protocol(path)
        with self.ftp.open(path, "rb") as handle:
            size = handle.stat().st_size or 0
            first = start or 0
            last = size if end is None else min(end, size)
            if last <= first:
                return b""
            return b"".join(handle.readv([(first, last - first)]))

    def _open(
        self, path: str, mode: str = "rb", block_size: int | None = None, **kwargs: Any
    ) -> Any:
        self._ensure_connected()
        return super()._open(path, mode=mode, block_size=block_size, **kwargs)

    def unstrip_protocol(self, name: str) -> str:
        user = self.ssh_kwargs.get("username")
        port = self.ssh_kwargs.get("port", 22)
        where = f"{user}@{self.alias}" if user else self.alias
        if port and int(port) != 22 and self.alias == self.host:
            where += f":{port}"
        return f"sftp://{where}/{name.lstrip('/')}"
