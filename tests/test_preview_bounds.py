"""Limits inside the previewers: columns, Markdown, highlighting, deep JSON, image sizes."""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path

import pytest
from rich.text import Text
from textual.widgets import Static

from spyglass.errors import SpyglassError
from spyglass.previews.highlight_budget import MAX_HIGHLIGHT_CHARS, within_highlight_budget
from spyglass.previews.preview_options import PreviewOptions
from spyglass.previews.results import (
    HexPreview,
    ImagePreview,
    NoteKind,
    RenderablePreview,
    TextPreview,
)
from spyglass.previews.table_data import MAX_PRETTY_DEPTH, pretty_cell
from spyglass.ui.cell_detail_screen import CellDetailScreen
from tests.data_app import PaneApp, focus_view
from tests.data_samples import feather_bytes, image_bytes, preview_file, table_of, write
from tests.support import bombs
from tests.support.pilot import settle


def _notes(preview: object, kind: NoteKind) -> list[str]:
    return [note.text for note in getattr(preview, "notes", []) if note.kind is kind]


def test_a_csv_of_100000_columns_shows_the_first_1000_and_counts_the_rest(tmp_path: Path) -> None:
    preview = preview_file(write(tmp_path, "wide.csv", bombs.wide_csv(100_000, rows=3)))
    table = table_of(preview)
    assert len(table.columns) == 1_000 and all(len(row) == 1_000 for row in table.rows)
    assert table.columns[-1].name == "c999"
    assert "showing 1,000 of 100,000 columns" in _notes(preview, NoteKind.PART)
    assert "100,000 columns" in table.shape()


def test_json_records_keep_the_first_columns(tmp_path: Path) -> None:
    lines = "".join(json.dumps({f"k{i}": i for i in range(8)}) + "\n" for _ in range(3))
    preview = preview_file(write(tmp_path, "r.jsonl", lines), PreviewOptions(max_columns=5))
    table = table_of(preview)
    assert [column.name for column in table.columns] == ["k0", "k1", "k2", "k3", "k4"]
    assert "showing 5 of 8 columns" in _notes(preview, NoteKind.PART)


def test_sqlite_selects_only_the_first_columns(tmp_path: Path) -> None:
    connection = sqlite3.connect(tmp_path / "wide.db")
    connection.execute(f"CREATE TABLE t({', '.join(f'c{i}' for i in range(12))})")
    connection.execute(f"INSERT INTO t VALUES ({', '.join('?' * 12)})", list(range(12)))
    connection.commit()
    connection.close()
    preview = preview_file(tmp_path / "wide.db", PreviewOptions(max_columns=4))
    table = table_of(preview)
    assert table.rows == [["0", "1", "2", "3"]]
    assert "showing 4 of 12 columns" in _notes(preview, NoteKind.PART)


def test_arrow_and_its_schema_keep_the_first_columns(tmp_path: Path) -> None:
    preview = preview_file(
        write(tmp_path, "t.feather", feather_bytes(5)), PreviewOptions(max_columns=2)
    )
    table = table_of(preview)
    assert len(table.columns) == 2 and all(len(row) == 2 for row in table.rows)
    assert table.schema is not None and len(table.schema.rows) == 2


def test_parquet_reads_only_the_first_columns_and_bounds_its_schema(tmp_path: Path) -> None:
    bombs.wide_parquet(tmp_path / "wide.parquet", 50, rows=4)
    preview = preview_file(tmp_path / "wide.parquet", PreviewOptions(max_columns=10))
    table = table_of(preview)
    assert [column.name for column in table.columns] == [f"c{i}" for i in range(10)]
    assert all(len(row) == 10 for row in table.rows)
    assert table.schema is not None and len(table.schema.rows) == 10
    assert "showing 10 of 50 columns" in _notes(preview, NoteKind.PART)


def test_a_sqlite_view_that_never_ends_leaves_the_tables_quick_and_is_a_sentence(
    tmp_path: Path,
) -> None:
    bombs.endless_view(tmp_path / "db.sqlite", with_table=True)
    outcome: list[object] = []

    def load() -> None:
        table = table_of(preview_file(tmp_path / "db.sqlite"))
        outcome.append(table)
        assert table.open_part is not None
        try:
            table.open_part("forever")
        except SpyglassError as exc:
            outcome.append(str(exc))

    worker = threading.Thread(target=load, daemon=True)
    worker.start()
    worker.join(timeout=30)
    assert not worker.is_alive(), "reading the view did not stop"
    assert outcome[1] == "reading view forever was stopped after 3 s (it may never end)"


