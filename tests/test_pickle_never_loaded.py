"""A pickle is never loaded: loading one runs what it names (here: it would create a file)."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from spyglass.previews.results import HexPreview, TablePreview
from tests.data_samples import preview_file, write
from tests.test_data_cat import _cat


class _Touch:
    def __init__(self, target: Path) -> None:
        self.target = target

    def __reduce__(self) -> tuple[object, tuple[str, ...]]:
        return (os.system, (f"touch {self.target}",))


def _evil(target: Path, protocol: int) -> bytes:
    return pickle.dumps(_Touch(target), protocol=protocol)


def test_the_pickle_does_create_the_file_when_loaded(tmp_path: Path) -> None:
    target = tmp_path / "proof"
    pickle.loads(_evil(target, 4))  # the check below would catch a real load
    assert target.exists()


@pytest.mark.parametrize(("name", "protocol"), [("model.pkl", 4), ("state.pickle", 2), ("blob", 5)])
def test_pickle_previews_as_hex_and_is_not_loaded(tmp_path: Path, name: str, protocol: int) -> None:
    target = tmp_path / "created-by-pickle"
    preview = preview_file(write(tmp_path, name, _evil(target, protocol)))
    assert isinstance(preview, HexPreview)
    assert "never loaded" in preview.note_texts[0]
    assert not target.exists()


def test_cat_of_a_pickle_does_not_load_it(tmp_path: Path) -> None:
    target = tmp_path / "created-by-pickle"
    result = _cat(write(tmp_path, "model.pkl", _evil(target, 4)))
    assert result.returncode == 0, result.stderr
    assert "never loaded" in result.stderr + result.stdout
    assert not target.exists()


def test_pickled_hdf5_attribute_is_not_loaded(tmp_path: Path) -> None:
    import tables

    from tests.format_samples import write_hdf5

    target = tmp_path / "created-by-hdf5"
    path = write_hdf5(tmp_path / "sly.h5", 10)
    with tables.open_file(str(path), "a") as handle:
        handle.root.weather._v_attrs.trap = _Touch(target)
    assert not target.exists()
    preview = preview_file(path)
    assert isinstance(preview, TablePreview)
    assert len(preview.payload.rows) == 10
    assert not target.exists()
