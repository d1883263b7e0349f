"""One search result as one line of text: names and lines are untrusted, so never markup."""

from __future__ import annotations

from collections.abc import Callable

from rich.style import Style
from rich.text import Text

from spyglass.safe_text import make_safe, safe_name
from spyglass.search.results import LineMatch, NameMatch, SearchProblem

Result = NameMatch | LineMatch | SearchProblem
StyleOf = Callable[[str], Style]


def result_text(result: Result, style_of: StyleOf) -> Text:
    """`relative/name` (folders end with `/`), `relative:line: text`, or a problem's sentence."""
    text = Text(no_wrap=True, end="")
    if isinstance(result, NameMatch):
        if result.is_folder:
            text.append(safe_name(result.relative) + "/", style_of("results-list--folder"))
        else:
            text.append(safe_name(result.relative), style_of("results-list--file"))
    elif isinstance(result, LineMatch):
        text.append(safe_name(result.relative), style_of("results-list--path"))
        text.append(f":{result.line}: ", style_of("results-list--line-number"))
        append_marked(text, result.text, result.spans, style_of("results-list--match"))
    else:
        text.append(result.sentence, style_of("results-list--problem"))
    return text


def append_marked(text: Text, line: str, spans: tuple[tuple[int, int], ...], marked: Style) -> None:
    """`line` made safe piece by piece, so each match stays on the characters it covers."""
    done = 0
    for start, end in spans:
        start, end = max(start, done), min(end, len(line))
        if end <= start:
            continue
        text.append(safe_name(line[done:start]))
        text.append(safe_name(line[start:end]), marked)
        done = end
    text.append(safe_name(line[done:]))


def shown_span(line: str, span: tuple[int, int]) -> tuple[int, int]:
    """Where `span` of a raw line lands in the preview, which shows the line made safe."""
    start = len(make_safe(line[: span[0]]))
    return start, start + len(make_safe(line[span[0] : span[1]]))
