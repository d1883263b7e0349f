"""Hostile files end in a result or a sentence, soon and in bounded memory.

Each bomb is made by the test, a few hundred KB on disk; `spyglass cat` runs
it in a child, with a deadline, and the child's peak memory is read back.
Before these bounds, these files hung for minutes or took 0.6-1.3 GB.
"""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

import pytest

from spyglass.fs.archives import ArchiveTooBig, open_archive
from spyglass.fs.local_backend import LocalBackend
from spyglass.previews.registry import Source
from spyglass.previews.text_stream import open_text
from tests.support import bombs
from tests.support.cat_run import CatRun, run_cat

# Generous: a hang is minutes; a bounded preview takes one or two seconds.
DEADLINE = 30.0
# The app takes 25-50 MiB to start; the old code took 600-1,300 MiB on these files.
PEAK_MIB = 300.0


def _bounded(run: CatRun, limit: float = PEAK_MIB) -> None:
    assert run.finished, f"no result within {DEADLINE:.0f} s"
    assert run.peak_mib < limit, f"peak memory {run.peak_mib:.0f} MiB"  # NaN fails too


@pytest.mark.parametrize("suffix", ["gz", "bz2", "xz"])
def test_a_decompressor_yields_no_more_than_the_byte_budget(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"bomb.csv.{suffix}"
    path.write_bytes(bombs.csv_bomb(suffix, mib=64))
    backend = LocalBackend()
    entry = backend.stat(str(path))
    budget = 256 * 1024
    source = Source(backend, entry, path.read_bytes()[:budget], budget)
    stream = open_text(source, limit=budget)
    text = stream.text.read()
    assert len(text.encode()) <= budget
    assert stream.cut


@pytest.mark.parametrize("suffix", ["gz", "bz2", "xz"])
def test_a_csv_bomb_shows_its_first_rows(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"bomb.csv.{suffix}"
    path.write_bytes(bombs.csv_bomb(suffix))
    assert path.stat().st_size < 3 * 1024 * 1024  # 1 GiB once decompressed
    run = run_cat(path, deadline=DEADLINE)
    _bounded(run)
    assert run.returncode == 0, run.stderr
    assert "first 1,000 rows shown" in run.said


@pytest.mark.parametrize("name", ["long.jsonl.gz", "long.csv.xz"])
def test_a_first_line_longer_than_the_budget_is_cut_and_said(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(bombs.long_first_line(name.rsplit(".", 1)[1]))
    run = run_cat(path, deadline=DEADLINE)
    _bounded(run)
    assert "longer than the 1.0 MiB budget" in run.said


def test_a_tar_gz_bomb_is_a_sentence_when_entered(tmp_path: Path) -> None:
    path = tmp_path / "bomb.tar.gz"
    path.write_bytes(bombs.tar_gz_bomb(256))
    backend = LocalBackend()
    with pytest.raises(ArchiveTooBig, match="more than 64 MiB once decompressed"):
        open_archive(backend, backend.stat(str(path)), scan_budget=64 * 1024 * 1024)


def test_a_tar_gz_within_the_budget_lists_and_reads_its_members(tmp_path: Path) -> None:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as tar:
        for name, data in (("a/one.txt", b"first\n"), ("two.txt", b"second\n")):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    path = tmp_path / "small.tar.gz"
    path.write_bytes(out.getvalue())
    backend = LocalBackend()
    inside = open_archive(backend, backend.stat(str(path)), scan_budget=64 * 1024)
    names = sorted(entry.name for batch in inside.list_batches("") for entry in batch)
    assert names == ["a", "two.txt"]
    assert inside.read_range("two.txt", 0, 100) == b"second\n"


def test_an_xlsx_shared_strings_bomb_is_a_sentence(tmp_path: Path) -> None:
    path = tmp_path / "strings.xlsx"
    path.write_bytes(bombs.shared_strings_bomb())
    run = run_cat(path, deadline=DEADLINE)
    _bounded(run)
    assert "xl/sharedStrings.xml takes more than 16 MiB once decompressed" in run.said


def test_an_xlsx_row_bomb_is_a_sentence(tmp_path: Path) -> None:
    path = tmp_path / "row.xlsx"
    path.write_bytes(bombs.row_bomb())
    run = run_cat(path, deadline=DEADLINE)
    _bounded(run)
    assert "the first row of sheet Sheet1 takes more than 8.0 MiB" in run.said


def test_a_sqlite_view_that_never_ends_is_stopped_and_said(tmp_path: Path) -> None:
    path = tmp_path / "forever.sqlite"
    bombs.endless_view(path)
    run = run_cat(path, deadline=DEADLINE)
    _bounded(run)
    assert "reading view forever was stopped after 3 s (it may never end)" in run.said


def test_a_parquet_file_of_10000_columns_reads_the_first_1000(tmp_path: Path) -> None:
    path = tmp_path / "wide.parquet"
    bombs.wide_parquet(path, 10_000)
    run = run_cat(path, deadline=DEADLINE)
    _bounded(run)
    assert "showing 1,000 of 10,000 columns" in run.said


def test_a_sixteen_bit_grey_png_is_shown_in_bounded_memory(tmp_path: Path) -> None:
    from PIL import Image

    path = tmp_path / "grey16.png"
    Image.new("I;16", (9000, 9000), 300).save(path)
    run = run_cat(path, deadline=DEADLINE)
    # Its pixels take 154 MiB; the old code converted them to floats twice (1 GB).
    _bounded(run, limit=400)
    assert run.returncode == 0, run.stderr


def test_a_float_tiff_above_the_decoding_budget_is_refused(tmp_path: Path) -> None:
    from PIL import Image

    path = tmp_path / "float.tif"
    Image.new("F", (9000, 9000), 1.5).save(path, compression="tiff_deflate")
    run = run_cat(path, deadline=DEADLINE)
    _bounded(run)
    assert "309 MiB once decoded, above the 256 MiB limit" in run.said


def test_pathological_perl_prints_plain_to_a_terminal(tmp_path: Path) -> None:
    path = tmp_path / "slow"
    # Pygments' Perl lexer tries 2**20 ways to split these before it gives up (50 s).
    path.write_text("#!/usr/bin/perl\ns!" + "\\" * 40 + "\n")
    run = run_cat(path, deadline=DEADLINE, terminal=True)
    _bounded(run)
    assert "a run of more than 16 backslashes: shown without highlighting" in run.said
