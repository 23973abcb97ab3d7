"""comparison_to_json: API.md's comparison `result`. Money as decimal strings with two places;
break-even values, months and multipliers as numbers. Fields beyond API.md's are additions."""

from __future__ import annotations

from decimal import Decimal

from advisor.configs import to_json as config_to_json
from advisor.estimator.base import cents

from .breakeven import BreakEven
from .params import params_to_json, plain
from .sweep import Comparison

VALUE_PLACES = {"utilization": 4, "io_share": 4, "month": 1, "traffic_multiplier": 2}


def money(amount: Decimal | None) -> str | None:
    return None if amount is None else f"{cents(amount):.2f}"


def number(value: Decimal) -> int | float:
    value = plain(value)
    return int(value) if value == value.to_integral_value() else float(value)


def comparison_to_json(result: Comparison) -> dict:
    labels = [o.label for o in result.options]
    return {
        "catalog": {
            "version": result.catalog_version,
            "as_of": result.catalog_as_of.isoformat(),
            "currency": result.currency,
        },
        "params": params_to_json(result.params),
        "region": result.params.region,
        "options": [
            {
                "service": o.service,
                "label": o.label,
                "config": config_to_json(o.config),
                "monthly_usd": money(o.monthly),
                "fit_score": o.fit_score,
                "upfront_usd": money(o.upfront),
                "region": o.region,
                "engine_choice": o.engine_choice,
                "with_cache": o.with_cache,
                "cache_label": o.cache_label or None,
                "cache_monthly_usd": money(o.cache_monthly) if o.with_cache else None,
                "notes": list(o.notes),
            }
            for o in result.options
        ],
        "regions": [
            {
                "region": r.region,
                "label": r.label,
                "monthly_usd": money(r.monthly),
                "configured_as": r.configured_as or None,
                "note": r.note or None,
            }
            for r in result.regions
        ],
        "growth": [
            {"month": month, "costs": dict(zip(labels, map(money, costs), strict=True))}
            for month, costs in result.growth
        ],
        "sensitivity": [
            {"multiplier": number(m), "costs": dict(zip(labels, map(money, costs), strict=True))}
            for m, costs in result.sensitivity
        ],
        "break_even": [break_even_to_json(b) for b in result.break_even],
        "events": [
            {
                "month": e.month,
                "options": list(e.options),
                "message": e.message,
                "severity": e.severity,
                "source": e.source,
            }
            for e in result.events
        ],
        "notes": list(result.notes),
        "evaluations": result.evaluations,
        "engine_runs": result.engine_runs,
    }


def break_even_to_json(b: BreakEven) -> dict:
    out = {
        "a": b.a,
        "b": b.b,
        "variable": b.variable,
        "value": number(b.value.quantize(Decimal(1).scaleb(-VALUE_PLACES[b.variable]))),
        "message": b.message,
        "kind": b.kind,
        "source": b.source,
    }
    if b.avg_acu is not None:
        out["avg_acu"] = number(b.avg_acu)
    return out
