"""Filters and tags that turn API.md's recommendation JSON into readable page text.

Money arrives as decimal strings ("1234.56"); it stays Decimal here and is never passed
through float, so what the page shows is exactly what the API answered.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ..number_text import decimal_or_none, money, unit_price
from ..number_text import quantity as number_quantity

register = template.Library()

# Findings that hold the capacity arithmetic (units, partitions, ACUs, memory, instance size)
# and the assumptions it starts from: shown as "the capacity math", apart from the reasons.
# Rule ids as listed in advisor/engine/findings.py.
CAPACITY_RULE_PREFIXES = ("sizing.", "workload.", "capacity.")
CAPACITY_RULES = frozenset(
    {
        "dynamodb.capacity_units",
        "dynamodb.partitions",
        "aurora.acu_range",
        "elasticache.memory",
        "elasticache.shards",
        "dms.instance",
    }
)

SEVERITY_ORDER = {"risk": 0, "warning": 1, "info": 2}

# Readable names for API.md's `config` keys; keys not listed fall back to their own words.
CONFIG_LABELS = {
    "engine": gettext_lazy("Engine"),
    "edition": gettext_lazy("Edition"),
    "license_model": gettext_lazy("Licence"),
    "instance_class": gettext_lazy("Instance class"),
    "deployment": gettext_lazy("Deployment"),
    "storage_type": gettext_lazy("Storage type"),
    "allocated_storage_gb": gettext_lazy("Allocated storage (GB)"),
    "provisioned_iops": gettext_lazy("Provisioned IOPS"),
    "storage_throughput_mibps": gettext_lazy("Storage throughput (MiB/s)"),
    "storage_autoscaling_max_gb": gettext_lazy("Storage autoscaling up to (GB)"),
    "read_replicas": gettext_lazy("Read replicas"),
    "cross_region_dr": gettext_lazy("Cross-Region DR"),
    "dr_regions": gettext_lazy("DR Regions"),
    "backup_retention_days": gettext_lazy("Backup retention (days)"),
    "pitr": gettext_lazy("Point-in-time recovery"),
    "encrypted": gettext_lazy("Encrypted at rest"),
    "capacity": gettext_lazy("Capacity"),
    "min_acu": gettext_lazy("Minimum ACUs"),
    "max_acu": gettext_lazy("Maximum ACUs"),
    "writer_topology": gettext_lazy("Writers"),
    "replicas": gettext_lazy("Replicas"),
    "multi_az": gettext_lazy("Multi-AZ"),
    "storage_config": gettext_lazy("Storage configuration"),
    "global_database": gettext_lazy("Global Database"),
    "secondary_regions": gettext_lazy("Secondary Regions"),
    "capacity_mode": gettext_lazy("Capacity mode"),
    "read_capacity_units": gettext_lazy("Read capacity units"),
    "write_capacity_units": gettext_lazy("Write capacity units"),
    "autoscaling": gettext_lazy("Auto scaling"),
    "table_class": gettext_lazy("Table class"),
    "read_consistency": gettext_lazy("Read consistency"),
    "transactions": gettext_lazy("Transactions"),
    "dax": gettext_lazy("DAX"),
    "global_tables": gettext_lazy("Global tables"),
    "replica_regions": gettext_lazy("Replica Regions"),
    "global_tables_consistency": gettext_lazy("Global tables consistency"),
    "large_items_in_s3": gettext_lazy("Large payloads in S3"),
    "ttl": gettext_lazy("Time to live"),
    "streams": gettext_lazy("Streams"),
    "node_type": gettext_lazy("Node type"),
    "shards": gettext_lazy("Shards"),
    "replicas_per_shard": gettext_lazy("Replicas per shard"),
    "cluster_mode": gettext_lazy("Cluster mode"),
    "automatic_failover": gettext_lazy("Automatic failover"),
    "global_datastore": gettext_lazy("Global Datastore"),
    "snapshot_retention_days": gettext_lazy("Snapshot retention (days)"),
    "source_engine": gettext_lazy("Source engine"),
    "target_engine": gettext_lazy("Target engine"),
    "homogeneous": gettext_lazy("Same engine family"),
    "schema_conversion": gettext_lazy("Schema conversion"),
    "migration_type": gettext_lazy("Migration type"),
    "replication_instance_class": gettext_lazy("Replication instance"),
    "estimated_full_load_hours": gettext_lazy("Estimated full load (hours)"),
    "pricing_term": gettext_lazy("Pricing term"),
}

# Enumerated config values as people say them; values not listed are shown as they are
# (instance classes, Region codes, engine names already read well).
VALUE_LABELS = {
    "single_az": gettext_lazy("Single-AZ"),
    "multi_az_instance": gettext_lazy("Multi-AZ instance (one standby)"),
    "multi_az_cluster": gettext_lazy("Multi-AZ DB cluster (two readable standbys)"),
    "license_included": gettext_lazy("Licence included"),
    "bring_your_own": gettext_lazy("Bring your own licence"),
    # editions (Oracle: se2, ee; SQL Server: ex, web, se, ee)
    "se2": gettext_lazy("Standard Edition 2"),
    "ee": gettext_lazy("Enterprise Edition"),
    "se": gettext_lazy("Standard Edition"),
    "ex": gettext_lazy("Express Edition"),
    "web": gettext_lazy("Web Edition"),
    "provisioned": gettext_lazy("Provisioned"),
    "serverless_v2": gettext_lazy("Serverless v2"),
    "single_writer": gettext_lazy("Single writer"),
    "standard": gettext_lazy("Standard"),
    "standard_ia": gettext_lazy("Standard-IA"),
    "io_optimized": gettext_lazy("I/O-Optimized"),
    "on_demand": gettext_lazy("On-demand"),
    "eventual": gettext_lazy("Eventual"),
    "strong": gettext_lazy("Strong"),
    "node_based": gettext_lazy("Node based"),
    "serverless": gettext_lazy("Serverless"),
    "none": gettext_lazy("None"),
    "read_replica": gettext_lazy("Cross-Region read replica"),
    "mounted_replica": gettext_lazy("Mounted replica"),
    "backup_replication": gettext_lazy("Automated backup replication"),
    "snapshot_copy": gettext_lazy("Snapshot copy"),
    "full_load": gettext_lazy("Full load"),
    "full_load_and_cdc": gettext_lazy("Full load and ongoing replication (CDC)"),
    "cdc_only": gettext_lazy("Ongoing replication only (CDC)"),
    "sct": gettext_lazy("AWS Schema Conversion Tool"),
    # engines, as AWS names them
    "mysql": "MySQL",
    "postgresql": "PostgreSQL",
    "mariadb": "MariaDB",
    "oracle": "Oracle",
    "sqlserver": "SQL Server",
    "aurora-mysql": "Aurora MySQL",
    "aurora-postgresql": "Aurora PostgreSQL",
    "valkey": "Valkey",
    "redis": "Redis OSS",
    "memcached": "Memcached",
    "mongodb": "MongoDB",
    "cassandra": "Apache Cassandra",
    "dms_schema_conversion": gettext_lazy("DMS Schema Conversion"),
}

SERVICE_NAMES = {
    "rds": "Amazon RDS",
    "aurora": "Amazon Aurora",
    "dynamodb": "Amazon DynamoDB",
    "elasticache": "Amazon ElastiCache",
    "dms": "AWS DMS",
}


# Money and quantities read the same on the pages as in the exports (advisor.number_text).
_decimal = decimal_or_none
usd = register.filter("usd", money)
usd_unit = register.filter("usd_unit", unit_price)
quantity = register.filter("quantity", number_quantity)


@register.filter
def is_zero(value: Any) -> bool:
    amount = _decimal(value)
    return amount is None or amount == 0


@register.filter
def service_name(code: str) -> str:
    return SERVICE_NAMES.get(code, code)


def _config_value(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list | tuple):
        return ", ".join(_config_value(v) for v in value) if value else "—"
    if isinstance(value, dict):
        # DAX: {"node_type": "dax.r5.large", "nodes": 3}
        if "node_type" in value and "nodes" in value:
            return f"{value['nodes']} × {value['node_type']}"
        return ", ".join(f"{_key_label(k)}: {_config_value(v)}" for k, v in value.items())
    if isinstance(value, str):
        return str(VALUE_LABELS.get(value, value))
    number = _decimal(value)
    return quantity(number) if number is not None else str(value)


def _key_label(key: str) -> str:
    label = CONFIG_LABELS.get(key)
    return str(label) if label else key.replace("_", " ").capitalize()


OPEN_SOURCE_ENGINES = ("mysql", "postgresql", "mariadb")


@register.filter
def config_items(config: dict | None) -> list[tuple[str, str]]:
    """API.md's `config` object as (label, readable value) pairs, in the engine's order.
    Settings that do not apply (null, an empty list) are left out: "Minimum ACUs: —" on a
    provisioned cluster is noise."""
    if not config:
        return []
    # MySQL, PostgreSQL and MariaDB carry no licence: "License included" would mislead.
    hidden = {"license_model"} if config.get("engine") in OPEN_SOURCE_ENGINES else set()
    if config.get("deployment") == "serverless":
        # ElastiCache Serverless has no nodes, shards or replicas of the caller's choosing.
        hidden |= SERVERLESS_CACHE_HIDDEN
    return [
        (_key_label(k), _config_value(v))
        for k, v in config.items()
        if v is not None and v != [] and v != () and k not in hidden
    ]


SERVERLESS_CACHE_HIDDEN = {"node_type", "shards", "replicas_per_shard", "cluster_mode"}


def is_capacity_rule(rule: str) -> bool:
    return rule.startswith(CAPACITY_RULE_PREFIXES) or rule in CAPACITY_RULES


@register.filter
def capacity_findings(findings: list[dict] | None) -> list[dict]:
    """The steps of the capacity arithmetic, in the engine's order."""
    return [f for f in findings or () if is_capacity_rule(f.get("rule", ""))]


