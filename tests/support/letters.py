"""The filter's rule written plainly, to check the real filter against."""

from __future__ import annotations


def letters_in_order(query: str, name: str) -> bool:
    """Each letter of the query, in order, any gaps, any case."""
    rest = iter(name.casefold())
    return all(letter in rest for letter in query.casefold())
