"""Write the README screenshots (SVG) from the real app on the fixed sample folder.

Run from the repository root: `.venv/bin/python scripts/screenshots.py`.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.ui.conftest import SNAPSHOT_ROOT  # noqa: E402
from tests.ui.sample_tree import build_sample  # noqa: E402
from tests.ui.scenes import SCENES, SIZE, Scene  # noqa: E402

OUT = ROOT / "screenshots"


async def shoot(scene: Scene, sample: Path) -> Path:
    app = scene.app(sample)
    async with app.run_test(size=SIZE) as pilot:
        await scene.play(pilot)
        path = app.save_screenshot(f"{scene.name}.svg", str(OUT))
    return Path(path)


def main() -> None:
    os.environ["TZ"] = "UTC"
    time.tzset()
    OUT.mkdir(exist_ok=True)
    sample = build_sample(SNAPSHOT_ROOT)
    for scene in SCENES:
        print(asyncio.run(shoot(scene, sample)).relative_to(ROOT))


if __name__ == "__main__":
    main()
