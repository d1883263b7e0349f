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

from spyglass.config import Config  # noqa: E402
from spyglass.location import resolve  # noqa: E402
from spyglass.tree.model import RowKind  # noqa: E402
from spyglass.ui.app import SpyglassApp  # noqa: E402
from tests.remote.servers import MotoServer, OpenSshServer  # noqa: E402
from tests.support.pilot import settle  # noqa: E402
from tests.ui.conftest import SNAPSHOT_ROOT  # noqa: E402
from tests.ui.sample_tree import build_sample  # noqa: E402
from tests.ui.scenes import SCENES, SIZE, Scene  # noqa: E402

OUT = ROOT / "screenshots"
BUCKET = "spyglass-demo"


async def shoot(scene: Scene, sample: Path) -> Path:
    app = scene.app(sample)
    async with app.run_test(size=SIZE) as pilot:
        await scene.play(pilot)
        path = app.save_screenshot(f"{scene.name}.svg", str(OUT))
    return Path(path)


async def shoot_remote(name: str, url: str, options: dict[str, object], select: str) -> Path:
    """A remote session: the sample folder served by a real server on 127.0.0.1."""
    app = SpyglassApp(resolve(url, options), Config())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for index, row in enumerate(app.file_tree.rows):
            if index and row.kind is RowKind.ENTRY and row.entry.name == select:
                app.file_tree.move_cursor(index)
        await settle(pilot)
        path = app.save_screenshot(f"{name}.svg", str(OUT))
    return Path(path)


def s3_session(sample: Path) -> Path:
    import s3fs

    server = MotoServer()
    server.start()
    try:
        options = server.options()
        fs = s3fs.S3FileSystem(**options)
        fs.mkdir(BUCKET)
        fs.put(str(sample / "src"), f"{BUCKET}/sample/src", recursive=True)
        fs.put(str(sample / "docs"), f"{BUCKET}/sample/docs", recursive=True)
        for name in ("cities.csv", "sensors.parquet", "data.json", "gradient.png", "notes.txt"):
            fs.put(str(sample / name), f"{BUCKET}/sample/{name}")
        return asyncio.run(shoot_remote("s3", f"s3://{BUCKET}/sample", options, "cities.csv"))
    finally:
        server.cleanup()


def sftp_session(sample: Path) -> Path:
    """Over SSH through a host alias, as a user's ~/.ssh/config would have it."""
    server = OpenSshServer(sample)
    server.start()
    home = server.workdir / "home"
    (home / ".ssh").mkdir(parents=True)
    (home / ".ssh" / "config").write_text(
        f"Host build-server\n  HostName 127.0.0.1\n  Port {server.port}\n  User root\n"
        f"  IdentityFile {server.client_key}\n"
    )
    (home / ".ssh" / "known_hosts").write_text(server.known_hosts_line())
    previous = os.environ.get("HOME")
    os.environ["HOME"] = str(home)
    try:
        options: dict[str, object] = {"look_for_keys": False, "allow_agent": False}
        url = f"sftp://build-server{sample}/src"
        return asyncio.run(shoot_remote("sftp", url, options, "count_words.py"))
    finally:
        if previous is not None:
            os.environ["HOME"] = previous
        server.cleanup()


def main() -> None:
    os.environ["TZ"] = "UTC"
    time.tzset()
    OUT.mkdir(exist_ok=True)
    sample = build_sample(SNAPSHOT_ROOT)
    for scene in SCENES:
        print(asyncio.run(shoot(scene, sample)).relative_to(ROOT))
    print(s3_session(sample).relative_to(ROOT))
    print(sftp_session(sample).relative_to(ROOT))


if __name__ == "__main__":
    main()
