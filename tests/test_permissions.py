"""A folder and a file without read permission: a sentence, never a crash.

Root reads everything, so the checks run in a child that drops to nobody.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import require_permissions_apply, run_unprivileged

_PREVIEW = """
import json, sys
from spyglass.fs.local_backend import LocalBackend
from spyglass.previews.results import MessagePreview
from spyglass.previews.loader import load_preview

backend = LocalBackend()
drop_privileges()
entry = backend.stat(sys.argv[1])
preview = load_preview(backend, entry)
assert isinstance(preview, MessagePreview), preview
try:
    listed = [e.name for batch in backend.list_batches(sys.argv[1]) for e in batch]
    listing_error = None
except OSError as exc:
    listed, listing_error = None, type(exc).__name__
print(json.dumps({"level": preview.level, "message": preview.message, "kind": entry.kind.value,
                  "listed": listed, "listing_error": listing_error}))
"""

_LIST = """
import json, sys
from spyglass.fs.local_backend import LocalBackend
from spyglass.previews.loader import load_preview

backend = LocalBackend()
drop_privileges()
entries = [e for batch in backend.list_batches(sys.argv[1]) for e in batch]
previews = [load_preview(backend, e) for e in entries]
print(json.dumps([[e.name, e.kind.value, e.error, p.message] for e, p in zip(entries, previews)]))
"""

_CAT = """
import contextlib, io, sys
from spyglass.cli import main

# One run on readable files first loads every module the real run needs:
# after the drop, the interpreter's own folder may be out of reach.
with contextlib.redirect_stdout(io.StringIO()):
    assert main(["cat", sys.argv[2]]) == 0
    assert main(["cat", sys.argv[3]]) == 0
drop_privileges()
sys.exit(main(["cat", sys.argv[1]]))
"""


def _home(folder: Path) -> Path:
    home = folder / "home"
    home.mkdir(mode=0o755, exist_ok=True)
    return home


def _cat_as_nobody(path: Path) -> subprocess.CompletedProcess[str]:
    warm_file = path.parent / "readable.txt"
    warm_file.write_text("readable\n")
    return run_unprivileged(
        _CAT, str(path), str(warm_file), str(path.parent), home=_home(path.parent)
    )


def _result(script: str, path: Path) -> object:
    done = run_unprivileged(script, str(path), home=_home(path.parent))
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture
def unreadable_file(public_dir: Path) -> Path:
    path = public_dir / "secret.txt"
    path.write_text("top secret\n")
    path.chmod(0o000)
    require_permissions_apply(path)
    return path


@pytest.fixture
def unreadable_folder(public_dir: Path) -> Path:
    path = public_dir / "locked"
    path.mkdir()
    (path / "inside.txt").write_text("x")
    path.chmod(0o000)
    require_permissions_apply(path)
    return path


def test_unreadable_file_preview_says_permission_denied(unreadable_file: Path) -> None:
    result = _result(_PREVIEW, unreadable_file)
    assert isinstance(result, dict)
    assert result["kind"] == "file"
    assert result["level"] == "error"
    assert result["message"] == f"Cannot read {unreadable_file}: permission denied."


def test_unreadable_folder_preview_and_listing_say_permission_denied(
    unreadable_folder: Path,
) -> None:
    result = _result(_PREVIEW, unreadable_folder)
    assert isinstance(result, dict)
    assert result["kind"] == "folder"
    assert result["level"] == "error"
    assert result["message"] == f"Cannot list {unreadable_folder}: permission denied."
    assert result["listing_error"] == "PermissionError"


def test_folder_without_search_permission_lists_names_with_errors(public_dir: Path) -> None:
    folder = public_dir / "names-only"
    folder.mkdir()
    (folder / "a.txt").write_text("a")
    folder.chmod(0o444)  # names can be read, entries cannot be looked at
    require_permissions_apply(folder / "a.txt")
    result = _result(_LIST, folder)
    assert isinstance(result, list)
    [[name, _, error, message]] = result
    assert name == "a.txt"
    assert error is not None and "ermission denied" in error
    assert "a.txt" in message and "ermission denied" in message


def test_cat_of_unreadable_file_exits_non_zero_with_a_sentence(unreadable_file: Path) -> None:
    done = _cat_as_nobody(unreadable_file)
    assert done.returncode != 0
    assert done.stdout == ""
    assert done.stderr.strip() == f"spyglass: Cannot read {unreadable_file}: permission denied."


def test_cat_of_unreadable_folder_exits_non_zero_with_a_sentence(
    unreadable_folder: Path,
) -> None:
    done = _cat_as_nobody(unreadable_folder)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert done.stderr.strip() == f"spyglass: Cannot list {unreadable_folder}: permission denied."
