"""Read-only views of the catalog."""

from __future__ import annotations

from collections import defaultdict

from .pricebook import ON_DEMAND, PriceBook

_SERVICE_CLASS_DIMENSION = {
    "rds": "instance_hours",
    "aurora": "instance_hours",
    "elasticache": "node_hours",
    "dynamodb": "dax_node_hours",
    "dms": "replication_instance_hours",
}


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
            terms[k.service].add(k.term)
            continue
        if k.engine and k.engine != "redis_memcached":
            engines[k.service].add(k.engine)
        if k.instance_class and k.dimension == _SERVICE_CLASS_DIMENSION.get(k.service):
            classes[k.service].add(k.instance_class)
        if k.deployment:
            deployments[k.service].add(k.deployment)
        if k.storage_type:
            storage[k.service].add(k.storage_type)
        if k.edition:
            editions[f"{k.engine}"].add(k.edition)

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
        return [{"name": n, "specs": spec(n)} for n in sorted(classes[service])]

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
            "reserved_terms": sorted(t for t in terms["dynamodb"] if t != "superseded"),
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
