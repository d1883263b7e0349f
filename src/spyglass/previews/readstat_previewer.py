"""Stata, SAS and SPSS files as a table, read with pyreadstat up to the row limit.

ReadStat reads these from the start and stops after the rows asked for; local
files are read in place, remote ones through range reads.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from spyglass.errors import SpyglassError, cause_of
from spyglass.format import human_size
from spyglass.fs.range_file import BudgetExceeded, RangeFile
from spyglass.previews.frame_rows import frame_table
from spyglass.previews.random_access import open_range_file
from spyglass.previews.registry import Previewer, Source
from spyglass.previews.results import Note, Part, TablePreview
from spyglass.safe_text import safe_name


class Format(NamedTuple):
    title: str
    reader: str  # the pyreadstat function
    counted: bool  # whether its metadata gives the row count without reading the rows


# SAS7BDAT metadata alone reads the whole file; an XPORT file does not store its count.
FORMATS = {
    "dta": Format("Stata", "read_dta", True),
    "sas7bdat": Format("SAS", "read_sas7bdat", False),
    "xpt": Format("SAS transport", "read_xport", False),
    "sav": Format("SPSS", "read_sav", True),
    "zsav": Format("SPSS (compressed)", "read_sav", True),
    "por": Format("SPSS portable", "read_por", True),
}
EXTENSIONS = frozenset(FORMATS)
SAS_MAGIC = bytes.fromhex("000000000000000000000000c2ea8160b31411cfbd92080009c7318c181f1011")
STARTS = (b"$FL2", b"$FL3", b"<stata_dta>", b"HEADER RECORD*******LIBRARY HEADER RECORD!!!!!!!")


def starts_like_readstat(source: Source) -> bool:
    return source.head.startswith(STARTS) or source.head[:32] == SAS_MAGIC


def _format_of(source: Source) -> Format:
    name = source.entry.name.lower().rpartition(".")[2]
    if name in FORMATS:
        return FORMATS[name]
    head = source.head
    if head[:32] == SAS_MAGIC:
        return FORMATS["sas7bdat"]
    if head.startswith(b"<stata_dta>"):
        return FORMATS["dta"]
    if head.startswith(b"HEADER RECORD"):
        return FORMATS["xpt"]
    return FORMATS["zsav"] if head.startswith(b"$FL3") else FORMATS["sav"]


class ReadstatPreviewer(Previewer):
    name = "readstat"
    random_access_extensions = EXTENSIONS

    def load(self, source: Source) -> TablePreview:
        try:
            import pyreadstat
        except ImportError as exc:
            raise SpyglassError("reading Stata, SAS and SPSS files needs pyreadstat") from exc
        fmt = _format_of(source)
        read = getattr(pyreadstat, fmt.reader)
        limit = max(source.options.max_table_bytes, source.max_bytes)
        handle: RangeFile | None = None
        target: Any = source.entry.path
        if not source.backend.capabilities.local_paths:
            handle = open_range_file(source, limit)
            target = handle
        wanted = source.options.max_rows
        try:
            total = None
            if fmt.counted:
                _, meta = read(target, metadataonly=True)
                total = meta.number_rows
                if handle is not None:
                    handle.seek(0)
            frame, meta = read(target, row_limit=wanted + 1)
        except BudgetExceeded as exc:
            raise _over_budget(exc.limit) from exc
        except (pyreadstat.ReadstatError, pyreadstat.PyreadstatError, OSError, ValueError) as exc:
            if handle is not None and handle.limit is not None and handle.bytes_fetched >= limit:
                raise _over_budget(limit) from exc
            raise SpyglassError(f"corrupt {fmt.title} file: {cause_of(exc)}") from exc
        exhausted = len(frame) <= wanted
        frame = frame.iloc[:wanted]
        if total is None:
            total = len(frame)
        types = [str(meta.readstat_variable_types.get(name, "")) for name in frame.columns]
        table = frame_table(
            "readstat",
            frame,
            total=total,
            exact=exhausted or fmt.counted,
            max_columns=source.options.max_columns,
            types=types,
        )
        notes = [Note(table.shape())]
        label = getattr(meta, "file_label", None)
        if label:
            notes.append(Note(safe_name(str(label))))
        notes.extend(table.shown_notes())
        fetched = handle.bytes_fetched if handle is not None else 0
        part = Part(fetched, source.entry.size, None)
        return TablePreview(title=fmt.title, notes=notes, payload=table, part=part)


def _over_budget(limit: int) -> SpyglassError:
    return SpyglassError(f"the first rows take more than the {human_size(limit)} budget")
