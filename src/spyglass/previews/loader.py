"""Choose a previewer for an entry and load it under the byte budget.

Runs in a worker thread; never imports textual.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Sequence

from spyglass.errors import describe
from spyglass.format import human_size
from spyglass.fs.backend import Backend
from spyglass.fs.entry import Entry, Kind
from spyglass.fs.entry_columns import tally
from spyglass.previews.decode import decode, decode_isolated
from spyglass.previews.preview_options import PreviewOptions
from spyglass.previews.registry import Source, registered
from spyglass.previews.results import MessagePreview, Preview
from spyglass.previews.sniff import extension
from spyglass.safe_text import safe_name
from spyglass.sandbox.pool import Sandbox
from spyglass.secrets import mask_text

log = logging.getLogger(__name__)
DEFAULT_MAX_BYTES = 1024 * 1024
# What a random-access format reads first: enough to recognise it.
SNIFF_BYTES = 64 * 1024
# A folder the tree has not opened is summed up from its first entries only.
SUMMARY_LIMIT = 10_000


def _special(entry: Entry) -> MessagePreview:
    return MessagePreview(
        title=entry.kind.value.capitalize(),
        message=f"{safe_name(entry.name)} is a {entry.kind.value}: spyglass does not open it.",
    )


def summarize_folder(
    shown: str, entries: Sequence[Entry], *, complete: bool, capped: bool = False
) -> MessagePreview:
    """Number of entries and total size of what one listing call returned.

    `capped`: the listing stopped at `SUMMARY_LIMIT` (the preview's own listing
    of a folder the tree has not opened); only a lower bound is said.

    While the listing goes on only the count is shown: this runs on every batch
    of a folder that may hold 100,000 entries.
    """
    shown = mask_text(shown)  # a URL's password stays off the screen
    noun = "entry" if len(entries) == 1 else "entries"
    if capped:
        message = f"{shown}: more than {len(entries):,} entries; open it to list them all."
        return MessagePreview(
            title="Folder", message=message, details=[("Entries", f"more than {len(entries):,}")]
        )
    if not complete:
        message = f"{shown}: {len(entries):,} {noun} so far, still listing…"
        return MessagePreview(
            title="Folder", message=message, details=[("Entries", f"{len(entries):,} so far")]
        )
    folders, files, others, total = tally(entries)  # in C for a big local folder
    details = [
        ("Entries", f"{len(entries):,}"),
        ("Folders", f"{folders:,}"),
        ("Files", f"{files:,}"),
    ]
    if others:
        details.append(("Other", f"{others:,}"))
    details.append(("Total size of files", human_size(total)))
    message = f"{shown}: {len(entries):,} {noun}."
    return MessagePreview(title="Folder", message=message, details=details)


def failed_folder(error: str, kept: Sequence[Entry]) -> MessagePreview:
    """A folder whose listing failed: the sentence, and what the tree kept from before."""
    details = [("Entries kept", f"{len(kept):,}")] if kept else []
    return MessagePreview(title="Error", message=error, level="error", details=details)


def folder_summary(
    backend: Backend, entry: Entry, cancelled: Callable[[], bool] = lambda: False
) -> MessagePreview:
    entries = _listing(backend, entry, cancelled)
    shown = safe_name(backend.display(entry.path))
    capped = len(entries) > SUMMARY_LIMIT
    kept = entries[:SUMMARY_LIMIT]
    return summarize_folder(shown, kept, complete=not cancelled(), capped=capped)


def _listing(
    backend: Backend, entry: Entry, cancelled: Callable[[], bool], limit: int | None = None
) -> list[Entry]:
    """The folder's entries, up to one past `limit` (then the count is only a lower bound).

    The tree lists a folder it opens on its own, in a cheaper form (`tree/`):
    listing a huge one here as well would hold the interpreter for seconds
    while the tree loads, so the preview stops early.
    """
    wanted = SUMMARY_LIMIT if limit is None else limit
    entries: list[Entry] = []
    for batch in backend.list_batches(entry.path):
        if cancelled():
            break
        entries.extend(batch)
        if len(entries) > wanted:  # one past the limit: the folder is bigger than that
            del entries[wanted + 1 :]
            break
    return entries


def _folder_preview(
    backend: Backend,
    entry: Entry,
    listing: Sequence[Entry] | None,
    load_file: Callable[[Entry, PreviewOptions], Preview],
    options: PreviewOptions,
    cancelled: Callable[[], bool],
    sandbox: Sandbox | None = None,
) -> Preview:
    """A dataset (a folder of Parquet or CSV files) as one table, any other folder summed up."""
    from spyglass.previews.dataset_files import looks_like_dataset

    entries = list(listing) if listing is not None else _listing(backend, entry, cancelled)
    capped = listing is None and len(entries) > SUMMARY_LIMIT
    shown = safe_name(backend.display(entry.path))
    if not cancelled() and looks_like_dataset(entries):
        from spyglass.previews.dataset_table import dataset_preview

        dataset = dataset_preview(backend, entry, entries, options, load_file, cancelled, sandbox)
        if dataset is not None:
            return dataset
    if capped:
        del entries[SUMMARY_LIMIT:]
    return summarize_folder(shown, entries, complete=not cancelled(), capped=capped)


def _random_access(entry: Entry) -> bool:
    """Columnar files and databases are read where their index says, not from the start:
    a first read of the whole budget would mostly be wasted on them."""
    wanted = extension(entry.name)
    return any(wanted in previewer.random_access_extensions for previewer in registered())


def _with_size(backend: Backend, entry: Entry) -> Entry:
    try:
        size = backend.stat(entry.path).size
    except Exception:  # the size is a nicety; the preview goes on without it
        log.debug("stat of %s failed", entry.path, exc_info=True)
        return entry
    return dataclasses.replace(entry, size=size)


def load_preview(
    backend: Backend,
    entry: Entry,
    max_bytes: int = DEFAULT_MAX_BYTES,
    cancelled: Callable[[], bool] = lambda: False,
    options: PreviewOptions | None = None,
    sandbox: Sandbox | None = None,
    listing: Sequence[Entry] | None = None,
) -> Preview:
    """The best preview for an entry; every failure becomes a MessagePreview.

    The parent reads; with a `sandbox` the bytes are decoded in one of its
    children (the app and `spyglass cat` always pass one), else in this thread.
    A folder's `listing`, when the caller has it, saves listing it again.
    """
    shown = mask_text(safe_name(backend.display(entry.path)))
    if entry.error:
        return MessagePreview(title="Error", message=f"{shown}: {entry.error}.", level="error")
    if entry.kind.is_special:
        return _special(entry)
    try:
        if entry.kind is Kind.FOLDER:

            def load_file(file: Entry, file_options: PreviewOptions) -> Preview:
                return load_preview(
                    backend, file, max_bytes, cancelled, file_options, sandbox=sandbox
                )

            chosen = options or PreviewOptions()
            return _folder_preview(backend, entry, listing, load_file, chosen, cancelled, sandbox)
        # Locally a size of 0 is not trusted: /proc and /sys files say 0 and have content.
        # Remotely it is, and saves a request.
        if entry.size == 0 and backend.capabilities.sizes_trusted:
            return MessagePreview(title="Empty file", message=f"{shown} is empty (0 bytes).")
        asked = min(max_bytes, SNIFF_BYTES) if _random_access(entry) else max_bytes
        head = backend.read_range(entry.path, 0, asked)
        if entry.size is None:
            # Some listings (an HTML index) give no sizes; random-access formats and the
            # "first 1 MiB of ..." note need one. A short read tells it; else one stat.
            if len(head) < asked:
                entry = dataclasses.replace(entry, size=len(head))
            else:
                entry = _with_size(backend, entry)
    except Exception as exc:  # any backend failure is a sentence, not a crash
        log.debug("preview of %s failed", entry.path, exc_info=True)
        what = "list" if entry.kind is Kind.FOLDER else "read"
        return MessagePreview(title="Error", message=describe(exc, what, shown), level="error")
    if not head:
        return MessagePreview(title="Empty file", message=f"{shown} is empty (0 bytes).")
    source = Source(backend, entry, head, max_bytes, options or PreviewOptions())
    if sandbox is None:
        return decode(source)
    return decode_isolated(sandbox, source, cancelled)
