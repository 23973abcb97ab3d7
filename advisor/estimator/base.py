"""What every estimator builder returns: cost components priced from the PriceBook.

A component keeps its price (per unit, from the catalog, with its source) apart from its cost
(price x quantity). Money is Decimal; rounding to cents happens only where totals are shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from catalog.pricebook import PriceBook, PriceEntry, PriceKey, PriceMissing

HOURS_PER_MONTH = Decimal(730)  # the AWS Pricing Calculator's month
CENT = Decimal("0.01")


def cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


class EstimateError(ValueError):
    """A configuration the catalog cannot price, naming the field at fault."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        self.fields = {field: [message]}
        super().__init__(f"{field}: {message}")


@dataclass(frozen=True, slots=True)
class CostComponent:
    name: str  # "Database instance (db.r6g.large, Multi-AZ)"
    unit: str  # "hours", "GB-months", "IOPS-months", "1M requests"
    quantity: Decimal
    unit_price: Decimal  # USD per unit, full precision
    monthly: Decimal  # USD per month, full precision (round only for display)
    price_key: PriceKey | None = None
    source: str = ""
    upfront: Decimal = Decimal(0)  # one-time fee (reserved terms), not part of `monthly`
    note: str = ""  # the billing rule applied ("first 400 GB of backup free")


@dataclass(frozen=True, slots=True)
class Estimate:
    service: str
    region: str
    components: tuple[CostComponent, ...]
    catalog_version: str

    @property
    def monthly(self) -> Decimal:
        return sum((c.monthly for c in self.components), Decimal(0))

    @property
    def upfront(self) -> Decimal:
        return sum((c.upfront for c in self.components), Decimal(0))


def priced(
    book: PriceBook,
    key: PriceKey,
    *,
    name: str,
    unit: str,
    quantity: Decimal,
    field: str,
    per: Decimal = Decimal(1),
    note: str = "",
) -> CostComponent:
    """A component of `quantity` units at the catalog price of `key`.

    `per` converts the catalog's unit to the component's (1,000,000 when the catalog prices
    one request and the component counts millions). A missing price becomes an EstimateError
    naming `field`, never a zero.
    """
    try:
        entry: PriceEntry = book.price(key, field=field)
    except PriceMissing as exc:
        raise EstimateError(field, exc.message) from None
    unit_price = entry.usd * per
    monthly = entry.cost(quantity * per) if per == 1 else quantity * unit_price
    return CostComponent(
        name=name,
        unit=unit,
        quantity=quantity,
        unit_price=unit_price,
        monthly=monthly,
        price_key=key,
        source=entry.source,
        note=note,
    )
