"""The filter's pattern: the letters of the query in order, whatever lies between."""

from __future__ import annotations

import random

import pytest

from spyglass.tree.fuzzy import matcher, pattern
from tests.support.letters import letters_in_order

ALPHABET = "aAbB.-]^[\\*eE0159 _"


@pytest.mark.parametrize("seed", range(20))
def test_the_pattern_matches_exactly_the_names_with_the_letters_in_order(seed: int) -> None:
    pick = random.Random(seed)
    names = ["".join(pick.choices(ALPHABET, k=pick.randint(0, 12))) for _ in range(400)]
    for _ in range(30):
        query = "".join(pick.choices(ALPHABET, k=pick.randint(1, 4)))
        found = [name for name in names if pattern(query).search(name)]
        assert found == [name for name in names if letters_in_order(query, name)], query


def test_repeated_letters_need_as_many_in_the_name() -> None:
    assert matcher("ee")("reference") and matcher("eee")("reference")
    assert matcher("eeee")("reference") and not matcher("eeeee")("reference")
    assert matcher("")("anything")
    assert matcher("F05")("f000500.log") and not matcher("f50")("f000005")
