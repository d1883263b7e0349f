"""A stand-in for `$EDITOR`: a small Python script that does what the test says.

It appends text to the file it is given (or leaves it alone), can change the
original on its store first (someone else's edit, made while "editing"), records
what it saw (path, file and folder modes, whether it could write) and exits
with the status asked for.
"""

from __future__ import annotations

import json
import shlex
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

SCRIPT = r"""
import json, os, stat, sys
spec = json.load(open(sys.argv[1]))
path = sys.argv[-1]
meddle = spec.get("meddle")
if meddle:
    from spyglass.location import open_backend, resolve
    location = resolve(meddle["url"], meddle["options"])
    backend, target = open_backend(location)
    backend.write_file(location.focus or target, meddle["content"].encode(), expected=None)
seen = {
    "path": path,
    "mode": stat.S_IMODE(os.stat(path).st_mode),
    "folder_mode": stat.S_IMODE(os.stat(os.path.dirname(path)).st_mode),
    "content": open(path, "rb").read().decode("utf-8", "replace"),
}
if spec.get("append") is not None:
    if not os.access(path, os.W_OK) and not spec.get("force"):
        seen["refused"] = True
    else:
        os.chmod(path, os.stat(path).st_mode | stat.S_IWUSR)
        with open(path, "ab") as out:
            out.write(spec["append"].encode())
json.dump(seen, open(spec["seen"], "w"))
sys.exit(spec.get("status", 0))
"""


@dataclass
class EditorScript:
    folder: Path
    append: str | None = None  # None: the file is left as it was
    status: int = 0
    meddle: dict[str, Any] | None = None  # {"url", "options", "content"}: someone else's edit
    force: bool = False  # write even a read-only copy (as `:w!` does)
    runs: list[dict[str, Any]] = field(default_factory=list)

    @property
    def command(self) -> str:
        script = self.folder / "editor.py"
        script.write_text(SCRIPT)
        spec = self.folder / "editor.json"
        values = asdict(self)
        values.pop("folder"), values.pop("runs")
        spec.write_text(json.dumps({**values, "seen": str(self.folder / "seen.json")}))
        return shlex.join([sys.executable, str(script), str(spec)])

    def seen(self) -> dict[str, Any]:
        result: dict[str, Any] = json.loads((self.folder / "seen.json").read_text())
        return result
