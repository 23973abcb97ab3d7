"""AWS DMS: replication instance hours and storage beyond the included allowance.

Pricing page: https://aws.amazon.com/dms/pricing/ ; billing rules in
../shared/data/aws-prices-notes.md and domain-facts.md (DMS-*).

Assumptions, each visible where it is applied:
- The replication instance runs usage.hours in the month (at most 744); when that is 0,
  config.estimated_full_load_hours. A CDC migration runs for as long as replication continues:
  give its hours in the month in usage.hours (730 for a whole month).
- Storage is usage.storage_gb, else config.allocated_storage_gb, billed per GB-month for the
  hours the instance runs (hours / 730 of a month) beyond the storage each instance includes:
  50 GB for burstable t2/t3, 100 GB for c4/r4/r5 (aws-prices-notes.md, from Infracost's model).
  c5, c6i and r6i are assumed to include 100 GB too: they are the newer generations of the same
  compute- and memory-optimised families, and the allowance is set by family kind (burstable or
  not); Infracost's table predates them and bills them with no allowance at all.
- Not priced: t3 unlimited-mode CPU credits (no usage input), DMS Serverless (its unit is
  unverified in the catalog), Schema Conversion (SCT is free; DMS Schema Conversion is not in
  the catalog), data transfer.
"""

from __future__ import annotations

from decimal import Decimal

from advisor.configs import DmsConfig, DmsUsage
from catalog.pricebook import PriceBook, PriceKey

from .base import HOURS_PER_MONTH, CostComponent, check, month_hours, priced

INCLUDED_STORAGE_GB = {
    "t2": 50,
    "t3": 50,
    "c4": 100,
    "r4": 100,
    "r5": 100,
    "c5": 100,  # assumed: see the module docstring
    "c6i": 100,  # assumed
    "r6i": 100,  # assumed
}


def build(region: str, config: DmsConfig, usage: DmsUsage, book: PriceBook) -> list[CostComponent]:
    check(isinstance(config, DmsConfig), "config", "must be a DMS configuration")
    check(isinstance(usage, DmsUsage), "usage", "must be DMS usage")
    instance_class = config.replication_instance_class
    parts = instance_class.split(".")
    family = parts[1] if len(parts) == 3 and parts[0] == "dms" else ""
    check(
        family in INCLUDED_STORAGE_GB,
        "config.replication_instance_class",
        "not a DMS replication instance class the estimator knows (dms.t3.medium, dms.r5.large, ...)",  # noqa: E501
    )
    deployment = "multi_az" if config.multi_az else "single_az"
    az = "Multi-AZ" if config.multi_az else "Single-AZ"
    # An estimate is of one month: the hours the instance runs in it, at most 744 (31 days).
    how = "usage.hours" if usage.hours else "config.estimated_full_load_hours"
    hours = month_hours(usage.hours or config.estimated_full_load_hours, how)
    components = []
    if hours:
        components.append(
            priced(
                book,
                PriceKey(
                    "dms",
                    region,
                    "replication_instance_hours",
                    deployment=deployment,
                    instance_class=instance_class,
                ),
                name=f"Replication instance ({instance_class}, {az})",
                unit="hours",
                quantity=hours,
                field="config.replication_instance_class",
                note=f"hours from {how}",
            )
        )
    storage = usage.storage_gb or Decimal(config.allocated_storage_gb)
    included = INCLUDED_STORAGE_GB[family]
    beyond = storage - included
    if beyond > 0 and hours:
        components.append(
            priced(
                book,
                PriceKey("dms", region, "replication_storage", deployment=deployment),
                name=f"Replication storage beyond the {included} GB included ({az})",
                unit="GB-months",
                quantity=beyond * hours / HOURS_PER_MONTH,
                field="usage.storage_gb",
                note=f"{storage:,} GB - {included} GB included, for {hours:,} of 730 hours",
            )
        )
    return components
