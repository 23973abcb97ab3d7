"""The catalog page's rows: instance prices with deployments side by side, and the other
priced dimensions (storage, I/O, requests, backups, transfer) of a service and region.

Reads the in-memory PriceBook through catalog.selectors.entries_for; no query per request.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from .pricebook import ON_DEMAND, InstanceClassSpec, PriceBook, PriceEntry
from .selectors import INSTANCE_DIMENSION, class_sort_key, entries_for, instance_engines

SERVICE_LABELS = {
    "rds": _("RDS"),
    "aurora": _("Aurora"),
    "elasticache": _("ElastiCache"),
    "dynamodb": _("DynamoDB"),
    "dms": _("DMS"),
}


# The attribute whose values sit side by side on one row of the instance table, so that
# Single-AZ is read beside Multi-AZ (and Aurora Standard beside I/O-Optimized).
PRICE_COLUMNS: dict[str, tuple[str, tuple[tuple[str, object], ...]]] = {
    "rds": (
        "deployment",
        (
            ("single_az", _("Single-AZ")),
            ("multi_az", _("Multi-AZ")),
            ("multi_az_cluster", _("Multi-AZ cluster")),
        ),
    ),
    "aurora": ("storage_type", (("standard", _("Standard")), ("io_optimized", _("I/O-Optimized")))),
    "elasticache": ("", (("", _("On-demand node")),)),
    "dynamodb": ("", (("", _("DAX node")),)),
    "dms": ("deployment", (("single_az", _("Single-AZ")), ("multi_az", _("Multi-AZ")))),
}

ENGINE_LABELS = {
    "mysql": _("MySQL"),
    "postgresql": _("PostgreSQL"),
    "mariadb": _("MariaDB"),
    "oracle": _("Oracle"),
    "sqlserver": _("SQL Server"),
    "aurora-mysql": _("Aurora MySQL"),
    "aurora-postgresql": _("Aurora PostgreSQL"),
    "redis": _("Redis OSS"),
    "valkey": _("Valkey"),
    "memcached": _("Memcached"),
}
EDITION_LABELS = {
    "se2": _("SE2"),
    "ee": _("Enterprise"),
    "se": _("Standard"),
    "web": _("Web"),
    "ex": _("Express"),
}
ATTRIBUTE_LABELS = {
    "license_included": _("License included"),
    "bring_your_own": _("Bring your own license"),
    "single_az": _("Single-AZ"),
    "multi_az": _("Multi-AZ"),
    "multi_az_cluster": _("Multi-AZ cluster"),
    "standard": _("Standard"),
    "standard_ia": _("Standard-IA"),
    "io_optimized": _("I/O-Optimized"),
    "magnetic": _("Magnetic"),
    "full": _("Full export"),
    "incremental": _("Incremental export"),
}

# A month is 730 hours: the AWS Pricing Calculator's month (8,760 h / 12), the same month
# the estimator uses (advisor/estimator/base.py HOURS_PER_MONTH).
HOURS_PER_MONTH = Decimal(730)

_URL = re.compile(r"https?://[^\s,;)]+")


def source_url(source: str) -> str:
    """The first web address in a price's source note ("" when it names none)."""
    match = _URL.search(source)
    return match.group(0).rstrip(".") if match else ""


# --- filter options --------------------------------------------------------------------------


def catalog_engines(book: PriceBook, service: str) -> list[tuple[str, object]]:
    """Engines with an on-demand instance price for the service, as (value, label)."""
    return [(e, ENGINE_LABELS.get(e, e)) for e in instance_engines(book, service)]


def catalog_deployments(service: str) -> list[tuple[str, object]]:
    attribute, columns = PRICE_COLUMNS[service]
    return list(columns) if attribute else []


# --- instance table --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PriceCell:
    column: str
    entry: PriceEntry | None

    @property
    def hourly(self) -> Decimal | None:
        return self.entry.usd if self.entry else None

    @property
    def monthly(self) -> Decimal | None:
        if self.entry is None:
            return None
        return (self.entry.usd * HOURS_PER_MONTH).quantize(Decimal("0.01"))


@dataclass(frozen=True, slots=True)
class InstanceRow:
    instance_class: str
    engine: str
    edition: str
    license_model: str
    spec: InstanceClassSpec | None
    cells: tuple[PriceCell, ...]

    def price(self, column: str) -> Decimal | None:
        return next((c.hourly for c in self.cells if c.column == column), None)

    @property
    def engine_label(self) -> str:
        parts = [str(ENGINE_LABELS.get(self.engine, self.engine))] if self.engine else []
        if self.edition:
            parts.append(str(EDITION_LABELS.get(self.edition, self.edition)))
        if self.license_model:
            parts.append(str(ATTRIBUTE_LABELS.get(self.license_model, self.license_model)))
        return " · ".join(parts)

    @property
    def sources(self) -> list[tuple[str, str]]:
        """(address, full note) of each distinct source behind the row's prices."""
        seen: dict[str, str] = {}
        for cell in self.cells:
            if cell.entry is not None:
                seen.setdefault(source_url(cell.entry.source), cell.entry.source)
        return [(url, note) for url, note in seen.items() if url]


