"""SVG snapshots of the main screens on the fixed sample folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.ui.scenes import SCENES, SIZE, Scene


@pytest.mark.parametrize("scene", SCENES, ids=[scene.name for scene in SCENES])
def test_screen(scene: Scene, snapshot_sample: Path, snap_compare: Any) -> None:
    assert snap_compare(scene.app(snapshot_sample), terminal_size=SIZE, run_before=scene.play)
