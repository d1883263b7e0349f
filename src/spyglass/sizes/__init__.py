"""Folder sizes: one scan of a tree kept whole, so any folder's total is known afterwards.

`tree.SizeTree` holds the totals; `job.SizesJob` fills it (a local walk, `find`
on an SSH host, one recursive listing of a bucket, or a walk over listings);
`du_command` is `spyglass du`. Nothing here imports Textual.
"""
