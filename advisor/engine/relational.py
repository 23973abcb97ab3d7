"""What RDS and Aurora share: engine choice, high-availability need, backups, replicas for
ad hoc queries. Each rule carries its source in findings.py."""

from __future__ import annotations

from decimal import Decimal

from advisor.questionnaire import Workload

from .derived import Derived, ceil, choice, fmt, plural, question
from .findings import info, risk, warning
from .model import Finding
from .sizing import ClassChoice, RelationalNeed

D = Decimal
RELATIONAL_SOURCES = ("mysql", "postgresql", "mariadb", "oracle", "sqlserver")
ENGINE_NAMES = {
    "mysql": "MySQL",
    "postgresql": "PostgreSQL",
    "mariadb": "MariaDB",
    "oracle": "Oracle",
    "sqlserver": "SQL Server",
    "aurora-mysql": "Aurora MySQL",
    "aurora-postgresql": "Aurora PostgreSQL",
    "mongodb": "MongoDB",
    "cassandra": "Apache Cassandra",
    "redis": "Redis OSS",
    "valkey": "Valkey",
    "dynamodb": "DynamoDB",
}
# Editions as people name them (the questionnaire's edition labels repeat the engine name).
EDITION_NAMES = {
    "se2": "Standard Edition 2",
    "ee": "Enterprise Edition",
    "ex": "Express Edition",
    "web": "Web Edition",
    "se": "Standard Edition",
}
# Ad hoc queries over a large database earn a read replica of their own, so scans do not
# compete with the application on the writer (ours: from 500 GB, in production).
AD_HOC_REPLICA_FROM_GB = D(500)
DAY_SECONDS = 86_400
GIB_PER_KB = D(1024 * 1024)


def rds_engine(w: Workload) -> tuple[str, Finding | None]:
    """The RDS engine: the one the team keeps, else the one migrated from, else PostgreSQL."""
    if w.engine_preference:
        return w.engine_preference, None
    source = w.migration_source.engine if w.migration_source else None
    if source in RELATIONAL_SOURCES:
        return source, info(
            "model.refactor",
            f"Same engine as the {ENGINE_NAMES[source]} source (rehost): no schema conversion.",
            "migration_source",
        )
    return "postgresql", info(
        "model.engine_default",
        "No engine preference: PostgreSQL, the open-source engine AWS points new applications "
        f"to (Aurora PostgreSQL for refactors). Set {question('engine_preference')} to MySQL "
        "or MariaDB to price those instead.",
        "engine_preference",
    )


def aurora_engine(w: Workload) -> tuple[str, Finding | None]:
    if w.engine_preference in ("mysql", "postgresql"):
        return f"aurora-{w.engine_preference}", None
    source = w.migration_source.engine if w.migration_source else None
    if source in ("mysql", "mariadb"):
        return "aurora-mysql", info(
            "model.refactor",
            f"Aurora MySQL is MySQL-compatible: the {ENGINE_NAMES[source]} source moves without "
            "schema conversion.",
            "migration_source",
        )
    if source in ("oracle", "sqlserver"):
        return "aurora-postgresql", warning(
            "model.refactor",
            f"Moving from {ENGINE_NAMES[source]} to Aurora PostgreSQL is a refactor: schema and "
            "code are converted (DMS Schema Conversion or AWS SCT) and the application is "
            "tested against the new engine. It ends the commercial licence.",
            "migration_source",
        )
    return "aurora-postgresql", None


def needs_high_availability(w: Workload, single_az_sla: Decimal) -> tuple[bool, list[str]]:
    """Whether the targets ask for a standby in another AZ, and which answers ask for it."""
    why = []
    if w.environment == "production":
        why.append("production")
    if w.availability_target > single_az_sla:
        why.append(f"{fmt(w.availability_target, 3)}% availability")
    if w.rpo_seconds == 0:
        why.append("zero data loss (synchronous standby)")
    if w.rto_seconds is not None and w.rto_seconds < 3600:
        why.append(f"recovery within {fmt(w.rto_seconds)} s")
    if w.environment == "development":
        return False, why
    return bool(why), why


def retention_days(w: Workload, d: Derived, *, minimum: int = 0) -> int:
    if w.backup_retention_days is not None:
        return max(w.backup_retention_days, minimum)
    return max(7 if d.production else 1, minimum)


def backup_storage_gb(w: Workload, d: Derived, days: int) -> Decimal:
    """Total backup storage: one full copy plus each retained day's changes (ours: incremental
    snapshots store changed data; daily change = average writes x item size, at most the data)."""
    if days <= 0 or not w.storage_gb:
        return D(0)
    daily = min(w.storage_gb, d.avg_writes * w.item_size_kb * DAY_SECONDS / GIB_PER_KB)
    return w.storage_gb + daily * (days - 1)


def backup_findings(
    w: Workload, d: Derived, days: int, rule: str, *, in_place: bool, raised_for: str = ""
) -> list[Finding]:
    """`raised_for`: why the retention is above the one asked, when it is."""
    out = []
    if days == 0:
        if d.durable:
            out.append(
                risk(
                    rule,
                    "Automated backups are off (retention 0): no point-in-time recovery, so a "
                    "bad write or a dropped table cannot be undone, whatever the RPO says.",
                    "backup_retention_days",
                )
            )
        return out
    text = (
        f"Automated backups kept {days} day{'s' if days != 1 else ''}"
        + _asked(w.backup_retention_days, days, raised_for)
        + ", with point-in-time recovery to within about 5 minutes."
    )
    if not in_place:
        text += (
            " A restore creates a new instance with a new endpoint: the application must be "
            "repointed, which counts against the RTO."
        )
    out.append(info(rule, text, "backup_retention_days", "rpo_seconds"))
    if w.rpo_seconds is not None and w.rpo_seconds < 300 and not d.production:
        out.append(
            warning(
                rule,
                f"Backups alone give an RPO of about 5 minutes, above the {fmt(w.rpo_seconds)} s "
                "asked: a standby in another AZ covers instance failures with no data loss.",
                "rpo_seconds",
            )
        )
    return out


