"""Who answers "trust this new SSH host key?": the UI sets a prompt, scripts have none.

Kept apart from the SFTP code so the app can set it without importing paramiko.
"""

from __future__ import annotations

from collections.abc import Callable

# Called from a worker thread with (host, key type, SHA256 fingerprint); True trusts the key.
HostKeyPrompt = Callable[[str, str, str], bool]

_prompt: HostKeyPrompt | None = None


def set_host_key_prompt(prompt: HostKeyPrompt | None) -> None:
    global _prompt
    _prompt = prompt


def ask_about_host_key(host: str, key_type: str, fingerprint: str) -> bool:
    """False when nobody can be asked (`spyglass cat`, scripts): an unknown key is refused."""
    return _prompt is not None and _prompt(host, key_type, fingerprint)
