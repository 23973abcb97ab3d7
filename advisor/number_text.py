"""Numbers written for people: thousands separators, sensible rounding, money exact.

Pure (no Django), so the exports and the workload display share it with the web pages. The
figures stay Decimal from the stored JSON to the text: nothing passes through float.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any


def decimal_or_none(value: Any) -> Decimal | None:
    """A stored number (int, float, or decimal string) as Decimal; None for anything else."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        result = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return result if result.is_finite() else None


def grouped(amount: Decimal, places: int | None = None) -> str:
    """Thousands separators; `places` None keeps every significant digit (no padding zeros)."""
    if places is None:
        return format(amount.normalize(), ",f") if amount else "0"
    return format(amount, f",.{places}f")


def money(value: Any) -> str:
    """A stored amount in dollars, to the cent as stored: "$1,384.99"; other text as it is."""
    amount = decimal_or_none(value)
    if amount is None:
        return "" if value is None else str(value)
    text = grouped(amount, 2)
    return f"-${text[1:]}" if text.startswith("-") else f"${text}"


def unit_price(value: Any) -> str:
    """A unit price at its full stored precision ("$0.00000025"), at least to the cent."""
    amount = decimal_or_none(value)
    if amount is None:
        return "" if value is None else str(value)
    exponent = amount.normalize().as_tuple().exponent
    places = max(2, -exponent) if isinstance(exponent, int) else 2
    return f"${grouped(amount, places)}"


def quantity(value: Any) -> str:
    """A computed quantity to read: two decimals at most from 1 up ("7.2138671875" ->
    "7.21"), three significant digits below 1 ("0.000123456" -> "0.000123")."""
    amount = decimal_or_none(value)
    if amount is None:
        return "" if value is None else str(value)
    if abs(amount) >= 1:
        amount = amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    elif amount:
        amount = round(amount, max(2, 2 - amount.adjusted()))
    return grouped(amount)
