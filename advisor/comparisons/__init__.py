"""Comparisons: every feasible option side by side across Regions, traffic and data growth,
with the break-even points between them. Pure Python, no Django.

    from advisor.comparisons import Params, compare, comparison_to_json, params_from_json
"""

from .params import (
    DEFAULT_MONTHS,
    DEFAULT_MULTIPLIERS,
    Params,
    ParamsInvalid,
    default_regions,
    params_from_json,
    params_to_json,
)
from .serialize import comparison_to_json
from .sweep import Comparison, compare

__all__ = [
    "DEFAULT_MONTHS",
    "DEFAULT_MULTIPLIERS",
    "Comparison",
    "Params",
    "ParamsInvalid",
    "compare",
    "comparison_to_json",
    "default_regions",
    "params_from_json",
    "params_to_json",
]
