"""Template helpers of the comparison page and of the shared report's comparison section."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import template
from django.utils.translation import gettext as _

from advisor.comparisons import display

register = template.Library()


@register.simple_tag
def comparison_view(result: dict | None) -> dict:
    """Charts and tables of a comparison result (its stored JSON)."""
    if not result:
        return {}
    return {
        "growth": display.growth_chart(result),
        "sensitivity": display.sensitivity_chart(result),
        "regions": display.region_table(result),
        "growth_table": display.growth_table(result),
        "drawn": min(len(result.get("options", [])), display.SERIES),
    }


@register.simple_tag
def latest_comparison(version) -> Any:
    """The newest finished comparison of a design version, or None (for its shared report)."""
    from advisor.comparison_selectors import comparison_latest_done

    return comparison_latest_done(version=version) if version is not None else None


@register.filter
def break_even_value(entry: dict) -> str:
    """A break-even value as a reader says it: 28.9%, month 14.3, 3.2×."""
    try:
        value = Decimal(str(entry.get("value")))
    except (InvalidOperation, TypeError):
        return ""
    variable = entry.get("variable")
    if variable in ("utilization", "io_share"):
        return f"{value * 100:.1f}%"
    if variable == "month":
        return _("month %(n)s") % {"n": f"{value.normalize():f}"}
    return f"{value.normalize():f}×"


@register.filter
def variable_label(variable: str) -> str:
    return {
        "utilization": _("utilisation"),
        "io_share": _("I/O share"),
        "month": _("data growth"),
        "traffic_multiplier": _("traffic"),
    }.get(variable, variable)


@register.filter
def dict_get(mapping: dict | None, key: str) -> Any:
    """mapping[key] for keys templates cannot spell (option labels have spaces and commas)."""
    return (mapping or {}).get(key)
