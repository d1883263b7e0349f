"""spyglass: a fast terminal file explorer for local folders, servers and buckets."""

__version__ = "0.1.0"
