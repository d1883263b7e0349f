"""The import-linter contracts in pyproject.toml catch a module that breaks the layers.

They are run on the real tree by scripts/test; here they run on a copy with a
module added, including packages that do not exist yet (jobs, navigator).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

pytestmark = pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter not installed")


def lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=tree,
        env={"PYTHONPATH": str(tree / "src"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A copy of the package and its contracts, to add modules to."""
    shutil.copytree(ROOT / "src" / "spyglass", tmp_path / "src" / "spyglass")
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    return tmp_path


def add_module(tree: Path, name: str, source: str) -> None:
    path = tree / "src" / Path(*name.split("."))
    path = path / "__init__.py" if name.endswith("jobs") else path.with_suffix(".py")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source)


def test_the_layers_hold_today(tree: Path) -> None:
    done = lint_imports(tree)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(
    ("module", "source", "broken"),
    [
        ("spyglass.jobs", "def run():\n    import textual\n", "Only spyglass.ui imports Textual"),
        (
            "spyglass.navigator",
            "def show():\n    from spyglass.ui.app import SpyglassApp\n",
            "Only spyglass.cli imports spyglass.ui from outside it",
        ),
        (
            "spyglass.jobs",
            "from spyglass.cli import main\n",
            "Only spyglass.__main__ imports spyglass.cli",
        ),
        (
            "spyglass.fs.peek",
            "def peek():\n    from spyglass.previews import registry\n",
            "The filesystem layer is the bottom one: it imports none of the layers above",
        ),
        (
            "spyglass.tree.widgets",
            "from textual.widget import Widget\n",
            "The headless core never imports Textual",
        ),
    ],
)
def test_a_module_that_breaks_a_layer_breaks_its_contract(
    tree: Path, module: str, source: str, broken: str
) -> None:
    add_module(tree, module, source)
    done = lint_imports(tree)
    assert done.returncode != 0
    assert f"{broken} BROKEN" in done.stdout, done.stdout + done.stderr