def test_markdown_past_the_budget_is_plain_text_with_a_note(tmp_path: Path) -> None:
    table = "| a | b |\n|---|---|\n" + "| one | two |\n" * 30_000
    preview = preview_file(write(tmp_path, "big.md", table))
    assert isinstance(preview, TextPreview) and preview.lexer is None
    assert "larger than 256 KiB: shown as plain text" in _notes(preview, NoteKind.PROBLEM)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("".join("  " * depth + "- item\n" for depth in range(12)), "nested more than 8 levels"),
        ("|" + "|".join("x" * 2 for _ in range(6_000)) + "|\n", "tables of more than 5,000 cells"),
        ("".join(f"line {i}\n" for i in range(6_000)), "more than 5,000 lines"),
    ],
)
def test_markdown_too_deep_or_too_busy_is_plain_text(
    tmp_path: Path, text: str, reason: str
) -> None:
    preview = preview_file(write(tmp_path, "doc.md", text))
    assert isinstance(preview, TextPreview)
    assert any(reason in note for note in _notes(preview, NoteKind.PROBLEM))
    assert preview.lines[0] == text.splitlines()[0]


def test_ordinary_markdown_is_still_rendered(tmp_path: Path) -> None:
    text = "# Title\n\n" + "".join("  " * depth + "- item\n" for depth in range(4))
    assert isinstance(preview_file(write(tmp_path, "doc.md", text)), RenderablePreview)


def test_code_past_the_highlight_budget_is_shown_plain(tmp_path: Path) -> None:
    code = "def f(x):\n    return x + 1\n" * (MAX_HIGHLIGHT_CHARS // 20)
    preview = preview_file(write(tmp_path, "big.py", code))
    assert isinstance(preview, TextPreview) and preview.lexer is None
    assert "larger than 256 KiB: shown without highlighting" in _notes(preview, NoteKind.PROBLEM)
    small = preview_file(write(tmp_path, "small.py", "def f(x):\n    return x\n"))
    assert isinstance(small, TextPreview) and small.lexer == "python"


def test_the_highlight_budget_can_be_asked_for_any_text() -> None:
    assert within_highlight_budget("print('hello')\n")
    assert not within_highlight_budget("x" * (MAX_HIGHLIGHT_CHARS + 1))
    assert not within_highlight_budget(["ok", "y" * 20_000])
    assert not within_highlight_budget("s!" + "\\" * 40)
    assert within_highlight_budget(r"print('\\n')")


def test_json_nested_100000_deep_is_shown_as_it_is_with_a_note() -> None:
    deep = "[" * 100_000 + "]" * 100_000
    pretty = pretty_cell(deep)
    assert pretty.text == deep
    assert pretty.note == f"nested more than {MAX_PRETTY_DEPTH} levels deep: shown as it is"
    assert pretty_cell('{"a": [1, "]]]"]}').text == '{\n  "a": [\n    1,\n    "]]]"\n  ]\n}'
    # Just deeper than the parser recurses: no RecursionError either.
    assert pretty_cell("[" * 999 + "]" * 999).note is not None


def test_a_json_file_nested_too_deep_is_shown_as_it_is(tmp_path: Path) -> None:
    preview = preview_file(write(tmp_path, "deep.json", "[" * 5_000 + "]" * 5_000))
    assert isinstance(preview, TextPreview)
    assert any("nested too deep" in text for text in preview.note_texts)


async def test_the_cell_view_opens_a_deeply_nested_json_cell(tmp_path: Path) -> None:
    deep = "[" * 5_000 + "]" * 5_000
    app = PaneApp(write(tmp_path, "deep.csv", f'id,doc\n1,"{deep}"\n'))
    async with app.run_test(size=(80, 20)) as pilot:
        await settle(pilot)
        await focus_view(pilot)
        await pilot.press("right", "enter")
        assert isinstance(app.screen, CellDetailScreen)
        texts = [w.content for w in app.screen.query(Static) if isinstance(w.content, Text)]
        assert any("nested more than 100 levels deep" in text.plain for text in texts)
        assert any(text.plain == deep for text in texts)


def test_an_image_above_the_decoding_budget_is_a_sentence(tmp_path: Path) -> None:
    path = write(tmp_path, "big.png", image_bytes("PNG", (1000, 1000)))
    preview = preview_file(path, PreviewOptions(max_image_pixel_bytes=1024 * 1024))
    assert isinstance(preview, HexPreview)
    assert any(
        "3.8 MiB once decoded, above the 1.0 MiB limit" in text for text in preview.note_texts
    )


def test_a_big_sixteen_bit_image_is_shrunk_before_it_is_converted(tmp_path: Path) -> None:
    from PIL import Image

    Image.new("I;16", (6000, 300), 1000).save(tmp_path / "grey.png")
    preview = preview_file(tmp_path / "grey.png")
    assert isinstance(preview, ImagePreview)
    assert preview.payload.width == 6000 and preview.payload.image.width <= 2048
    assert preview.payload.image.mode == "RGB"
