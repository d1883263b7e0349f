"""How the rule table orders previewers: by tier first, then in the order rules were added."""

from __future__ import annotations

from pathlib import Path

import pytest

from spyglass.fs.local_backend import LocalBackend
from spyglass.previews import builtin
from spyglass.previews.conditions import ANY_FILE, IS_TEXT, named
from spyglass.previews.registry import Previewer, Rule, RuleTable, Source, Tier
from spyglass.previews.results import Preview


class _Named(Previewer):
    def __init__(self, name: str) -> None:
        self.name = name

    def load(self, source: Source) -> Preview:
        return Preview(title=self.name)


def _source(tmp_path: Path, name: str, data: bytes) -> Source:
    path = tmp_path / name
    path.write_bytes(data)
    backend = LocalBackend()
    return Source(backend, backend.stat(str(path)), data, 1 << 20)


def _names(previewers: list[Previewer]) -> list[str]:
    return [previewer.name for previewer in previewers]


def test_the_builtin_table_reads_from_the_surest_tier_to_the_fallbacks() -> None:
    tiers = [rule.tier for rule in builtin.RULES]
    assert tiers == sorted(tiers)
    assert set(tiers) == set(Tier)
    assert _names([rule.previewer for rule in builtin.RULES[-2:]]) == ["text", "hex"]


def test_a_new_rule_goes_at_the_end_of_its_tier(tmp_path: Path) -> None:
    text, hex_, json, fancy = _Named("text"), _Named("hex"), _Named("json"), _Named("fancy")
    table = RuleTable(
        [
            Rule(Tier.FALLBACK, text, IS_TEXT),
            Rule(Tier.FALLBACK, hex_, ANY_FILE),
            Rule(Tier.NAME, json, named({"json"})),
        ]
    )
    table.register(Rule(Tier.NAME, fancy, named({"json"})))
    assert _names(table.candidates(_source(tmp_path, "a.json", b"{}"))) == [
        "json",
        "fancy",
        "text",
        "hex",
    ]
    assert _names(table.previewers()) == ["json", "fancy", "text", "hex"]


def test_a_previewer_goes_where_its_first_fitting_rule_puts_it(tmp_path: Path) -> None:
    image, text = _Named("image"), _Named("text")
    table = RuleTable(
        [
            Rule(Tier.MAGIC, image, lambda source: source.head.startswith(b"\x89PNG")),
            Rule(Tier.NAME, image, named({"png"})),
            Rule(Tier.FALLBACK, text, IS_TEXT),
        ]
    )
    assert _names(table.candidates(_source(tmp_path, "a.png", b"words\n"))) == ["image", "text"]
    assert _names(table.candidates(_source(tmp_path, "a.txt", b"words\n"))) == ["text"]


def test_a_previewer_whose_sniffing_fails_does_not_fit(tmp_path: Path) -> None:
    fragile, text = _Named("fragile"), _Named("text")

    def breaks(source: Source) -> bool:
        raise ValueError("bad bytes")

    table = RuleTable(
        [
            Rule(Tier.CONTENT, fragile, breaks),
            Rule(Tier.HINT, fragile, ANY_FILE),
            Rule(Tier.FALLBACK, text, ANY_FILE),
        ]
    )
    assert _names(table.candidates(_source(tmp_path, "a.txt", b"x"))) == ["text"]


def test_two_previewers_cannot_share_a_name() -> None:
    table = RuleTable([Rule(Tier.NAME, _Named("csv"), ANY_FILE)])
    with pytest.raises(ValueError, match="'csv' is already registered"):
        table.register(Rule(Tier.CONTENT, _Named("csv"), ANY_FILE))


def test_only_formats_read_from_their_index_are_random_access() -> None:
    random_access = {
        previewer.name: previewer.random_access_extensions
        for previewer in RuleTable(builtin.RULES).previewers()
        if previewer.random_access_extensions
    }
    assert set(random_access) == {"parquet", "arrow", "excel", "orc", "readstat", "hdf5", "duckdb"}
    assert "parquet" in random_access["parquet"]
    assert _Named("new").random_access_extensions == frozenset()