def _asked(asked: int | None, days: int, raised_for: str) -> str:
    """The retention asked, said only where it is the one kept: a retention raised to a
    service's minimum is not the team's compliance minimum."""
    if asked is None:
        return ""
    if asked >= days:
        return " (your compliance minimum)"
    return (
        f" (not the {plural(asked, 'day')} asked: {raised_for or 'the least this service keeps'})"
    )


def aurora_possible(w: Workload) -> bool:
    """Whether Aurora may be named as a remedy: it keeps the engine the team must keep (MySQL
    or PostgreSQL, or none asked) and the service is not excluded."""
    return w.engine_preference in (None, "mysql", "postgresql") and (
        "aurora" not in w.exclude_services
    )


def ad_hoc_replica(w: Workload, d: Derived) -> int:
    return 1 if w.needs_joins and d.production and w.storage_gb >= AD_HOC_REPLICA_FROM_GB else 0


def replication_gb_per_month(w: Workload, d: Derived) -> Decimal:
    """Data shipped to each other Region: every write's item (ours: no compression)."""
    return d.writes_per_month * w.item_size_kb / GIB_PER_KB


def allocated_gib(d: Derived, minimum: int = 20) -> int:
    # Today's data plus three months' growth, with 10% free so autoscaling is not triggered
    # on day one (it acts below 10% free, RDS-STO-10).
    return max(minimum, ceil(d.storage_in_3_months / D("0.9")))


# For the reader of an answer, not an operator: the command (manage.py import_aws_offer) is in
# the README.
LARGER_CLASSES = ("AWS offers larger classes than this catalog prices; with AWS's full price "
                  "list loaded (an administrator's import), they would be priced too.")  # fmt: skip


def beyond_largest_class(
    w: Workload,
    d: Derived,
    need: RelationalNeed,
    biggest: ClassChoice | None,
    what: str,
    *,
    replicas_allowed: bool,
) -> str:
    """Why no priced class of `what` (e.g. 'RDS PostgreSQL Multi-AZ') can take the load, and
    what would: one sentence each, only the remedies this workload can use."""
    region = w.primary_region
    if biggest is None:
        return f"No {what} instance class is priced in {region}."
    spec = biggest.spec
    out = [
        f"One writer would need {fmt(need.vcpu, 1)} vCPU and {fmt(need.memory_gib, 1)} GiB of "
        f"memory; the largest {what} class this catalog prices in {region} is {biggest.name} "
        f"({spec.vcpu} vCPU, {fmt(spec.memory_gib)} GiB)."
    ]
    out.append(LARGER_CLASSES)
    if need.vcpu_reads > need.vcpu_writes and replicas_allowed and w.consistency != "eventual":
        out.append(
            f"Read replicas can take the reads if they may lag a little: set "
            f"{question('consistency')} to '{choice('consistency', 'eventual')}'."
        )
    writes_beyond = need.vcpu_writes > spec.vcpu
    if "elasticache" not in w.exclude_services and not writes_beyond:
        # A cache takes reads off the writer; when the writes alone are too much it cannot help.
        out.append("A cache in front (ElastiCache) can serve repeated reads of the working set.")
    if writes_beyond:
        # AUR-12: Limitless Database is Aurora PostgreSQL's way past one writer.
        if w.engine_preference in (None, "postgresql") and "aurora" not in w.exclude_services:
            out.append(
                "The writes alone are beyond one writer: Aurora PostgreSQL Limitless Database "
                "shards them across writers (not priced here)."
            )
        else:
            out.append("The writes alone are beyond one writer: they must be sharded across "
                       "several databases.")  # fmt: skip
    return " ".join(out)


def memory_short(
    w: Workload, need: RelationalNeed, writer: ClassChoice, *, cluster: ClassChoice | None = None
) -> str:
    """The working set is larger than the largest class's buffer cache: say so, and only what
    this workload can do about it (`cluster`: an RDS Multi-AZ DB cluster class that holds it)."""
    out = [f"The working set needs {fmt(need.memory_gib, 1)} GiB of memory, more than the "
           f"{fmt(writer.spec.memory_gib)} GiB of {writer.name}, the largest class this catalog "
           "prices for it: reads that miss the buffer cache go to storage and take longer."]  # fmt: skip
    if cluster is not None:
        out.append(f"A Multi-AZ DB cluster class holds it: {cluster.name} ({cluster.spec.vcpu} "
                   f"vCPU, {fmt(cluster.spec.memory_gib)} GiB), with two readable standbys.")  # fmt: skip
    out.append(LARGER_CLASSES)
    if w.working_set_gb is None:
        out.append(f"The working set is our estimate: give {question('working_set_gb')} if the "
                   "data read often is smaller.")  # fmt: skip
    if "elasticache" not in w.exclude_services:
        out.append("A cache in front (ElastiCache) keeps the hottest reads in memory.")
    return " ".join(out)
