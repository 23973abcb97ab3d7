"""derived.fmt, the numbers in every sentence the engine writes: its text depends on the
value alone (it is kept per value), never on how a Decimal was written."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from advisor.engine.derived import choice, fmt, plural, question, usd


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


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (Decimal("0.1"), "$0.10"),
        (Decimal("1830"), "$1,830.00"),
        (Decimal("544.9"), "$544.90"),
        (Decimal("2.345"), "$2.35"),
        (500, "$500.00"),
    ],
    ids=["ten-cents-keeps-its-zero", "whole-dollars-get-cents", "one-decimal-gets-two",
         "half-cent-rounds-up-as-the-estimator-does", "int-budget"],
)  # fmt: skip
def test_money_in_a_sentence_always_has_two_decimals(amount, text):
    assert usd(amount) == text


@pytest.mark.parametrize(
    ("count", "text"),
    [(1, "1 shard"), (3, "3 shards"), (0, "0 shards"), (Decimal("0.5"), "0.5 shards"),
     (Decimal("1.0"), "1 shard")],
    ids=["one-is-singular", "many-is-plural", "none-is-plural", "a-fraction-is-plural",
         "one-written-as-decimal-is-singular"],
)  # fmt: skip
def test_a_count_takes_its_noun_in_the_right_number(count, text):
    assert plural(count, "shard") == text


@pytest.mark.parametrize(
    ("field", "value", "text"),
    [("engine_preference", "postgresql", "PostgreSQL"), ("engine_preference", "sqlserver",
     "SQL Server"), ("data_model", "key_value", "key-value"), ("consistency",
     "read_after_write", "read-after-write"), ("traffic_pattern", "mostly_idle", "mostly idle")],
    ids=["engine-keeps-its-capitals", "two-word-engine", "data-model-reads-as-a-word",
         "consistency-qualifies-reads", "traffic-pattern-in-words"],
)  # fmt: skip
def test_a_choice_in_a_sentence_is_its_display_name(field, value, text):
    assert choice(field, value) == text


def test_an_answer_to_give_is_named_by_its_question_label():
    assert question("avg_reads_per_sec") == "'Average reads'"
    assert question("iops_required") == "'Storage I/O'"
