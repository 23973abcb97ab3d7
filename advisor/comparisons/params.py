"""What a comparison sweeps: the Regions to price in, the months of data growth, the traffic
multipliers. Checked here, field by field, for the API, the form and the worker alike."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

D = Decimal
MAX_REGIONS = 5  # as many as a workload may name (API.md)
MAX_MONTHS = 120
MAX_MULTIPLIERS = 12
MAX_MULTIPLIER = D(100)
DEFAULT_MONTHS = 36
DEFAULT_MULTIPLIERS = (D("0.5"), D(1), D(2), D(5), D(10))  # API.md's example
# Regions offered beside the design's own when none are asked: the three largest AWS
# Regions, so a default comparison says what the design costs in the usual alternatives.
DEFAULT_OTHER_REGIONS = ("us-east-1", "us-west-2", "eu-west-1")
DEFAULT_REGION_COUNT = 3


class ParamsInvalid(ValueError):
    """Parameters that cannot be swept; `fields` maps each field to what to fix."""

    def __init__(self, fields: dict[str, list[str]]) -> None:
        self.fields = fields
        self.message = "Fix the comparison parameters: " + "; ".join(
            f"{name}: {', '.join(messages)}" for name, messages in fields.items()
        )
        super().__init__(self.message)


@dataclass(frozen=True, slots=True)
class Params:
    """The first Region is where growth and traffic are swept; every Region gets a price."""

    regions: tuple[str, ...]
    months: int = DEFAULT_MONTHS
    traffic_multipliers: tuple[Decimal, ...] = DEFAULT_MULTIPLIERS

    @property
    def region(self) -> str:
        return self.regions[0]


def default_regions(primary: str, known: Collection[str]) -> tuple[str, ...]:
    regions = [primary]
    for code in DEFAULT_OTHER_REGIONS:
        if len(regions) == DEFAULT_REGION_COUNT:
            break
        if code not in regions and code in known:
            regions.append(code)
    return tuple(regions)


def params_from_json(data: Any, *, known_regions: Collection[str], primary: str) -> Params:
    """Params from JSON-like data (missing keys take their defaults), or ParamsInvalid naming
    every bad field. `primary` is the design's primary Region, first by default."""
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ParamsInvalid({"params": ["must be a JSON object"]})
    errors: dict[str, list[str]] = {}
    regions = _regions(data.get("regions"), set(known_regions), primary, errors)
    months = _months(data.get("months", DEFAULT_MONTHS), errors)
    multipliers = _multipliers(data.get("traffic_multipliers"), errors)
    if errors:
        raise ParamsInvalid(errors)
    return Params(regions=regions, months=months, traffic_multipliers=multipliers)


def params_to_json(params: Params) -> dict:
    return {
        "regions": list(params.regions),
        "months": params.months,
        "traffic_multipliers": [_number(m) for m in params.traffic_multipliers],
    }


def _regions(value: Any, known: set[str], primary: str, errors: dict) -> tuple[str, ...]:
    if value is None or value == []:
        return default_regions(primary, known)
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        errors["regions"] = ["must be a list of Region codes"]
        return ()
    if not 1 <= len(value) <= MAX_REGIONS:
        errors["regions"] = [f"must list 1 to {MAX_REGIONS} Regions"]
    unknown = [v for v in value if v not in known]
    if unknown:
        errors.setdefault("regions", []).append(
            f"not in the catalog: {', '.join(sorted(set(unknown)))}"
        )
    if len(set(value)) != len(value):
        errors.setdefault("regions", []).append("lists a Region twice")
    return tuple(value)


def _months(value: Any, errors: dict) -> int:
    number = _decimal(value)
    if number is None or number != number.to_integral_value():
        errors["months"] = ["must be a whole number"]
        return 0
    if not 1 <= number <= MAX_MONTHS:
        errors["months"] = [f"must be between 1 and {MAX_MONTHS}"]
        return 0
    return int(number)


def _multipliers(value: Any, errors: dict) -> tuple[Decimal, ...]:
    if value is None or value == []:
        return DEFAULT_MULTIPLIERS
    if not isinstance(value, list | tuple):
        errors["traffic_multipliers"] = ["must be a list of numbers"]
        return ()
    numbers = [_decimal(v) for v in value]
    if any(n is None for n in numbers):
        errors["traffic_multipliers"] = ["must be a list of numbers"]
        return ()
    if not 1 <= len(numbers) <= MAX_MULTIPLIERS:
        errors["traffic_multipliers"] = [f"must list 1 to {MAX_MULTIPLIERS} multipliers"]
    if any(not 0 < n <= MAX_MULTIPLIER for n in numbers):
        errors.setdefault("traffic_multipliers", []).append(
            f"each must be more than 0 and at most {MAX_MULTIPLIER}"
        )
        # plain() cannot quantize one past the context's 28 digits (1E+30): not asked to.
        return ()
    # Sorted and without repeats: the sensitivity chart's x axis.
    return tuple(sorted({plain(n) for n in numbers}))


def _decimal(value: Any) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        return None
    try:
        number = D(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def plain(value: Decimal) -> Decimal:
    """2.50 -> 2.5 and 10 -> 10 (normalize alone would give 1E+1)."""
    value = value.normalize()
    return value.quantize(D(1)) if value.as_tuple().exponent > 0 else value


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)
