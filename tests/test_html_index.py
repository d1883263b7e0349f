"""Links of HTML folder indexes: the entries of the folder, found in linear time."""

from __future__ import annotations

import time

import pytest

from spyglass.fs.html_index import folder_links, page_hrefs

FOLDER = "http://host/pub/"

APACHE = """<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">
<html><head><title>Index of /pub</title></head><body>
<table><tr><th><a href="?C=N;O=D">Name</a></th><th><a href="?C=M;O=A">Last modified</a></th></tr>
<tr><td><a href="/">Parent Directory</a></td></tr>
<tr><td><a href="data/"><img src="/icons/dir.gif"></a></td><td><a href="data/">data/</a></td></tr>
<tr><td><a href="report.pdf">report.pdf</a></td></tr>
<tr><td><a HREF='my%20notes.txt'>my notes.txt</a></td></tr>
<tr><td><a class=file href=plain.txt>plain.txt</a></td></tr>
<tr><td><a href="a&amp;b.txt">a&amp;b.txt</a></td></tr>
</table><address>Apache Server</address></body></html>
"""


def test_an_apache_index_lists_its_entries_once_without_sort_and_parent_links() -> None:
    links, cut = folder_links(APACHE, FOLDER)
    assert links == [
        "http://host/pub/data/",
        "http://host/pub/report.pdf",
        "http://host/pub/my%20notes.txt",
        "http://host/pub/plain.txt",
        "http://host/pub/a&b.txt",
    ]
    assert not cut


def test_absolute_links_count_only_inside_the_folder() -> None:
    page = """
    <a href="/pub/inside.txt">in</a> <a href="/other/outside.txt">out</a>
    <a href="http://host/pub/full.txt">full</a> <a href="https://host/pub/secure.txt">tls</a>
    <a href="http://elsewhere/pub/x.txt">x</a> <a href="deeper/still/y.txt">y</a>
    <a href="../up.txt">up</a> <a href="#top">top</a> <a href="./">here</a>
    """
    links, _ = folder_links(page, "http://host/pub")  # no slash: still the folder
    assert links == [
        "http://host/pub/inside.txt",
        "http://host/pub/full.txt",
        "http://host/pub/secure.txt",
    ]


def test_links_in_comments_scripts_and_other_tags_are_not_entries() -> None:
    page = """<!-- <a href="commented.txt"> -->
    <script>document.write('<a href="scripted.txt">')</script>
    <link href="style.css"><img href="picture.png"><area href="map.txt">
    <A Href="kept.txt">kept</A>"""
    assert page_hrefs(page).hrefs == ["kept.txt"]


def test_a_tag_the_page_never_closes_ends_the_links() -> None:
    assert page_hrefs('<a href="one.txt">1</a><a href="two.txt"').hrefs == ["one.txt"]


def test_the_limit_keeps_the_first_links_and_says_the_page_was_cut() -> None:
    page = "".join(f'<a href="f{index}.txt">f</a>' for index in range(10))
    links, cut = folder_links(page, FOLDER, limit=4)
    assert links == [f"{FOLDER}f{index}.txt" for index in range(4)]
    assert cut


HOSTILE = {
    "fsspec's backtracking case": ("<a " + " " * 1500 + ">") * 300,
    "unclosed tags": ("<a " + " " * 50) * 20_000,
    "a run of <": "<" * 1_000_000,
    "stray equals signs": "<a " + "=" * 1_000_000,
    "many attributes": "<a " + "x=1 " * 250_000 + ">",
    "an unclosed quote": "<a href='" + "x" * 1_000_000,
    "an unclosed comment": "<!--" + "<a href=x>" * 100_000,
}


@pytest.mark.parametrize("page", HOSTILE.values(), ids=HOSTILE.keys())
def test_pages_built_to_be_slow_are_read_in_linear_time(page: str) -> None:
    started = time.process_time()
    page_hrefs(page)
    # "does not hang": about 0.1 s for 1 MB here; html.parser took 30 s for a quarter of one
    assert time.process_time() - started < 5
