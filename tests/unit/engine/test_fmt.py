"""derived.fmt, the numbers in every sentence the engine writes: its text depends on the
value alone (it is kept per value), never on how a Decimal was written."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from advisor.engine.derived import fmt


@pytest.mark.parametrize(
    ("value", "places", "text"),
    [
        (Decimal("800"), 0, "800"),
        (Decimal("800.0"), 0, "800"),
        (Decimal("1E+3"), 0, "1,000"),
        (1234567, 0, "1,234,567"),
        (Decimal("2.2222"), 0, "2.22"),
        (Decimal("2.2222"), 1, "2.2"),
        (Decimal("99.995"), 3, "99.995"),
        (Decimal("0.50"), 0, "0.5"),
        (Decimal("-0.001"), 0, "0"),
        (Decimal("-0"), 0, "0"),
        (1.5, 0, "1.5"),
    ],
)
def test_a_number_reads_with_separators_and_without_trailing_zeros(value, places, text):
    assert fmt(value, places) == text


@given(
    digits=st.integers(min_value=-(10**12), max_value=10**12),
    scale=st.integers(min_value=0, max_value=6),
    padding=st.integers(min_value=0, max_value=4),
    places=st.integers(min_value=0, max_value=3),
)
def test_equal_numbers_written_differently_read_the_same(digits, scale, padding, places):
    plain = Decimal(digits).scaleb(-scale)
    padded = plain.quantize(Decimal(1).scaleb(-(scale + padding)))
    assert padded == plain
    fmt.cache_clear()
    first = fmt(padded, places)
    fmt.cache_clear()
    assert fmt(plain, places) == first
    if scale == 0:
        fmt.cache_clear()
        assert fmt(digits, places) == first  # the int prints as its Decimal does
