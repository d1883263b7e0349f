from __future__ import annotations

import json
from pathlib import Path

from spyglass.previews.preview_options import PreviewOptions
from spyglass.previews.results import DataPreview, TextPreview
from tests.data_samples import preview_file, records, table_of, write


def _jsonl(count: int) -> str:
    return "".join(json.dumps(record) + "\n" for record in records(count))


def test_json_lines_become_rows_with_the_union_of_keys(tmp_path: Path) -> None:
    text = _jsonl(3) + json.dumps({"id": 3, "extra": {"deep": [1, 2]}}) + "\n"
    preview = preview_file(write(tmp_path, "events.jsonl", text))
    table = table_of(preview)
    assert [c.name for c in table.columns][-1] == "extra"
    assert table.rows[3][-1] == '{"deep": [1, 2]}'
    assert table.rows[0][-1] is None
    assert [c.type for c in table.columns][:4] == ["int", "str", "float", "bool"]
    assert isinstance(preview, DataPreview) and preview.title == "JSON Lines"


def test_ndjson_reads_only_the_first_rows(tmp_path: Path) -> None:
    options = PreviewOptions(max_rows=10)
    table = table_of(preview_file(write(tmp_path, "events.ndjson", _jsonl(100)), options))
    assert len(table.rows) == 10 and not table.exact_total


def test_invalid_json_line_names_the_line_and_falls_back_to_text(tmp_path: Path) -> None:
    text = _jsonl(2) + "{not json}\n"
    preview = preview_file(write(tmp_path, "bad.jsonl", text))
    assert isinstance(preview, TextPreview)
    assert any("invalid JSON on line 3" in note for note in preview.note_texts)


def test_json_array_of_objects_is_a_table(tmp_path: Path) -> None:
    preview = preview_file(write(tmp_path, "people.json", json.dumps(records(7))))
    table = table_of(preview)
    assert len(table.rows) == 7 and table.exact_total
    assert isinstance(preview, DataPreview) and preview.title == "JSON table"


def test_other_json_stays_with_the_json_previewer(tmp_path: Path) -> None:
    for name, value in [("list.json", [1, 2, 3]), ("object.json", {"a": [{"b": 1}]})]:
        preview = preview_file(write(tmp_path, name, json.dumps(value)))
        assert isinstance(preview, TextPreview) and preview.title == "JSON", name
        assert not preview.note_texts[0].startswith("Cannot")


def test_partial_json_array_shows_the_complete_objects(tmp_path: Path) -> None:
    text = json.dumps(records(2000))
    preview = preview_file(write(tmp_path, "big.json", text), max_bytes=4096)
    table = table_of(preview)
    assert 10 < len(table.rows) < 2000
    assert not table.exact_total


def test_array_with_a_non_object_element_falls_back_to_json(tmp_path: Path) -> None:
    text = json.dumps([{"a": 1}, 2])
    preview = preview_file(write(tmp_path, "mixed.json", text))
    assert isinstance(preview, TextPreview)
    assert any("element 2 of the array is not an object" in n for n in preview.note_texts)
