"""The canonical copy: full-width forms and traditional characters converted one for one."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from etl.normalize import REPLACE_MAX, SAMPLE_CHARS, _table, canonical

CONVERTED = sorted(chr(c) for c in _table())
SOME_CONVERTED = CONVERTED[:40] + CONVERTED[-40:] + ["，", "％", "１", "\u3000", "們", "區"]


@pytest.mark.parametrize("text, expected", [
    ("２０２４年，增长１２．５％", "2024年,增长12.5%"),
    ("本報訊　去年全區接待遊客", "本报讯 去年全区接待游客"),
    ("已是简体,没有要换的字", "已是简体,没有要换的字"),
    ("", ""),
], ids=["full-width digits and signs become ASCII", "traditional characters become simplified",
        "simplified text comes back as it was", "empty text"])
def test_canonical_forms(text, expected):
    assert canonical(text) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(SOME_CONVERTED + list("中文abc,。𠀀")), max_size=60),
       st.sampled_from([0, SAMPLE_CHARS - 5, SAMPLE_CHARS + 5]))
def test_canonical_is_the_character_table_applied_one_for_one(text, padding):
    """Whichever way it is computed (replace per character or translate), the same text."""
    text = "简" * padding + text
    assert canonical(text) == text.translate(_table())
    assert len(canonical(text)) == len(text)


def test_many_distinct_characters_are_translated_whole():
    text = "".join(CONVERTED[: REPLACE_MAX * 4])
    assert canonical(text) == text.translate(_table())
