"""An Estimate as a fixed-width table that reads like a bill (golden files, plain-text exports).

Pure function of the Estimate: the same estimate always renders to the same text. Each line
shows its own cost rounded to the cent; the total is the sum at full precision, then rounded,
as API.md's monthly_usd is.
"""

from __future__ import annotations

import textwrap
from decimal import Decimal

from .base import Estimate, cents

SERVICE_TITLES = {
    "rds": "Amazon RDS",
    "aurora": "Amazon Aurora",
    "dynamodb": "Amazon DynamoDB",
    "elasticache": "Amazon ElastiCache",
    "dms": "AWS DMS",
}
QUANTITY_PLACES = Decimal("0.000001")


def quantity_text(quantity: Decimal) -> str:
    """1460 -> "1,460"; 52.56 -> "52.56"; never exponent notation, at most six places."""
    if quantity == quantity.to_integral_value():
        return f"{quantity:,.0f}"
    if quantity.as_tuple().exponent < -6:
        quantity = quantity.quantize(QUANTITY_PLACES)
    return f"{quantity.normalize():,f}"


def price_text(price: Decimal) -> str:
    return f"{price.normalize():f}" if price else "0"


def money_text(amount: Decimal) -> str:
    return f"{cents(amount):,.2f}"


def render(estimate: Estimate, *, title: str = "") -> str:
    service = SERVICE_TITLES.get(estimate.service, estimate.service)
    head = title or f"{service} estimate"
    lines = [
        f"{head}: {estimate.region}, catalog {estimate.catalog_version} (USD, 730-hour month)",
        "",
    ]
    with_upfront = any(c.upfront for c in estimate.components)
    rows = [
        (
            c.name,
            quantity_text(c.quantity),
            c.unit,
            price_text(c.unit_price),
            money_text(c.monthly),
            money_text(c.upfront) if c.upfront else "",
        )
        for c in estimate.components
    ]
    header = ("Component", "Quantity", "Unit", "Unit price", "Monthly", "Upfront")
    total = (
        "Total",
        "",
        "",
        "",
        f"${money_text(estimate.monthly)}",
        f"${money_text(estimate.upfront)}",
    )
    columns = 6 if with_upfront else 5
    widths = [max(len(r[i]) for r in [header, *rows, total]) for i in range(columns)]

    def line(cells) -> str:
        text = cells[0].ljust(widths[0])
        text += "  " + cells[1].rjust(widths[1])
        text += "  " + cells[2].ljust(widths[2])
        for i in range(3, columns):
            text += "  " + cells[i].rjust(widths[i])
        return text.rstrip()

    rule = line(["-" * w for w in widths])
    lines += [line(header), rule]
    for component, row in zip(estimate.components, rows, strict=True):
        lines.append(line(row))
        if component.note:
            lines += textwrap.wrap(
                component.note,
                width=min(max(len(rule), 72), 100),
                initial_indent="    ",
                subsequent_indent="    ",
                break_on_hyphens=False,
            )
    if not rows:
        lines.append("(nothing to bill)")
    lines += [rule, line(total)]
    if with_upfront:
        lines.append(
            "Upfront fees are paid once for the whole term; they are not in the monthly total."
        )
    return "\n".join(lines) + "\n"
