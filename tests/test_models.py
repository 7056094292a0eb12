"""The records' helpers: the offset map of a cleaned body reads like a tuple of offsets."""
from __future__ import annotations

from hypothesis import given, strategies as st

from etl.models import MappedText, OffsetMap, OffsetMapBuilder

RUNS = st.lists(st.tuples(st.integers(0, 50), st.integers(0, 6)), max_size=12)


def _built(runs: list[tuple[int, int]]) -> tuple[OffsetMap, list[int]]:
    """The map of runs (gap before, length) and the plain list of offsets it stands for."""
    builder, plain, position = OffsetMapBuilder(), [], 0
    for gap, length in runs:
        position += gap
        builder.add(position, length)
        plain.extend(range(position, position + length))
        position += length
    plain.append(plain[-1] + 1 if plain else 7)
    return builder.build(empty_at=7), plain


@given(RUNS)
def test_the_map_reads_as_the_list_of_offsets_it_stands_for(runs):
    mapped, plain = _built(runs)
    assert len(mapped) == len(plain) and list(mapped) == plain and mapped == tuple(plain)
    assert [mapped[i] for i in range(-len(plain), len(plain))] == plain + plain
    assert mapped[1:4] == plain[1:4]


@given(RUNS, st.integers(0, 40), st.integers(0, 40))
def test_runs_cover_a_span_with_its_offsets(runs, start, end):
    mapped, plain = _built(runs)
    chars = len(plain) - 1
    start, end = min(start, chars), min(max(start, end), chars)
    covered = [o for offset, length in mapped.runs(start, end) for o in range(offset, offset + length)]
    assert covered == plain[start:end]


def test_a_million_characters_in_one_run_cost_one_pair():
    body = MappedText.identity("字" * 1_000_000, base=100)
    assert body.source_span(10, 20) == (110, 120) and len(body.offsets) == 1_000_001
    assert "1 runs" in repr(body.offsets)