@register.simple_tag
def capacity_steps(rec: dict) -> list[dict]:
    """Every capacity step of an answer: a `capacity` section where the engine gives one,
    then the sizing findings of the design, the primary, the cache and the migration."""
    steps = [s for s in rec.get("capacity") or () if isinstance(s, dict)]
    steps += capacity_findings(rec.get("findings"))
    for part in ("primary", "cache", "migration"):
        option = rec.get(part) or {}
        steps += capacity_findings(option.get("rationale"))
    return steps


@register.filter
def attention(findings: list[dict] | None) -> list[dict]:
    """Risks, then warnings: what the reader must see before the configuration."""
    flagged = [f for f in findings or () if f.get("severity") in ("risk", "warning")]
    return sorted(flagged, key=lambda f: SEVERITY_ORDER[f["severity"]])


@register.filter
def answer_attention(rec: dict | None) -> list[dict]:
    """What the reader must see before the configuration: the design-wide risks and warnings
    and those of the recommended option and its cache layer (the fit score counts them), but
    the "nothing feasible" summary, which "Why nothing fits" lists service by service."""
    if not rec:
        return []
    found = [
        f for f in rec.get("findings") or () if f.get("rule") != "recommendation.none_feasible"
    ]
    for part in ("primary", "cache"):
        found += (rec.get(part) or {}).get("rationale") or []
    return attention(found)


