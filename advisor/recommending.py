"""The one path from a workload payload to the recommendation answer: validate, recommend,
render as API.md's JSON. The recommendations API, the questionnaire page, saved designs and
Celery tasks all call `recommendation_for_payload`, so they cannot drift apart.

Pure Python (the PriceBook is passed in); raises questionnaire.WorkloadInvalid for bad answers,
answers too large to price included.
"""

from __future__ import annotations

from typing import Any

from advisor.engine import recommend, recommendation_to_json
from advisor.questionnaire import Workload, WorkloadInvalid, too_large_to_price, workload_from_json
from catalog.pricebook import PriceBook

__all__ = ["WorkloadInvalid", "recommendation_for_payload", "recommendation_for_workload"]


def recommendation_for_payload(payload: Any, book: PriceBook) -> dict:
    """API.md's recommendation answer for a Workload payload, priced from `book`.

    Region codes are checked against the regions `book` prices."""
    workload = workload_from_json(payload, regions=book.regions.keys())
    return recommendation_for_workload(workload, book)


def recommendation_for_workload(workload: Workload, book: PriceBook) -> dict:
    try:
        return recommendation_to_json(recommend(workload, book))
    except ArithmeticError:
        # A Decimal overflow on sizes within the questions' bounds: an answer to change, said
        # here once for every caller.
        raise too_large_to_price() from None
