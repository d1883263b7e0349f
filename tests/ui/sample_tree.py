"""A fixed sample folder for pilot and snapshot tests: same names, bytes and times everywhere."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

FIXED_TIME = 1_704_164_645  # 2024-01-02 03:04:05 UTC

PYTHON = '''#!/usr/bin/env python3
"""Count words in the files given on the command line."""

import sys
from collections import Counter


def count_words(paths: list[str]) -> Counter[str]:
    words: Counter[str] = Counter()
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                words.update(line.split())
    return words


if __name__ == "__main__":
    for word, n in count_words(sys.argv[1:]).most_common(10):
        print(f"{n:6} {word}")
'''

MARKDOWN = """# Field notes

Spyglass shows **Markdown** rendered, with *emphasis*, `code` and lists:

- tree on the left
- preview on the right

> Names like [red]this[/red] stay literal.

```python
print("hello")
```
"""

JSON = (
    '{"name": "spyglass", "tags": ["tui", "files"], "size": 3, '
    '"nested": {"ok": true, "none": null}}'
)


CSV = """city,country,population,area_km2,founded
Tokyo,Japan,13960000,2194,1457
Delhi,India,16787941,1484,1052
Shanghai,China,24870895,6341,751
São Paulo,Brazil,12325232,1521,1554
Mexico City,Mexico,9209944,1485,1325
Cairo,Egypt,9539673,3085,969
Mumbai,India,12442373,603,1507
Beijing,China,21893095,16411,1045
Dhaka,Bangladesh,10278882,306,1608
Osaka,Japan,2752412,225,1496
"""


def _parquet(path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table(
        {
            "sensor": [f"s-{index % 7}" for index in range(500)],
            "reading": [round(20 + (index % 37) * 0.25, 2) for index in range(500)],
            "ok": [index % 11 != 0 for index in range(500)],
        }
    )
    pq.write_table(table, path, row_group_size=100, compression="zstd")


def _picture(path: Path) -> None:
    from PIL import Image

    image = Image.new("RGB", (96, 64))
    image.putdata(
        [(x * 255 // 95, y * 255 // 63, (x + y) * 255 // 158) for y in range(64) for x in range(96)]
    )
    image.save(path, format="PNG")


def build_sample(root: Path) -> Path:
    """(Re)create the sample folder at `root` and return it."""
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    (root / "docs").mkdir()
    (root / "docs" / "guide.md").write_text(MARKDOWN, encoding="utf-8")
    (root / "src").mkdir()
    (root / "src" / "count_words.py").write_text(PYTHON, encoding="utf-8")
    (root / "data.json").write_text(JSON, encoding="utf-8")
    (root / "broken.json").write_text('{"a": 1,\n "b": [1, 2\n}\n', encoding="utf-8")
    (root / "notes.txt").write_bytes("Caf\xe9 cr\xe8me, na\xefve fa\xe7ade\n".encode("latin-1") * 3)
    (root / "image.bin").write_bytes(bytes(range(256)) * 2)
    (root / "empty.txt").write_bytes(b"")
    (root / ".hidden").write_text("secret-ish\n", encoding="utf-8")
    (root / "[bold red]alert.txt").write_text("not red\n", encoding="utf-8")
    (root / "escape\x1b[2J.txt").write_text(
        "danger \x1b[2J\x1b]0;title\x07 shown\n", encoding="utf-8"
    )
    (root / "file2.txt").write_text("two\n", encoding="utf-8")
    (root / "file10.txt").write_text("ten\n", encoding="utf-8")
    (root / "cities.csv").write_text(CSV, encoding="utf-8")
    _parquet(root / "sensors.parquet")
    _picture(root / "gradient.png")
    os.symlink("src/count_words.py", root / "link-to-code")
    os.symlink("loop-b", root / "loop-a")
    os.symlink("loop-a", root / "loop-b")
    os.symlink("missing-target", root / "dangling")
    for dirpath, dirnames, filenames in os.walk(root, topdown=False):
        for name in filenames + dirnames:
            os.utime(os.path.join(dirpath, name), (FIXED_TIME, FIXED_TIME), follow_symlinks=False)
    os.utime(root, (FIXED_TIME, FIXED_TIME))
    return root