@register.filter
def severity_counts(findings: list[dict] | None) -> str:
    """ "1 risk, 2 warnings" among an option's findings, for its summary line; "" if none."""
    risks = sum(1 for f in findings or () if f.get("severity") == "risk")
    warnings = sum(1 for f in findings or () if f.get("severity") == "warning")
    parts = []
    if risks:
        parts.append(ngettext("%(n)d risk", "%(n)d risks", risks) % {"n": risks})
    if warnings:
        parts.append(ngettext("%(n)d warning", "%(n)d warnings", warnings) % {"n": warnings})
    return ", ".join(parts)


@register.filter
def notes(findings: list[dict] | None) -> list[dict]:
    """Informational findings that explain a choice (capacity steps are shown apart)."""
    return [
        f
        for f in findings or ()
        if f.get("severity") not in ("risk", "warning") and not is_capacity_rule(f.get("rule", ""))
    ]


@register.filter
def answer_labels(ids: list[str] | None) -> list[tuple[str, str]]:
    """The answers a finding rests on (its `cites`), as (field anchor, question label)."""
    from advisor.forms import form_field_for_error
    from advisor.questionnaire import QUESTION_BY_ID

    out = []
    for qid in ids or ():
        parent, _dot, sub = qid.partition(".")
        question = QUESTION_BY_ID.get(parent)
        if question and sub:
            question = next((sq for sq in question.subquestions if sq.id == sub), None)
        label = _(question.label) if question else qid
        out.append((f"field-{form_field_for_error(qid)}", label))
    return out


