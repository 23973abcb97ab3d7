"""Prices a service configuration from the PriceBook: pure Python, no Django.

    estimate(service, region, config, usage, book) -> Estimate

`config` and `usage` are the dataclasses of advisor.configs (usage may be None: every usage
default). A configuration the catalog cannot price raises EstimateError naming the field
("config.edition", "usage.backup_storage_gb", "region"); nothing is ever priced as $0 by
default. Components with a quantity of zero are left out.
"""

from __future__ import annotations

from advisor.configs import USAGE_TYPES

from . import aurora, dms, dynamodb, elasticache, rds
from .base import CostComponent, Estimate, EstimateError, cents

__all__ = ["CostComponent", "Estimate", "EstimateError", "cents", "estimate"]

BUILDERS = {
    "rds": rds.build,
    "aurora": aurora.build,
    "dynamodb": dynamodb.build,
    "elasticache": elasticache.build,
    "dms": dms.build,
}


def estimate(service, region, config, usage, book) -> Estimate:
    if service not in BUILDERS:
        raise EstimateError("service", f"unknown service {service!r}")
    if region not in book.regions:
        raise EstimateError("region", f"{region} is not a region of catalog {book.version}")
    if usage is None:
        usage = USAGE_TYPES[service]()
    components = BUILDERS[service](region, config, usage, book)
    return Estimate(
        service=service,
        region=region,
        components=tuple(c for c in components if c.quantity != 0),
        catalog_version=book.version,
    )
