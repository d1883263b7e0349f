"""The app and `spyglass cat` decode in the sandbox: a decode that runs away is a sentence."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import spyglass
from spyglass.previews.results import HexPreview, NoteKind, TextPreview
from spyglass.sandbox.limits import Limits
from spyglass.sandbox.pool import Sandbox, configure
from tests.data_app import PaneApp
from tests.support.pilot import settle

_SOURCE = str(Path(spyglass.__file__).resolve().parents[1])


def _workbook(path: Path, rows: int = 3000) -> Path:
    """A plain workbook that takes openpyxl a good part of a second to read."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["id", "name", "score", "city", "note"])
    for n in range(rows):
        sheet.append([n, f"name-{n}", n * 0.5, "Lisbon", "a note"])
    book.save(path)
    return path


def _python(path: Path, lines: int = 3000) -> Path:
    path.write_text("".join(f"def f{n}(x):\n    return x + {n}  # n\n" for n in range(lines)))
    return path


def _environment(home: Path, **settings: str) -> dict[str, str]:
    return {"PATH": "/usr/bin:/bin", "HOME": str(home), "PYTHONPATH": _SOURCE, **settings}


@pytest.fixture
def hasty() -> Iterator[None]:
    """Decodes given a millisecond: anything but the quickest is stopped."""
    configure(Limits(seconds=0.001))
    yield
    configure(Limits())


def test_cat_shows_a_decode_past_its_deadline_as_hex_and_says_why(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "big.xlsx")
    result = subprocess.run(
        [sys.executable, "-m", "spyglass", "cat", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        env=_environment(tmp_path, SPYGLASS_DECODE_TIMEOUT="0.001"),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("00000000  50 4b 03 04")  # a zip, in hex
    assert "stopped after 0.001 s; the start of the file is shown as hex" in result.stderr


def test_cat_prints_plain_text_when_colouring_runs_away() -> None:
    from spyglass.cat import _printed
    from spyglass.fs.entry import Entry, Kind
    from spyglass.previews.printed import PrintSettings
    from spyglass.sandbox.pool import Sandbox

    lines = [f"def f{n}(x): return x + {n}  # n" for n in range(3000)]
    preview = TextPreview(title="Python", lines=lines, lexer="python")
    settings = PrintSettings("monokai", True, 100, 40, "truecolor")
    hasty = Sandbox(Limits(seconds=0.001))
    try:
        printed = _printed(hasty, preview, settings, Entry("long.py", "/long.py", Kind.FILE))
    finally:
        hasty.close()
    assert printed is not None
    assert "def f2999(x): return x + 2999  # n" in printed
    assert "\x1b[" not in printed.split("def f0", 1)[1][:40]  # not coloured
    assert "stopped after 0.001 s colouring it: shown plain" in preview.note_texts


async def test_the_pane_shows_a_decode_past_its_deadline_as_hex(
    tmp_path: Path, hasty: None
) -> None:
    app = PaneApp(_workbook(tmp_path / "big.xlsx"))
    async with app.run_test() as pilot:
        await settle(pilot)
        preview = app.pane.preview
        assert isinstance(preview, HexPreview)
        assert preview.data.startswith(b"PK\x03\x04")
        problems = [note.text for note in preview.notes if note.kind is NoteKind.PROBLEM]
        assert problems == ["stopped after 0.001 s; the start of the file is shown as hex"]


async def test_code_whose_colouring_runs_away_is_shown_plain(tmp_path: Path) -> None:
    # Under the highlight budget of the code previewer (256 KiB), over one block of lines.
    app = PaneApp(_python(tmp_path / "long.py", lines=6_000))
    async with app.run_test() as pilot:
        await settle(pilot)
        quick = app.pane.sandbox
        app.pane.sandbox = Sandbox(Limits(seconds=0.001))  # the decode was quick; colouring is not
        try:
            view = app.pane.text_view
            view.scroll_to(0, 3_000, animate=False, immediate=True)  # a block never coloured
            await settle(pilot)
        finally:
            app.pane.sandbox.close()
            app.pane.sandbox = quick
        preview = app.pane.preview
        assert isinstance(preview, TextPreview)
        assert "too slow to colour: shown plain" in preview.note_texts
        assert view.lexer is None
        assert "return x + 1500" in "".join(
            strip.text for strip in (view.render_line(y) for y in range(5))
        )


def test_a_stopped_decode_leaves_the_next_preview_quick(tmp_path: Path, hasty: None) -> None:
    from spyglass.fs.local_backend import LocalBackend
    from spyglass.previews.loader import load_preview
    from spyglass.sandbox.pool import shared_sandbox

    backend = LocalBackend()
    slow = backend.stat(str(_workbook(tmp_path / "big.xlsx")))
    assert isinstance(load_preview(backend, slow, sandbox=shared_sandbox()), HexPreview)
    configure(Limits())
    small = tmp_path / "small.txt"
    small.write_text("hello\n")
    started = time.monotonic()
    preview = load_preview(backend, backend.stat(str(small)), sandbox=shared_sandbox())
    assert isinstance(preview, TextPreview) and preview.lines == ["hello"]
    assert time.monotonic() - started < 15


def test_cat_run_in_process_leaves_the_shared_sandbox_working(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from spyglass.cli import main
    from spyglass.sandbox.pool import shared_sandbox

    shared = shared_sandbox()
    (tmp_path / "a.txt").write_text("hello\n")
    assert main(["cat", str(tmp_path / "a.txt")]) == 0
    assert "hello" in capsys.readouterr().out
    assert shared_sandbox() is shared
    assert shared.run(len, "four") == 4
