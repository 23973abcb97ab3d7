"""Small helpers the estimator tests share: look up a catalog rate, find a component by name."""

from __future__ import annotations

from decimal import Decimal

from advisor.estimator import CostComponent, Estimate, cents
from catalog.pricebook import PriceBook, PriceKey


def rate(book: PriceBook, service: str, region: str, dimension: str, **attrs) -> Decimal:
    """The catalog's rate for a key: what a component must be priced at."""
    return book.price(PriceKey(service, region, dimension, **attrs)).usd


def component(estimate: Estimate, starts_with: str) -> CostComponent:
    found = [c for c in estimate.components if c.name.startswith(starts_with)]
    names = [c.name for c in estimate.components]
    assert len(found) == 1, f"expected one component starting {starts_with!r}, got {names}"
    return found[0]


def names(estimate: Estimate) -> list[str]:
    return [c.name for c in estimate.components]


def monthly(component_or_estimate) -> Decimal:
    return cents(component_or_estimate.monthly)


def D(value) -> Decimal:  # noqa: N802 - reads like the Decimal literal it stands for
    return Decimal(str(value))
