from __future__ import annotations

from pathlib import Path

import pytest

from spyglass.previews.results import DataPreview, HexPreview
from tests.data_samples import preview_file, table_of, write, xlsx_bytes

pytest.importorskip("openpyxl")


def test_xlsx_shows_the_first_sheet_with_a_header(tmp_path: Path) -> None:
    preview = preview_file(write(tmp_path, "book.xlsx", xlsx_bytes()))
    table = table_of(preview)
    assert [c.name for c in table.columns] == ["id", "city", "temperature"]
    assert [c.type for c in table.columns] == ["int", "str", "float"]
    assert table.rows[1] == ["1", "Oslo", "13.5"]
    assert table.total_rows == 12 and table.exact_total
    assert [part.name for part in table.parts] == ["Weather", "Notes"]
    assert table.part == "Weather"
    assert isinstance(preview, DataPreview) and preview.title == "Excel"


def test_another_sheet_opens_by_name(tmp_path: Path) -> None:
    table = table_of(preview_file(write(tmp_path, "book.xlsx", xlsx_bytes())))
    assert table.open_part is not None
    notes = table.open_part("Notes")
    assert notes.part == "Notes"
    assert [c.name for c in notes.columns] == ["A", "B"]  # no header row there
    assert notes.rows[1] == ["2", "second note"]


def test_corrupt_xlsx_is_a_sentence_then_hex(tmp_path: Path) -> None:
    data = xlsx_bytes()
    preview = preview_file(write(tmp_path, "broken.xlsx", data[: len(data) // 2]))
    assert isinstance(preview, HexPreview)
    assert any("corrupt Excel file" in note for note in preview.note_texts)


def test_zip_that_is_not_a_workbook_is_a_sentence(tmp_path: Path) -> None:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    preview = preview_file(write(tmp_path, "fake.xlsx", buffer.getvalue()))
    assert not isinstance(preview, DataPreview)
    assert any("corrupt Excel file" in note for note in preview.note_texts)
