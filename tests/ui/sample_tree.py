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
    os.symlink("src/count_words.py", root / "link-to-code")
    os.symlink("loop-b", root / "loop-a")
    os.symlink("loop-a", root / "loop-b")
    os.symlink("missing-target", root / "dangling")
    for dirpath, dirnames, filenames in os.walk(root, topdown=False):
        for name in filenames + dirnames:
            os.utime(os.path.join(dirpath, name), (FIXED_TIME, FIXED_TIME), follow_symlinks=False)
    os.utime(root, (FIXED_TIME, FIXED_TIME))
    return root
