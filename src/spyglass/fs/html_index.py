"""The links of an HTML folder index (Apache, nginx, `python -m http.server`), in linear time.

fsspec finds links with a regex that backtracks: a 1.5 KB page of one `<a`
and spaces took it 10 s of CPU in C, holding the GIL. The standard library's
`html.parser` is no way out on Python 3.11: it rescans an unclosed tag from
the next `<`, and 250 KB of `<a   <a   ...` took it 30 s. So this is a small
tokenizer of its own that moves forward only: every regex here is anchored at
the current position, matches a run of one character class, and each
character of the page is looked at a bounded number of times. A tag that the
page never closes ends the scan, as it ends the page for a browser.
"""

from __future__ import annotations

import html
import re
from typing import NamedTuple
from urllib.parse import urljoin, urlsplit

MAX_LINKS = 100_000

_TAG_OPEN = re.compile(r"<(?:(!--)|([!?/])|([A-Za-z][^\s/>]*))")
_ATTRIBUTE = re.compile(r"""[\s/=]*([^\s/>=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*)))?""")
_SPACES = re.compile(r"[\s/=]*")  # what may come between attributes: a stray "=" too
_PLAIN_NAME = re.compile(r"[^:/?#]+/?")  # "name" or "name/": joins by concatenation
_RAW_TEXT = {
    name: re.compile(rf"</{name}", re.IGNORECASE)
    for name in ("script", "style", "textarea", "title", "xmp")
}


class IndexLinks(NamedTuple):
    hrefs: list[str]  # as written in the page, entities decoded, in page order
    cut: bool  # the page had more links than the limit


def page_hrefs(text: str, limit: int = MAX_LINKS) -> IndexLinks:
    """The `href` of every `<a>` tag, up to `limit` of them."""
    hrefs: list[str] = []
    position, length = 0, len(text)
    while True:
        found = _TAG_OPEN.search(text, position)
        if found is None:
            return IndexLinks(hrefs, cut=False)
        if found[1] or found[2]:  # a comment, a declaration, an end tag: to its end
            close = text.find("-->" if found[1] else ">", found.end())
            if close < 0:
                return IndexLinks(hrefs, cut=False)
            position = close + (3 if found[1] else 1)
            continue
        name = found[3].lower()
        end, href = _tag_rest(text, found.end(), length)
        if end < 0:
            return IndexLinks(hrefs, cut=False)
        position = end
        if name in _RAW_TEXT:  # no tags inside: `<a` in a script is not a link
            close_tag = _RAW_TEXT[name].search(text, position)
            position = close_tag.start() if close_tag else length
        elif name == "a" and href:
            if len(hrefs) >= limit:
                return IndexLinks(hrefs, cut=True)
            hrefs.append(html.unescape(href))


def _tag_rest(text: str, position: int, length: int) -> tuple[int, str | None]:
    """Where the tag that goes on at `position` ends (-1: never), and its `href`."""
    href: str | None = None
    while attribute := _ATTRIBUTE.match(text, position):
        position = attribute.end()
        if href is None and attribute[1].lower() == "href":
            href = next((value for value in attribute.groups()[1:] if value), "")
    # No attribute starts here, so what follows the separators is ">" or the end.
    spaces = _SPACES.match(text, position)
    position = spaces.end() if spaces else position
    return (position + 1, href) if position < length else (-1, None)


def folder_links(text: str, folder_url: str, limit: int = MAX_LINKS) -> tuple[list[str], bool]:
    """The URLs of a folder's entries (folders end with "/"), and whether the page was cut.

    Only direct children count: the parent link, sort-order links (`?C=N;O=D`),
    anchors and links elsewhere are not entries of the folder.
    """
    base = folder_url if folder_url.endswith("/") else folder_url + "/"
    top = urlsplit(base)
    hrefs, cut = page_hrefs(text, limit)
    seen: dict[str, None] = {}
    for written in hrefs:
        href = written.strip()
        if _PLAIN_NAME.fullmatch(href) and href.rstrip("/") not in (".", ".."):
            seen.setdefault(base + href, None)  # the common case, without urljoin's cost
            continue
        link = urlsplit(urljoin(base, href))
        if link.query or link.netloc != top.netloc:
            continue
        if link.scheme != top.scheme and {link.scheme, top.scheme} != {"http", "https"}:
            continue
        if not link.path.startswith(top.path):
            continue
        rest = link.path[len(top.path) :]
        if not rest.rstrip("/") or "/" in rest.rstrip("/"):
            continue
        seen.setdefault(f"{top.scheme}://{top.netloc}{link.path}", None)
    return list(seen), cut
