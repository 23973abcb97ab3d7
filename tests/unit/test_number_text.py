"""Numbers for people: money exact with thousands separators, quantities rounded to read."""

from __future__ import annotations

from decimal import Decimal

import pytest

from advisor.number_text import money, quantity, unit_price


@pytest.mark.parametrize(
    ("stored", "text"),
    [
        ("1384.99", "$1,384.99"),
        ("1234567.5", "$1,234,567.50"),
        ("0", "$0.00"),
        ("-12.30", "-$12.30"),
        (None, ""),
        ("n/a", "n/a"),
    ],
)
def test_money_is_grouped_and_kept_to_the_cent(stored, text):
    assert money(stored) == text


@pytest.mark.parametrize(
    ("stored", "text"),
    [
        ("7.2138671875", "7.21"),
        ("1460", "1,460"),
        ("1460.000", "1,460"),
        ("2500000.005", "2,500,000.01"),
        ("0.000123456", "0.000123"),
        ("0.5", "0.5"),
        ("0", "0"),
    ],
)
def test_quantities_are_rounded_to_read(stored, text):
    assert quantity(stored) == text


def test_unit_prices_keep_every_stored_digit():
    assert unit_price("0.00000025") == "$0.00000025"
    assert unit_price("0.1") == "$0.10"
    assert unit_price(Decimal("1250.125")) == "$1,250.125"
