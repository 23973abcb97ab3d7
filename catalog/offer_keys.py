"""What an offer-file SKU is, in the catalog's normalised PriceKey terms, and the helpers the
per-family mappers share (usage-type stems, locations).

Pure Python (no Django). Each family mapper (catalog/offer_rds.py, catalog/offer_nosql.py)
returns a Product (what one SKU is, in the same terms as catalog/data/prices.csv) or a Skip
naming why the SKU is not priced; catalog/offer_mapping.py dispatches on the product family.

Attribute names and values are those of the real offer files, as collected in
../shared/data/offer-file-format.md (sources: lyft/awspricing and bangpound/awspricing
fixtures cut from real files; Infracost's price-list filters, internal/resources/aws/*.go).

Where the feeds disagree or a value was never seen in a real file, the rule keys on the
`usagetype`, which is what AWS bills by: two SKUs that differ only in an attribute we ignore
then still land on different keys or are caught as a collision by catalog.offerfile.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from .pricebook import InstanceClassSpec

OFFER_CODES = (
    "AmazonRDS",
    "AmazonDynamoDB",
    "AmazonDAX",
    "AmazonElastiCache",
    "AWSDatabaseMigrationSvc",
)

# Region prefixes of usage types: none in us-east-1, "USW2-", "APN1-", "EU-" (eu-west-1)...
# A digit is required (or the literal EU) so that DynamoDB's "IA-" table-class prefix stays.
# Source: offer-file-format.md §3 (usagetype region prefix), Infracost suffix matching.
_REGION_PREFIX = re.compile(r"^(?:[A-Z]{2,4}\d+|EU)-")

_REGIONS_CSV = Path(__file__).resolve().parent / "data" / "regions.csv"


def _location_codes() -> dict[str, str]:
    with _REGIONS_CSV.open(newline="", encoding="utf-8") as fh:
        names = {row["name"]: row["code"] for row in csv.DictReader(fh)}
    # Newer files spell the European regions "Europe (...)" where older ones say "EU (...)".
    names.update({"Europe" + name[2:]: code for name, code in names.items() if name[:3] == "EU "})
    return names


LOCATION_CODES = _location_codes()


@dataclass(frozen=True, slots=True)
class Reserved:
    """How a SKU's Reserved terms are keyed: the hourly and upfront dimensions, the engine
    they are filed under, and whether the purchase option is part of the term name."""

    hours: str
    upfront: str
    engine: str
    with_option: bool = True  # False: DynamoDB reserved capacity has one option per length


@dataclass(frozen=True, slots=True)
class Product:
    service: str
    region: str
    dimension: str
    unit: str  # the catalog's unit label, as prices.csv writes it
    engine: str = ""
    edition: str = ""
    license_model: str = ""
    deployment: str = ""
    instance_class: str = ""
    storage_type: str = ""
    table_class: str = ""
    variant: str = ""
    reserved: Reserved | None = None
    upfront_unit: str = ""


@dataclass(frozen=True, slots=True)
class Skip:
    reason: str


def stem(usagetype: str) -> str:
    """'USW2-Multi-AZUsage:db.m5.large' -> 'Multi-AZUsage:db.m5.large'."""
    return _REGION_PREFIX.sub("", usagetype, count=1)


def region_of(attrs: dict) -> str | None:
    code = attrs.get("regionCode")
    if code:
        return code
    return LOCATION_CODES.get(attrs.get("location", ""))


# Instance and node classes: the offer's own product attributes give their hardware.
_SPEC_SERVICES = {"db": "rds", "cache": "elasticache", "dax": "dax", "dms": "dms"}
# AWS Graviton families carry a "g" after the generation digit (m6g, r7g, t4g, c7gn, x2gd).
_GRAVITON = re.compile(r"^[a-z]+\d+g")


def class_spec(product: Product, attrs: dict) -> InstanceClassSpec | None:
    name = product.instance_class
    parts = name.split(".")
    if len(parts) < 3 or parts[0] not in _SPEC_SERVICES:
        return None
    try:
        vcpu = int(attrs["vcpu"])
        memory = Decimal(str(attrs["memory"]).split()[0].replace(",", ""))
    except (KeyError, ValueError, ArithmeticError):
        return None
    graviton = _GRAVITON.match(parts[1]) or "Graviton" in attrs.get("physicalProcessor", "")
    return InstanceClassSpec(
        name=name,
        service=_SPEC_SERVICES[parts[0]],
        vcpu=vcpu,
        memory_gib=memory,
        network=attrs.get("networkPerformance", ""),
        burstable=parts[1].startswith("t"),  # db.t3, cache.t4g, dms.t3: CPU-credit classes
        arch="arm64" if graviton else "x86_64",
        source="AWS Price List offer file (product attributes vcpu, memory, networkPerformance)",
    )
