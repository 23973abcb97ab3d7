"""Prices a service configuration from the PriceBook: pure Python, no Django.

    estimate(service, region, config, usage, book) -> Estimate

`config` and `usage` are the dataclasses of advisor.configs. A configuration the catalog
cannot price raises EstimateError naming the field; nothing is ever priced as $0 by default.
"""

from __future__ import annotations

from .base import CostComponent, Estimate, EstimateError, cents

__all__ = ["CostComponent", "Estimate", "EstimateError", "cents", "estimate"]


def estimate(service, region, config, usage, book) -> Estimate:
    from . import aurora, dms, dynamodb, elasticache, rds

    builders = {
        "rds": rds.build,
        "aurora": aurora.build,
        "dynamodb": dynamodb.build,
        "elasticache": elasticache.build,
        "dms": dms.build,
    }
    if service not in builders:
        raise EstimateError("service", f"unknown service {service!r}")
    if region not in book.regions:
        raise EstimateError("region", f"{region} is not a region of catalog {book.version}")
    components = builders[service](region, config, usage, book)
    return Estimate(
        service=service, region=region, components=tuple(components), catalog_version=book.version
    )