def catalog_instance_rows(
    book: PriceBook,
    *,
    service: str,
    region: str,
    engine: str = "",
    query: str = "",
    deployment: str = "",
    min_vcpu: int | None = None,
    min_memory: Decimal | None = None,
    arch: str = "",
) -> list[InstanceRow]:
    """On-demand instance prices of one service and region, one row per class and engine
    flavour with the deployment variants side by side."""
    dimension = INSTANCE_DIMENSION[service]
    attribute, columns = PRICE_COLUMNS[service]
    query = query.strip().lower()
    grouped: dict[tuple[str, str, str, str], dict[str, PriceEntry]] = defaultdict(dict)
    for entry in entries_for(book, service, region):
        k = entry.key
        if k.dimension != dimension or k.term != ON_DEMAND or not k.instance_class:
            continue
        if (engine and k.engine != engine) or (query and query not in k.instance_class):
            continue
        column = getattr(k, attribute) if attribute else ""
        grouped[(k.instance_class, k.engine, k.edition, k.license_model)][column] = entry

    rows = []
    for (name, row_engine, edition, licence), by_column in grouped.items():
        if deployment and deployment not in by_column:
            continue
        spec = book.instance_classes.get(name)
        if not _spec_matches(spec, min_vcpu=min_vcpu, min_memory=min_memory, arch=arch):
            continue
        cells = tuple(PriceCell(value, by_column.get(value)) for value, _label in columns)
        rows.append(InstanceRow(name, row_engine, edition, licence, spec, cells))
    return rows


def _spec_matches(
    spec: InstanceClassSpec | None, *, min_vcpu: int | None, min_memory: Decimal | None, arch: str
) -> bool:
    if min_vcpu is None and min_memory is None and not arch:
        return True
    if spec is None:  # a class without sourced specs cannot be shown to meet a minimum
        return False
    return (
        (min_vcpu is None or spec.vcpu >= min_vcpu)
        and (min_memory is None or spec.memory_gib >= min_memory)
        and (not arch or spec.arch == arch)
    )


def _network_rank(text: str) -> tuple:
    """'Up to 10 Gbps' < '10 Gbps' < 'Up to 12.5 Gbps'; words by their usual order."""
    match = re.search(r"[\d.]+", text)
    if match:
        return (float(match.group(0)), 0 if text.lower().startswith("up to") else 1)
    words = {"very low": 0.01, "low": 0.05, "low to moderate": 0.3, "moderate": 0.5, "high": 1}
    return (words.get(text.lower(), 0.0), 0)


def instance_sort_keys(service: str) -> set[str]:
    columns = {f"price_{value or 'node'}" for value, _label in PRICE_COLUMNS[service][1]}
    return {"class", "engine", "vcpu", "memory", "network"} | columns


def catalog_sort_instance_rows(rows: Iterable[InstanceRow], sort: str) -> list[InstanceRow]:
    """Sort by a key from instance_sort_keys ("-" prefix: descending). Rows lacking the
    value (no specs, no price in that deployment) go last whichever the direction."""
    descending = sort.startswith("-")
    key = sort.lstrip("-") or "class"

    def value(row: InstanceRow):
        spec = row.spec
        if key == "class":
            return class_sort_key(row.instance_class)
        if key == "engine":
            return (row.engine_label, class_sort_key(row.instance_class))
        if key == "vcpu":
            return spec.vcpu if spec else None
        if key == "memory":
            return spec.memory_gib if spec else None
        if key == "network":
            return _network_rank(spec.network) if spec and spec.network else None
        column = key.removeprefix("price_")
        return row.price("" if column == "node" else column)

    rows = list(rows)
    present = [r for r in rows if value(r) is not None]
    absent = [r for r in rows if value(r) is None]
    present.sort(key=lambda r: (value(r), class_sort_key(r.instance_class)), reverse=descending)
    absent.sort(key=lambda r: class_sort_key(r.instance_class))
    return present + absent


# --- other dimensions (storage, I/O, requests, ...) ----------------------------------------


def entry_details(entry: PriceEntry, book: PriceBook) -> list[str]:
    """The attributes that tell this price apart from its neighbours, in words."""
    k = entry.key
    details = []
    for value in (k.storage_type, k.deployment, k.table_class, k.edition, k.variant):
        if value:
            details.append(str(ATTRIBUTE_LABELS.get(value, EDITION_LABELS.get(value, value))))
    if k.term not in ("", ON_DEMAND):
        details.append(k.term.replace("_", " "))
    if k.to_region:
        details.append(str(_("to %(region)s")) % {"region": book.region_name(k.to_region)})
    return details


def catalog_other_rows(
    book: PriceBook,
    *,
    service: str,
    region: str,
    engine: str = "",
    query: str = "",
    deployment: str = "",
) -> list[PriceEntry]:
    """Prices of the service and region that are not per instance: storage, I/O, requests,
    backups, transfer. An engine or deployment filter keeps the prices that apply to it,
    including those that apply to every engine or deployment."""
    attribute = PRICE_COLUMNS[service][0]
    query = query.strip().lower()
    found = []
    for entry in entries_for(book, service, region):
        k = entry.key
        # Superseded rates are kept in the catalog for history, not offered for browsing.
        if k.instance_class or k.term == "superseded":
            continue
        if engine and k.engine not in ("", engine):
            continue
        if deployment and attribute and getattr(k, attribute) not in ("", deployment):
            continue
        if query and query not in f"{k.dimension} {entry.label} {k.to_region}".lower():
            continue
        found.append(entry)
    return found


OTHER_SORT_KEYS = {"dimension", "engine", "unit", "price"}


def catalog_sort_other_rows(entries: Iterable[PriceEntry], sort: str) -> list[PriceEntry]:
    descending = sort.startswith("-")
    key = sort.lstrip("-") or "dimension"

    def value(entry: PriceEntry) -> tuple:
        k = entry.key
        natural = (k.dimension, k.engine, k.storage_type, k.deployment, k.table_class, k.to_region)
        return {
            "dimension": natural,
            "engine": (k.engine, *natural),
            "unit": (entry.unit, *natural),
            "price": (entry.usd, *natural),
        }[key]

    return sorted(entries, key=value, reverse=descending)