@register.filter
def safe_url(url: Any) -> str:
    """A source address fit for href: only http(s), so a stored snapshot cannot carry a
    javascript: link into the page."""
    text = str(url or "")
    return text if text.startswith(("https://", "http://")) else ""


@register.filter
def cost_difference(value: Any, base: Any) -> str:
    """value against base in words: "$82.70 more", "$12.00 less", "the same cost"."""
    a, b = _decimal(value), _decimal(base)
    if a is None or b is None:
        return ""
    if a == b:
        return _("the same cost")
    if a > b:
        return _("%(amount)s more") % {"amount": usd(a - b)}
    return _("%(amount)s less") % {"amount": usd(b - a)}


@register.filter
def delta_usd(value: Any, base: Any) -> str:
    """value - base as a signed amount ("+$82.70", "-$12.00", "$0.00")."""
    a, b = _decimal(value), _decimal(base)
    if a is None or b is None:
        return ""
    diff = a - b
    if diff == 0:
        return usd(diff)
    return ("+" if diff > 0 else "") + usd(diff)


@register.filter
def severity_label(severity: str) -> str:
    return {"risk": _("Risk"), "warning": _("Warning"), "info": _("Note")}.get(severity, severity)


# --- the cost chart ---------------------------------------------------------------------------

CHART_ROW_HEIGHT = 38  # px: a label line and a bar under it
CHART_LABEL_CHARS = 52  # long component names are cut; the full name is in <title>
CHART_BAR_MAX = Decimal(80)  # percent of the width: the amount is written after the bar


@register.simple_tag
def cost_chart(*options: dict | None) -> dict:
    """The bars of the cost chart: one per cost component of the given options, largest
    first (`{% cost_chart rec.primary rec.cache as chart %}`; answer.html draws them).

    Bars are drawn in SVG with percentage widths, so the chart needs no script and no
    inline style (the CSP forbids both) and still fits a phone's width.
    """
    rows = []
    for option in options:
        if not option:
            continue
        for component in option.get("cost_components") or ():
            amount = _decimal(component.get("monthly_usd")) or Decimal(0)
            rows.append((amount, component.get("name", ""), option.get("service", "")))
    rows.sort(key=lambda r: r[0], reverse=True)
    largest = max((r[0] for r in rows), default=Decimal(0))
    bars = []
    for index, (amount, name, service) in enumerate(rows):
        share = amount / largest * CHART_BAR_MAX if largest > 0 else Decimal(0)
        # A tiny but non-zero cost keeps a visible sliver so it does not read as missing.
        width = max(share, Decimal("0.6")) if amount > 0 else Decimal(0)
        short = name if len(name) <= CHART_LABEL_CHARS else name[: CHART_LABEL_CHARS - 1] + "…"
        top = index * CHART_ROW_HEIGHT
        bars.append(
            {
                "name": name,
                "short": short,
                "service": service,
                "amount": amount,
                "width": f"{width:.1f}%",
                "value_x": f"{width + Decimal('1.5'):.1f}%",
                "text_y": top + 13,
                "bar_y": top + 19,
                "value_y": top + 28,
            }
        )
    return {"bars": bars, "height": len(bars) * CHART_ROW_HEIGHT}
