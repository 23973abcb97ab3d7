"""Turning a configuration into a priced Option, and a pricing failure into a rejection.

Every option's numbers are the estimator's: `priced_option` calls advisor.estimator.estimate.
A price the catalog lacks (a class not offered in a Region, DAX where it is not sold) rejects
that one candidate with the reason; it never stops the recommendation.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from advisor.estimator import estimate
from advisor.estimator.base import CostComponent, EstimateError
from catalog.pricebook import PriceBook, PriceMissing

from .findings import risk
from .memo import exact_text, remember
from .model import Finding, Option, Rejected, totals_of

PricingFailed = (EstimateError, PriceMissing)

# Estimates are pure functions of (service, region, config, usage) and the book, so each
# book keeps the last ESTIMATES_KEPT of them with their totals (about 3 KB each: under 1 MB
# per process, some fifty answers' worth: enough for a person revising an answer), oldest
# out first; a larger memo measured no faster, and slower on answers that share nothing.
# Found by the configs' text, not their equality: Decimal 800 and 800.0 are equal but a
# component note shows the number as written, and one text each costs less than hashing and
# comparing the dataclasses field by field.
ESTIMATES_KEPT = 256


def priced_estimate(service: str, region: str, config: Any, usage: Any, book: PriceBook):
    """(Estimate, monthly, upfront) by advisor.estimator.estimate, remembered per book, and so
    are failures: to look at before building an Option with priced_option(..., priced=)."""
    memo = book.cache("engine.estimates", OrderedDict)
    key = (service, region, exact_text(config), exact_text(usage))
    found = memo.get(key)
    if found is None:
        try:
            result = estimate(service, region, config, usage, book)
        except PricingFailed as exc:
            # A price the catalog lacks is as much a fact of the book as one it has, and most
            # answers ask for one (reserved rates for Valkey or Oracle, which the catalog does
            # not sell, for the commitment note): finding out again means a failed lookup, a
            # hint and an exception each time.
            remember(memo, key, _again(exc), ESTIMATES_KEPT)  # without its traceback
            raise
        found = remember(memo, key, (result, *totals_of(result.components)), ESTIMATES_KEPT)
    elif isinstance(found, Exception):
        raise _again(found)
    return found


def _again(exc: Exception) -> Exception:
    """A fresh copy of a remembered pricing failure: raising the kept one itself would chain
    each raise's traceback onto it (and share it between threads). Built without __init__,
    whose arguments (a PriceKey and hint, or a field and message) the exception does not all
    keep; its args and attributes are what callers read."""
    copy = exc.__class__.__new__(exc.__class__, *exc.args)
    copy.__dict__.update(exc.__dict__)
    return copy


def priced_option(
    book: PriceBook,
    region: str,
    service: str,
    label: str,
    config: Any,
    usage: Any,
    rationale: Iterable[Finding],
    *,
    penalty: int = 0,
    needs_cache: bool = False,
    priced: tuple | None = None,
) -> Option:
    """Raises EstimateError / PriceMissing when the catalog cannot price the configuration.
    `priced`: what priced_estimate already gave for this config and usage."""
    result, monthly, upfront = priced or priced_estimate(service, region, config, usage, book)
    rationale = tuple(rationale)
    return Option(
        service=service,
        label=label,
        config=config,
        usage=usage,
        region=region,
        components=result.components,
        rationale=rationale,
        penalty=penalty,
        needs_cache=needs_cache,
        monthly=monthly,
        upfront=upfront,
    )


def unpriced(service: str, label: str, exc: Exception) -> Rejected:
    message = getattr(exc, "message", str(exc))
    field = getattr(exc, "field", "")
    where = f" ({field})" if field else ""
    return Rejected(
        service,
        label,
        (risk("constraint.not_priced", f"The catalog cannot price this configuration{where}: "
              f"{message}"),),
    )  # fmt: skip


def dimension_total(components: Iterable[CostComponent], dimension: str) -> Decimal:
    """What the components of one priced dimension (io_requests, storage, ...) spend a month,
    unrounded; Estimate.monthly is the whole."""
    return sum(
        (c.monthly for c in components if c.price_key and c.price_key.dimension == dimension),
        Decimal(0),
    )
