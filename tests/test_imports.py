"""The core never imports textual; start-up loads no heavy library (ARCHITECTURE.md, rule 6)."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import spyglass.fs
import spyglass.jobs
import spyglass.previews
import spyglass.tree

HEADLESS = sorted(
    {
        "spyglass.location",
        "spyglass.cat",
        "spyglass.cli",
        "spyglass.config",
        "spyglass.keys",
        "spyglass.safe_text",
        *(f"spyglass.tree.{info.name}" for info in pkgutil.iter_modules(spyglass.tree.__path__)),
        *(f"spyglass.fs.{info.name}" for info in pkgutil.iter_modules(spyglass.fs.__path__)),
        *(f"spyglass.jobs.{info.name}" for info in pkgutil.iter_modules(spyglass.jobs.__path__)),
        *(
            f"spyglass.previews.{info.name}"
            for info in pkgutil.iter_modules(spyglass.previews.__path__)
        ),
    }
)
HEAVY = ["textual", "pandas", "pyarrow", "PIL", "fsspec", "numpy", "s3fs", "gcsfs", "adlfs"]


def imported_after(*modules: str) -> set[str]:
    """Top-level packages loaded by a fresh interpreter that imports `modules`."""
    code = (
        "import importlib, json, sys\n"
        f"for name in {list(modules)!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted({name.split('.')[0] for name in sys.modules})))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    return set(json.loads(done.stdout))


def test_the_check_sees_textual_when_it_is_imported() -> None:
    assert "textual" in imported_after("spyglass.ui.app")


def test_headless_modules_do_not_import_textual() -> None:
    assert "spyglass.fs.local_backend" in HEADLESS
    assert "spyglass.previews.loader" in HEADLESS
    assert "textual" not in imported_after(*HEADLESS)


def test_each_headless_module_alone_does_not_import_textual() -> None:
    for module in ("spyglass.location", "spyglass.cat", "spyglass.previews.loader"):
        assert "textual" not in imported_after(module), module


def test_cli_import_loads_no_heavy_library() -> None:
    assert imported_after("spyglass.cli") & set(HEAVY) == set()


def test_local_location_does_not_import_fsspec() -> None:
    code = (
        "import sys, tempfile\n"
        "from spyglass.location import open_backend, resolve\n"
        "location = resolve(tempfile.gettempdir())\n"
        "backend, path = open_backend(location)\n"
        "list(backend.list_batches(path))\n"
        "print('fsspec' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "False"
