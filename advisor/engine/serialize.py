"""recommendation_to_json: API.md's answer shape. Money as strings with two places (the
components' rounded amounts add up to each option's total); unit prices at full precision."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import fields
from decimal import Decimal
from typing import Any

from advisor.estimator.base import CostComponent, cents
from advisor.questionnaire import workload_to_json

from .memo import remember
from .model import Finding, Option, Recommendation, Rejected


def money(amount: Decimal) -> str:
    return f"{cents(amount):.2f}"


def unit_price(amount: Decimal) -> str:
    return f"{amount.normalize():f}"


def quantity(amount: Decimal) -> str:
    return f"{Decimal(amount).normalize():f}"


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
_AS_IS = frozenset({str, int, bool, float, type(None)})  # JSON as they are


def config_to_json(obj: Any) -> Any:
    """A config as advisor.configs.to_json renders it (tuples as lists, Decimals as numbers),
    with each class's field names looked up once: this runs for every option of every answer."""
    if obj is None:
        return None
    cls = type(obj)
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(obj))
    out = {}
    for name in names:
        value = getattr(obj, name)
        kind = type(value)
        if kind in _AS_IS:  # most fields: tested first, so they skip the hasattr below
            pass
        elif kind is Decimal:
            value = int(value) if value == value.to_integral_value() else float(value)
        elif kind is tuple:
            value = list(value)
        elif hasattr(kind, "__dataclass_fields__"):
            value = config_to_json(value)
        out[name] = value
    return out


def finding_to_json(finding: Finding) -> dict:
    return {
        "rule": finding.rule,
        "severity": finding.severity,
        "message": finding.message,
        "source": finding.source,
        "cites": list(finding.cites),
    }


def component_to_json(c: CostComponent) -> dict:
    out = {
        "name": c.name,
        "unit": c.unit,
        "quantity": quantity(c.quantity),
        "unit_price_usd": unit_price(c.unit_price),
        "monthly_usd": money(c.monthly),
        "source": c.source,
    }
    if c.upfront:
        out["upfront_usd"] = money(c.upfront)
    if c.note:
        out["note"] = c.note
    return out


# The components of an option are those of its estimate, which advisor.engine.options keeps
# per book: their rendering is kept too, by the identity of the components tuple. Each entry
# holds the tuple itself, so its id cannot be reused while the entry lives; oldest out first.
COMPONENT_RENDERINGS_KEPT = 256
_rendered: OrderedDict[int, tuple[tuple[CostComponent, ...], list[dict]]] = OrderedDict()


def components_to_json(components: tuple[CostComponent, ...]) -> list[dict]:
    found = _rendered.get(id(components))
    if found is None or found[0] is not components:
        found = (components, [component_to_json(c) for c in components])
        remember(_rendered, id(components), found, COMPONENT_RENDERINGS_KEPT)
    return [dict(c) for c in found[1]]  # copies: callers may change what they are given


def option_to_json(option: Option | None) -> dict | None:
    if option is None:
        return None
    return {
        "service": option.service,
        "label": option.label,
        "region": option.region,
        "config": config_to_json(option.config),
        "monthly_usd": money(option.monthly),
        "upfront_usd": money(option.upfront),
        "cost_components": components_to_json(option.components),
        "rationale": [finding_to_json(f) for f in option.rationale],
        "fit_score": option.fit_score,
        "needs_cache": option.needs_cache,
    }


def rejected_to_json(rejected: Rejected) -> dict:
    return {
        "service": rejected.service,
        "label": rejected.label,
        "reasons": [finding_to_json(f) for f in rejected.reasons],
    }


def recommendation_to_json(rec: Recommendation) -> dict:
    return {
        "workload": workload_to_json(rec.workload),
        "catalog": {
            "version": rec.catalog_version,
            "as_of": rec.catalog_as_of.isoformat(),
            "currency": rec.currency,
        },
        "primary": option_to_json(rec.primary),
        "cache": option_to_json(rec.cache),
        "migration": option_to_json(rec.migration),
        "alternatives": [option_to_json(o) for o in rec.alternatives],
        "rejected": [rejected_to_json(r) for r in rec.rejected],
        "findings": [finding_to_json(f) for f in rec.findings],
        "total_monthly_usd": money(rec.total_monthly),
    }
