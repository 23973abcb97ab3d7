"""What every estimator builder returns: cost components priced from the PriceBook.

A component keeps its price (per unit, from the catalog, with its source) apart from its cost
(price x quantity). Money is Decimal; rounding to cents happens only where totals are shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from catalog.pricebook import TERM_HOURS, PriceBook, PriceEntry, PriceKey, PriceMissing

HOURS_PER_MONTH = Decimal(730)  # the AWS Pricing Calculator's month
MAX_HOURS_IN_MONTH = Decimal(744)  # 31 days: more hours than this is not "per month"
MILLION = Decimal(1_000_000)
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


# ----- helpers the per-service builders share ------------------------------------------------


def check(condition: bool, field: str, message: str) -> None:
    """A rule the configuration must meet; breaking it is an EstimateError naming `field`."""
    if not condition:
        raise EstimateError(field, message)


def month_hours(hours: Decimal, field: str) -> Decimal:
    check(
        0 <= hours <= MAX_HOURS_IN_MONTH,
        field,
        f"must be between 0 and {MAX_HOURS_IN_MONTH} (the hours of a 31-day month)",
    )
    return Decimal(hours)


def class_field(book: PriceBook, key: PriceKey, class_name: str, combination: str) -> str:
    """Which field to blame when an instance price is missing: the class, when the catalog
    offers other classes for the same combination; else the combination itself."""
    return class_name if book.offered_classes(key) else combination


def usd(amount: Decimal | int) -> str:
    """Money for a sentence: thousands separated, always cents ("$0.10", "$1,830.00"), rounded
    as the estimator rounds its totals."""
    return f"${cents(Decimal(amount)):,}"


def term_label(term: str) -> str:
    """ "1yr_partial_upfront" -> "1-year Partial Upfront"; DynamoDB's "1yr_reserved" -> "1-year"."""
    length, _, option = term.partition("_")
    text = f"{length[0]}-year"
    if option and option != "reserved":
        text += " " + option.replace("_", " ").title()
    return text


def reserved(
    book: PriceBook,
    hourly_key: PriceKey,
    upfront_key: PriceKey,
    *,
    name: str,
    unit: str,
    count: Decimal,
    field: str,
    what: str = "instance",
) -> CostComponent:
    """A reserved term: the recurring hourly fee for every hour of the month, plus the
    one-time upfront fee reported apart (CostComponent.upfront, never in `monthly`).

    The recurring fee is owed for every hour of the term whether the instance runs or not,
    so the quantity is always 730 hours per unit. No Upfront terms have no upfront row
    (aws-prices-notes.md, "Reserved instances"); Partial and All Upfront must have one.
    """
    term = hourly_key.term
    try:
        hourly: PriceEntry = book.price(hourly_key, field=field)
        fee = Decimal(0)
        fee_source = ""
        if "no_upfront" not in term:
            entry = book.price(upfront_key, field=field)
            fee, fee_source = entry.usd, entry.source
    except PriceMissing as exc:
        raise EstimateError(field, exc.message) from None
    quantity = HOURS_PER_MONTH * count
    term_hours = TERM_HOURS[term.split("_", 1)[0]]
    # What the AWS pricing page shows as "effective hourly": it is computed, never stored
    # (aws-prices-notes.md: the estimator must compute hourly + upfront / hours in the term).
    effective = hourly.usd + fee / term_hours
    label = term_label(term)
    note = (
        f"{label}: {usd(fee)} upfront per {what} + ${hourly.usd.normalize():f}/hour = "
        f"${effective.quantize(Decimal('0.000001'))}/hour effective over {term_hours:,} hours"
    )
    if name.endswith(")"):
        name = f"{name[:-1]}, reserved {label})"
    return CostComponent(
        name=name,
        unit=unit,
        quantity=quantity,
        unit_price=hourly.usd,
        monthly=quantity * hourly.usd,
        price_key=hourly_key,
        source=hourly.source if not fee_source else f"{hourly.source}; upfront: {fee_source}",
        upfront=fee * count,
        note=note,
    )


def transfer_out(
    book: PriceBook, service: str, region: str, to_region: str, gb: Decimal
) -> CostComponent:
    """Replication traffic leaving `region` for `to_region` at the inter-Region rate
    (Aurora Global Database and DynamoDB global tables replicate across Regions)."""
    return priced(
        book,
        PriceKey(service, region, "inter_region_data_transfer_out", to_region=to_region),
        name=f"Inter-Region transfer {region} -> {to_region}",
        unit="GB",
        quantity=gb,
        field="usage.replication_transfer_gb_per_month",
    )
