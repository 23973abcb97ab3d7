"""Read-only views of the catalog: what a PriceBook holds, for the API and the catalog page.

Everything here reads a PriceBook held in memory; no query runs per request.
"""

from __future__ import annotations

import weakref
from collections import defaultdict

from .pricebook import ON_DEMAND, PriceBook, PriceEntry

SERVICES = ("rds", "aurora", "elasticache", "dynamodb", "dms")

# The dimension that prices an instance, node or replication instance per hour.
INSTANCE_DIMENSION = {
    "rds": "instance_hours",
    "aurora": "instance_hours",
    "elasticache": "node_hours",
    "dynamodb": "dax_node_hours",
    "dms": "replication_instance_hours",
}

_SIZE_RANK = {"nano": 0, "micro": 1, "small": 2, "medium": 3, "large": 4, "xlarge": 5}


def class_sort_key(name: str) -> tuple:
    """db.r6g.large < db.r6g.xlarge < db.r6g.2xlarge < db.r6gd.large."""
    family, _sep, size = name.rpartition(".")
    rank = _SIZE_RANK.get(size)
    if rank is None:
        digits = size.removesuffix("xlarge")
        rank = 5 + int(digits) if digits.isdigit() else 99
    return (family, rank, name)


# --- per-book index --------------------------------------------------------------------------


class _BookIndex:
    """One pass over a book: its entries by (service, region), and the engines that have an
    on-demand instance price per service. A book never changes once built."""

    def __init__(self, book: PriceBook) -> None:
        self.by_service_region: dict[tuple[str, str], list[PriceEntry]] = defaultdict(list)
        self.instance_engines: dict[str, set[str]] = defaultdict(set)
        for entry in book.entries():
            k = entry.key
            self.by_service_region[(k.service, k.region)].append(entry)
            is_instance = k.dimension == INSTANCE_DIMENSION.get(k.service)
            if is_instance and k.engine and k.term == ON_DEMAND:
                self.instance_engines[k.service].add(k.engine)


_indexes: dict[int, tuple[weakref.ref, _BookIndex]] = {}


def _index(book: PriceBook) -> _BookIndex:
    book_id = id(book)
    cached = _indexes.get(book_id)
    if cached is None or cached[0]() is not book:
        cached = (weakref.ref(book, lambda _ref: _indexes.pop(book_id, None)), _BookIndex(book))
        _indexes[book_id] = cached
    return cached[1]


def entries_for(book: PriceBook, service: str, region: str) -> list[PriceEntry]:
    """The book's entries for one service and region, so a page view does not walk all
    27,000 prices."""
    return _index(book).by_service_region.get((service, region), [])


def instance_engines(book: PriceBook, service: str) -> list[str]:
    """Engines (mysql, valkey, ...) with an on-demand instance price for the service."""
    return sorted(_index(book).instance_engines.get(service, ()))


# --- GET /api/v1/catalog -------------------------------------------------------------------


def catalog_summary_for_book(book: PriceBook) -> dict:
    """The /api/v1/catalog answer: version, regions, and per service what can be priced."""
    engines: dict[str, set[str]] = defaultdict(set)
    classes: dict[str, set[str]] = defaultdict(set)
    deployments: dict[str, set[str]] = defaultdict(set)
    storage: dict[str, set[str]] = defaultdict(set)
    editions: dict[str, set[str]] = defaultdict(set)
    dimensions: dict[str, set[str]] = defaultdict(set)
    terms: dict[str, set[str]] = defaultdict(set)
    regions_with: dict[str, set[str]] = defaultdict(set)
    for entry in book.entries():
        k = entry.key
        dimensions[k.service].add(k.dimension)
        regions_with[k.service].add(k.region)
        if k.term != ON_DEMAND:
            if k.term != "superseded":
                terms[k.service].add(k.term)
            continue
        if k.engine and k.engine != "redis_memcached":
            engines[k.service].add(k.engine)
        if k.instance_class and k.dimension == INSTANCE_DIMENSION.get(k.service):
            classes[k.service].add(k.instance_class)
        if k.deployment:
            deployments[k.service].add(k.deployment)
        if k.storage_type:
            storage[k.service].add(k.storage_type)
        if k.edition:
            editions[k.engine].add(k.edition)

    def spec(name: str) -> dict | None:
        c = book.instance_classes.get(name)
        if not c:
            return None
        return {
            "vcpu": c.vcpu,
            "memory_gib": str(c.memory_gib.normalize()),
            "network": c.network,
            "burstable": c.burstable,
            "arch": c.arch,
        }

    def class_list(service: str) -> list[dict]:
        return [{"name": n, "specs": spec(n)} for n in sorted(classes[service], key=class_sort_key)]

    services = {
        "rds": {
            "engines": sorted(engines["rds"]),
            "editions": {e: sorted(v) for e, v in sorted(editions.items()) if e},
            "deployments": sorted(deployments["rds"]),
            "storage_types": sorted(storage["rds"]),
            "instance_classes": class_list("rds"),
            "reserved_terms": sorted(terms["rds"]),
        },
        "aurora": {
            "engines": sorted(engines["aurora"]),
            "storage_configs": sorted(storage["aurora"]),
            "capacity": ["provisioned", "serverless_v2"],
            "instance_classes": class_list("aurora"),
        },
        "elasticache": {
            "engines": sorted(engines["elasticache"]),
            "deployments": ["node_based", "serverless"],
            "node_types": class_list("elasticache"),
            "reserved_terms": sorted(terms["elasticache"]),
        },
        "dynamodb": {
            "capacity_modes": ["on_demand", "provisioned"],
            "table_classes": ["standard", "standard_ia"],
            "dax_node_types": class_list("dynamodb"),
            "reserved_terms": sorted(terms["dynamodb"]),
        },
        "dms": {
            "deployments": sorted(deployments["dms"]),
            "replication_instance_classes": class_list("dms"),
        },
    }
    for name, body in services.items():
        body["dimensions"] = sorted(dimensions[name])
        body["regions"] = sorted(regions_with[name])
    return {
        "version": book.version,
        "as_of": book.as_of.isoformat(),
        "currency": book.currency,
        "regions": [
            {"code": r.code, "name": r.name}
            for r in sorted(book.regions.values(), key=lambda r: r.code)
        ],
        "price_count": len(book),
        "services": services,
    }
