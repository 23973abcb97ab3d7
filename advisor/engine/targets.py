"""Availability, RPO and RTO targets checked against what a configuration can give.

The SLA figures are AWS's monthly uptime commitments (RDS, Aurora and ElastiCache SLA
pages; DynamoDB's design availability from its global tables guidance, DDB-GT-02).
"""

from __future__ import annotations

from decimal import Decimal

from advisor.questionnaire import Workload

from .derived import fmt
from .findings import SLA_SOURCES, risk, warning
from .model import Finding

D = Decimal


def sla(service: str, *, multi_az: bool, global_table: bool = False) -> Decimal:
    if service == "rds":
        return D("99.95") if multi_az else D("99.5")  # RDS SLA: Multi-AZ vs Single-DB instance
    if service == "aurora":
        return D("99.99") if multi_az else D("99.9")  # Aurora SLA: Multi-AZ vs Single-AZ cluster
    if service == "dynamodb":
        return D("99.999") if global_table else D("99.99")  # DDB-GT-02
    if service == "elasticache":
        return D("99.99") if multi_az else D("99.5")  # ElastiCache SLA: Multi-AZ vs Single-AZ
    raise ValueError(service)


def availability_findings(w: Workload, service: str, commitment: Decimal) -> list[Finding]:
    target = w.availability_target
    if target <= commitment:
        return []
    if target >= D("99.999"):
        return [
            risk(
                "availability.five_nines",
                f"A {fmt(target, 3)}% target is above what this configuration commits to "
                f"({fmt(commitment, 3)}%): only multi-Region designs reach 99.999% (DynamoDB "
                "global tables, or Aurora DSQL multi-Region, not priced here).",
                "availability_target",
                source_key=SLA_SOURCES.get(service),
            )
        ]
    return [
        warning(
            "availability.sla",
            f"The {fmt(target, 3)}% target is above AWS's {fmt(commitment, 3)}% monthly "
            "commitment for this configuration: the design may meet it, but AWS does not "
            "promise it.",
            "availability_target",
            source_key=SLA_SOURCES.get(service),
        )
    ]
