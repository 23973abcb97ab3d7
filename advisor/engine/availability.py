"""The availability target against what each option is built to give: one rule for every
service, applied in recommend.py to every option before ranking.

The figures are AWS's monthly uptime commitments (SLAs): RDS Multi-AZ DB instance and Multi-AZ
DB cluster 99.95%, Single-AZ instance 99.5% (RDS-SLA); an Aurora cluster across two or more AZs
99.99%, in one AZ 99.9% (AUR-SLA); DynamoDB 99.99% in one Region and 99.999% with global tables
(DDB-GT-02); ElastiCache Multi-AZ and Serverless 99.99%, Single-AZ 99.5% (EC-SLA). Aurora DSQL
across Regions commits to 99.999% (SEL-06) but is not in the catalog.
"""

from __future__ import annotations

from decimal import Decimal

from advisor.questionnaire import Workload

from .derived import fmt, listed, question
from .findings import SLA_SOURCES, risk, warning
from .model import Finding, Option, evolve

D = Decimal
FIVE_NINES = D("99.999")
# The most each service commits to in this catalog, and the configuration that gives it.
BEST = {
    "rds": (D("99.95"), "RDS Multi-AZ"),
    "aurora": (D("99.99"), "Aurora with a replica in another AZ"),
    "dynamodb": (D("99.999"), "DynamoDB global tables"),
    "elasticache": (D("99.99"), "ElastiCache Multi-AZ"),
}


def sla(service: str, *, multi_az: bool, global_table: bool = False) -> Decimal:
    if service == "rds":
        return D("99.95") if multi_az else D("99.5")
    if service == "aurora":
        return D("99.99") if multi_az else D("99.9")
    if service == "dynamodb":
        return FIVE_NINES if global_table else D("99.99")
    if service == "elasticache":
        return D("99.99") if multi_az else D("99.5")
    raise ValueError(service)


def reached(option: Option) -> tuple[Decimal, str]:
    """(what AWS commits to for this option, the option's configuration in a few words)."""
    config, service = option.config, option.service
    if service == "rds":
        multi_az = config.deployment != "single_az"
        what = {"single_az": "a Single-AZ RDS instance", "multi_az_instance": "RDS Multi-AZ",
                "multi_az_cluster": "an RDS Multi-AZ DB cluster"}[config.deployment]  # fmt: skip
        return sla("rds", multi_az=multi_az), what
    if service == "aurora":
        what = "Aurora across AZs" if config.multi_az else "Aurora with no replica in another AZ"
        return sla("aurora", multi_az=config.multi_az), what
    if service == "dynamodb":
        what = "DynamoDB global tables" if config.global_tables else "DynamoDB in one Region"
        return sla("dynamodb", multi_az=True, global_table=config.global_tables), what
    multi_az = config.multi_az or config.deployment == "serverless"
    what = "ElastiCache Multi-AZ" if multi_az else "ElastiCache in one AZ"
    return sla("elasticache", multi_az=multi_az), what


def checked(w: Workload, options: list[Option]) -> list[Option]:
    """The options, each one that commits to less than the target carrying a finding that
    says what it reaches and what would meet the target (a risk, which costs fit points; a
    warning for development, which may trade availability for cost)."""
    target = w.availability_target
    services = {o.service for o in options}
    out = []
    for option in options:
        percent, what = reached(option)
        if percent >= target:
            out.append(option)
            continue
        found = _finding(w, option, percent, what, services)
        out.append(evolve(option, rationale=(*option.rationale, found)))
    return out


def _finding(w: Workload, option: Option, percent: Decimal, what: str, services: set) -> Finding:
    target, service = w.availability_target, option.service
    text = (f"AWS commits to {fmt(percent, 3)}% a month for {what} (its SLA), below the "
            f"{fmt(target, 3)}% target. {_what_meets(w, option, services)}")  # fmt: skip
    rule = "availability.five_nines" if target >= FIVE_NINES else "availability.sla"
    make = warning if w.environment == "development" else risk
    return make(rule, text, "availability_target", source_key=SLA_SOURCES[service])


def _what_meets(w: Workload, option: Option, services: set) -> str:
    """What reaches the target: this service configured otherwise, or a service this answer
    offers; else the only designs that do, or lowering the target."""
    target, service = w.availability_target, option.service
    ways = []
    for other in (service, *sorted(services - {service})):
        best, how = BEST[other]
        if other == "rds" and _edition_without_multi_az(option):
            how = "RDS Multi-AZ with SQL Server Standard or Enterprise Edition"
        if other == "dynamodb" and target <= D("99.99") and other != service:
            best, how = D("99.99"), "DynamoDB"
        if best >= target:
            where = ""
            if other == "dynamodb" and best == FIVE_NINES and w.multi_region == "none":
                where = f", with a second Region under {question('multi_region')}"
            ways.append(f"{how} ({fmt(best, 3)}%{where})")
    if ways:
        return f"{listed(ways, 'or')} would meet it."
    if target >= FIVE_NINES:
        if w.data_model == "relational" and w.engine_preference in (None, "postgresql"):
            return ("Only multi-Region designs commit to 99.999%: Aurora DSQL across Regions "
                    "(PostgreSQL-compatible, not priced here) would meet it; otherwise lower "
                    "the target or accept the risk.")  # fmt: skip
        return ("Only multi-Region designs commit to 99.999% (DynamoDB global tables, Aurora "
                "DSQL), and neither can hold this workload: lower the target or accept the "
                "risk.")  # fmt: skip
    return "No service this workload can use commits to it: lower the target, or accept the risk."


def _edition_without_multi_az(option: Option) -> bool:
    """An RDS SQL Server option kept Single-AZ because its edition has no Multi-AZ to buy."""
    config = option.config
    return (option.service == "rds" and config.engine == "sqlserver"
            and config.edition in ("ex", "web") and config.deployment == "single_az")  # fmt: skip
