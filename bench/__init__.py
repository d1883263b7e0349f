"""Benchmarks of spyglass in a real terminal: `python -m bench --help`."""
