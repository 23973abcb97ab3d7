"""What a one-year commitment would save on the recommended design: RDS reserved instances,
ElastiCache reserved nodes and DynamoDB reserved capacity, priced from the catalog's reserved
rows by the estimator.

The option's own price stays on demand (API.md prices a 730-hour on-demand month); the
commitment is an info finding beside it, and only for steady or predictable production load:
a reservation bills every hour of its term whether the capacity is used or not, so it suits
capacity that runs all the time. Where the catalog has no reserved price for the configuration
(Oracle, Multi-AZ DB clusters, Serverless), nothing is said.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from advisor.questionnaire import Workload
from catalog.pricebook import PriceBook

from .derived import usd
from .findings import info
from .model import Option, evolve
from .options import PricingFailed, priced_estimate

COMMITTED_PATTERNS = ("steady", "predictable_peaks")
MONTHS_PER_YEAR = 12
SOURCE_KEYS = {"rds": "RDS-RI", "elasticache": "EC-RI", "dynamodb": "DDB-RESERVED"}


def with_commitment(w: Workload, option: Option | None, book: PriceBook) -> Option | None:
    """The option with a `pricing.reserved` finding when a reservation suits the load and the
    catalog prices one; the option unchanged otherwise."""
    if option is None or w.environment != "production":
        return option
    if w.traffic_pattern not in COMMITTED_PATTERNS or option.monthly <= 0:
        return option
    terms = _terms(option)
    priced = [p for p in (_priced(option, config, book) for config in terms) if p is not None]
    if not priced:
        return option
    note = info("pricing.reserved", _sentence(w, option, priced), "traffic_pattern",
                "environment", source_key=SOURCE_KEYS[option.service])  # fmt: skip
    return evolve(option, rationale=(*option.rationale, note))


def _terms(option: Option) -> list[Any]:
    """The reserved configurations to price: no upfront and all upfront for a year (RDS,
    ElastiCache nodes); reserved capacity for a year (DynamoDB provisioned, Standard class)."""
    config = option.config
    if option.service in ("rds", "elasticache"):
        if getattr(config, "deployment", "") == "serverless":
            return []
        return [evolve(config, pricing_term=t) for t in ("1yr_no_upfront", "1yr_all_upfront")]
    if option.service == "dynamodb":
        if config.capacity_mode != "provisioned" or config.table_class != "standard":
            return []
        return [evolve(config, reserved_capacity=True)]
    return []


def _priced(option: Option, config: Any, book: PriceBook) -> tuple[Decimal, Decimal] | None:
    """(monthly, upfront) of the option under `config`, or None when the catalog has no
    reserved price for it."""
    try:
        _estimate, monthly, upfront = priced_estimate(
            option.service, option.region, config, option.usage, book
        )
    except PricingFailed:
        return None
    return monthly, upfront


def _less(amount: Decimal, than: Decimal) -> str:
    return f"{(than - amount) * 100 / than:.0f}% less"


def _sentence(w: Workload, option: Option, priced: list[tuple[Decimal, Decimal]]) -> str:
    on_demand = option.monthly
    parts = []
    for monthly, upfront in priced:
        yearly = monthly + upfront / MONTHS_PER_YEAR
        if upfront:
            parts.append(f"{usd(upfront)} upfront and {usd(monthly)} a month, "
                         f"{usd(yearly)} a month over the year ({_less(yearly, on_demand)})")  # fmt: skip
        else:
            parts.append(f"{usd(monthly)} a month with nothing upfront "
                         f"({_less(monthly, on_demand)})")  # fmt: skip
    what = ("reserved capacity" if option.service == "dynamodb" else
            "reserved nodes" if option.service == "elasticache" else "reserved instances")  # fmt: skip
    return (
        f"{_load(w)} production load, running every hour: with {what} for one year this comes to "
        f"{' or '.join(parts)}, against {usd(on_demand)} a month on demand. A reservation "
        "bills every hour of its term, used or not; the prices above are on demand."
    )


def _load(w: Workload) -> str:
    return "Steady" if w.traffic_pattern == "steady" else "Predictable"
