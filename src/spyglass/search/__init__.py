"""Find files by name or content under a folder of any backend, as jobs.

`query` says what to look for, `results` what is found, `searchers` how each
backend is searched (chosen by its declared capabilities) and `jobs` runs a
search on the jobs layer. Nothing here imports Textual.
"""
