"""Folder sizes as a job: the scan chosen by what the backend can do, the tree emitted as it grows.

1. Local disk (`local_paths`): one `os.scandir` walk (`local_scan`).
2. A host that runs commands (`exec`): GNU find on the server, its output
   summed here (`server_scan`); a host that refuses, or has no GNU find, is
   walked over SFTP instead.
3. An object store (`recursive_listing`): one listing of the prefix, summed
   by sub-prefix (`listing_scan.scan_bucket`).
4. Anything else: a walk over the folder listings, a few at a time
   (`listing_scan.scan_listings`).

Each update carries the same `SizeTree` (`emit_latest`): the consumer reads
it under its lock, so a newer state replaces the older for free.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from spyglass.fs.backend import Backend, ExecRefused
from spyglass.jobs.context import JobContext
from spyglass.safe_text import safe_name
from spyglass.sizes.listing_scan import scan_bucket, scan_listings
from spyglass.sizes.local_scan import HANDOFF, scan_local
from spyglass.sizes.options import APPARENT, SizeOptions
from spyglass.sizes.server_scan import NoGnuFind, scan_on_server
from spyglass.sizes.tree import SizeTree


@dataclass
class SizesJob:
    """The sizes of everything under `root`; `tree` is there from the start and fills in."""

    backend: Backend
    root: str
    options: SizeOptions = field(default_factory=SizeOptions)
    children: bool = True  # a big local tree is shared out to child processes
    tree: SizeTree = field(init=False)

    def __post_init__(self) -> None:
        local = self.backend.capabilities.local_paths
        self.tree = SizeTree(
            self.root,
            join=self.backend.join,
            sep=os.sep if local else "/",
            measure=self.options.measure,
        )

    @property
    def action(self) -> str:
        return f"count the sizes under {safe_name(self.backend.display(self.root))}"

    def run(self, context: JobContext[SizeTree]) -> None:
        self._scan(context)
        self.tree.finished = True
        self.tree.finish_all()
        context.emit_latest(self.tree)

    def _scan(self, context: JobContext[SizeTree]) -> None:
        tree, capabilities = self.tree, self.backend.capabilities
        if capabilities.local_paths:
            tree.how = "walked the folders"
            scan_local(tree, self.options, context, handoff=HANDOFF if self.children else -1)
            return
        if capabilities.exec and self._on_server(context):
            return
        if capabilities.recursive_listing:
            self._apparent_only("listed the bucket")
            tree.notes.append("object versions and unfinished multipart uploads left out")
            scan_bucket(self.backend, tree, context)
            return
        self._apparent_only("walked the folders")
        tree.notes.append("hard links cannot be told apart here: each one is counted")
        scan_listings(self.backend, tree, context)

    def _on_server(self, context: JobContext[SizeTree]) -> bool:
        """True when the server did the counting; False when it must be walked instead."""
        self.tree.how = "find on the server"
        try:
            scan_on_server(self.backend, self.tree, self.options, context)
        except (ExecRefused, NoGnuFind):
            self.tree.how = ""
            return False
        return True

    def _apparent_only(self, how: str) -> None:
        self.tree.how = how
        self.tree.measure = APPARENT  # listings give sizes, not blocks on disk
