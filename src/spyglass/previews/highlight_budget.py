"""Whether highlighting a text with Pygments is within budget.

Pygments lexers are regular expressions, and some of them backtrack: an
unterminated Perl `s!...` of 40 backslashes takes 50 s, and a whole big file
takes seconds in any lexer. A thread stuck in a regex cannot be stopped, so
the text is checked first, in linear time: past the budget it is shown plain.
"""

from __future__ import annotations

from collections.abc import Sequence

from spyglass.format import human_size

# Highlighting and laying out 1 MiB of Python took 4.9 s on 2 cores.
MAX_HIGHLIGHT_CHARS = 256 * 1024
MAX_HIGHLIGHT_LINE = 10_000
# Escapes that can be split two ways make a run of backslashes cost 2**(n/2) tries.
MAX_BACKSLASH_RUN = 16


def highlight_refusal(lines: Sequence[str]) -> str | None:
    """Why highlighting these lines is not within budget; None when it is."""
    chars = sum(len(line) for line in lines) + len(lines)
    if chars > MAX_HIGHLIGHT_CHARS:
        return f"larger than {human_size(MAX_HIGHLIGHT_CHARS)}"
    if any(len(line) > MAX_HIGHLIGHT_LINE for line in lines):
        return f"a line longer than {MAX_HIGHLIGHT_LINE:,} characters"
    if any("\\" * (MAX_BACKSLASH_RUN + 1) in line for line in lines):
        return f"a run of more than {MAX_BACKSLASH_RUN} backslashes"
    return None


def within_highlight_budget(text: str | Sequence[str]) -> bool:
    """True when `text` (a string, or its lines) may be highlighted."""
    lines = text.split("\n") if isinstance(text, str) else text
    return highlight_refusal(lines) is None
