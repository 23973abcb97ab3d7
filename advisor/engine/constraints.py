"""Hard constraints as data: conditions are small objects, not strings to parse.

Each Constraint names the services it rules out, the condition on the answers that rules
them out, and a message saying why and what would work instead. Constraints are checked in
order; every one that holds becomes a reason in `rejected`.

A `relaxable` constraint is a target rather than a physical limit (writes in every Region,
sub-millisecond strong reads). When it leaves no feasible option at all, the engine offers
the closest option anyway and turns the constraint into a `risk` finding that says what
cannot be met, never a silently weaker answer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from operator import attrgetter
from typing import Any, Protocol

from advisor.questionnaire import Workload

from .derived import Derived, choice, fmt, question
from .findings import risk
from .model import Finding

Predicate = Callable[[Workload, Derived, str], bool]


def _reader(name: str) -> Callable[[Workload, Derived, str], Any]:
    """How to read one answer: the service checked, a derived quantity, or the workload's."""
    if name == "service":
        return lambda w, d, service: service
    if name in _DERIVED_NAMES:
        get = attrgetter(name)
        return lambda w, d, service: get(d)
    get = attrgetter(name)
    return lambda w, d, service: get(w)


def answer(w: Workload, d: Derived, service: str, name: str) -> Any:
    return _reader(name)(w, d, service)


_DERIVED_NAMES = frozenset(Derived.__dataclass_fields__) | {"load_ratio"}


class Condition(Protocol):
    def predicate(self) -> Predicate:
        """The condition as a function of (workload, derived, service), made once: the
        constraints are checked for every service of every answer."""
        ...


@dataclass(frozen=True, slots=True)
class Is:
    field: str
    value: Any

    def predicate(self) -> Predicate:
        read, value = _reader(self.field), self.value
        return lambda w, d, service: read(w, d, service) == value


@dataclass(frozen=True, slots=True)
class OneOf:
    field: str
    values: tuple

    def predicate(self) -> Predicate:
        read, values = _reader(self.field), self.values
        return lambda w, d, service: read(w, d, service) in values


@dataclass(frozen=True, slots=True)
class Set:
    """The answer is given (not null)."""

    field: str

    def predicate(self) -> Predicate:
        read = _reader(self.field)
        return lambda w, d, service: read(w, d, service) is not None


@dataclass(frozen=True, slots=True)
class Above:
    field: str
    threshold: Any

    def predicate(self) -> Predicate:
        read, threshold = _reader(self.field), self.threshold

        def holds(w: Workload, d: Derived, service: str) -> bool:
            value = read(w, d, service)
            return value is not None and value > threshold

        return holds


@dataclass(frozen=True, slots=True)
class ServiceListed:
    """The service being checked appears in a list answer (exclude_services)."""

    field: str

    def predicate(self) -> Predicate:
        read = _reader(self.field)
        return lambda w, d, service: service in read(w, d, service)


@dataclass(frozen=True, slots=True)
class Contains:
    """A list answer includes a value (exclude_services includes elasticache)."""

    field: str
    value: Any

    def predicate(self) -> Predicate:
        read, value = _reader(self.field), self.value
        return lambda w, d, service: value in read(w, d, service)


@dataclass(frozen=True, slots=True)
class All:
    conditions: tuple[Condition, ...]

    def predicate(self) -> Predicate:
        parts = tuple(c.predicate() for c in self.conditions)

        def holds(w: Workload, d: Derived, service: str) -> bool:
            # A loop, not all() over a generator (a new generator each time): this runs for
            # every constraint of every answer.
            for part in parts:  # noqa: SIM110
                if not part(w, d, service):
                    return False
            return True

        return holds


@dataclass(frozen=True, slots=True)
class Not:
    condition: Condition

    def predicate(self) -> Predicate:
        inner = self.condition.predicate()
        return lambda w, d, service: not inner(w, d, service)


@dataclass(frozen=True, slots=True)
class Constraint:
    rule: str
    services: tuple[str, ...]
    when: Condition
    message: str  # str.format(**answers): what rules the service out and what would work
    cites: tuple[str, ...]
    relaxable: bool = False

    def reason(self, w: Workload, d: Derived, service: str) -> Finding:
        values = {"service_name": SERVICE_NAMES[service]}
        for name in self.cites:
            value = answer(w, d, service, name)
            if isinstance(value, Decimal | int) and not isinstance(value, bool):
                values[name] = fmt(value)
            elif isinstance(value, str):
                values[name] = choice(name, value)
            else:
                values[name] = value
        return risk(self.rule, self.message.format(**values), *self.cites)


SERVICE_NAMES = {
    "rds": "Amazon RDS",
    "aurora": "Amazon Aurora",
    "dynamodb": "Amazon DynamoDB",
    "elasticache": "Amazon ElastiCache",
    "dms": "AWS DMS",
}
PRIMARY_SERVICES = ("aurora", "rds", "dynamodb", "elasticache")

# Ordered: the reasons a reader needs first come first.
CONSTRAINTS: tuple[Constraint, ...] = (
    Constraint(
        "constraint.excluded", PRIMARY_SERVICES, ServiceListed("exclude_services"),
        "{service_name} is ruled out by the team under " + question("exclude_services") + ".",
        ("exclude_services",),
    ),
    Constraint(
        "constraint.engine_kept", ("dynamodb", "elasticache"), Set("engine_preference"),
        "The team must keep {engine_preference}: {service_name} would mean changing engines. "
        "RDS (and Aurora for MySQL and PostgreSQL) keep it.", ("engine_preference",),
    ),
    Constraint(
        "constraint.mariadb_not_aurora", ("aurora",), Is("engine_preference", "mariadb"),
        "MariaDB has no Aurora edition; RDS for MariaDB keeps the engine and its "
        "MariaDB-only features.", ("engine_preference",),
    ),
    Constraint(
        "constraint.engine_not_in_aurora", ("aurora",),
        OneOf("engine_preference", ("oracle", "sqlserver")),
        "Aurora is MySQL- or PostgreSQL-compatible only; {engine_preference} stays on RDS. "
        "Moving to Aurora PostgreSQL is a refactor with schema conversion.",
        ("engine_preference",),
    ),
    Constraint(
        "constraint.joins_on_key_value", ("dynamodb", "elasticache"), Is("needs_joins", True),
        "Ad hoc queries and joins need a relational engine: {service_name} serves known "
        "access patterns by key and has no joins.", ("needs_joins",),
    ),
    Constraint(
        "constraint.item_over_400kb", ("dynamodb",),
        All((Above("item_size_kb", 400), Not(OneOf("data_model", ("key_value", "document"))))),
        "Items of {item_size_kb} KB exceed DynamoDB's 400 KB item limit; large payloads "
        "belong in S3 with a pointer in the item, which suits key-value data only.",
        ("item_size_kb", "data_model"),
    ),
    Constraint(
        "constraint.aurora_storage_max", ("aurora",), Above("storage_gb", 131_072),
        "{storage_gb} GB is beyond an Aurora cluster volume's 128 TiB; shard the data "
        "(Aurora PostgreSQL Limitless Database) or use DynamoDB.", ("storage_gb",),
    ),
    Constraint(
        "constraint.cache_not_primary", ("elasticache",), Not(Is("data_model", "in_memory")),
        "ElastiCache is an in-memory store: as the only copy of {data_model} data it would "
        "lose writes since the last snapshot on a failure. It can serve as a cache in "
        "front of the database instead, where latency asks for one.", ("data_model",),
    ),
    Constraint(
        "constraint.active_active_single_writer", ("rds",), Is("multi_region", "active_active"),
        "RDS has one writer: cross-Region read replicas are read-only, so writes cannot be "
        "taken in every Region. DynamoDB global tables take writes in every Region.",
        ("multi_region",), relaxable=True,
    ),
    Constraint(
        "constraint.aurora_multi_master_retired", ("aurora",), Is("multi_region", "active_active"),
        "Aurora has one writer per cluster: Aurora multi-master (up to 4 writers, one Region) "
        "needed Aurora MySQL 1 and ended with it on 2023-02-28, and Global Database "
        "secondaries are read-only (write forwarding sends writes to the primary Region). "
        "For writes in every Region use DynamoDB global tables, or Aurora DSQL for "
        "relational data (not priced here).", ("multi_region",), relaxable=True,
    ),
    Constraint(
        "constraint.global_datastore_single_writer", ("elasticache",),
        Is("multi_region", "active_active"),
        "ElastiCache Global Datastore has one writable primary Region; Amazon MemoryDB "
        "multi-Region (not priced here) takes writes in every Region.", ("multi_region",),
        relaxable=True,
    ),
    Constraint(
        "constraint.sub_ms_needs_memory", ("rds", "aurora", "dynamodb"),
        All((Is("sub_ms", True), Not(Is("consistency", "eventual")))),
        "A p99 of {latency_p99_ms} ms with {consistency} reads cannot be met by {service_name}: "
        "below a millisecond only memory answers, and a cache in front (DAX, ElastiCache) "
        "serves possibly stale reads. Accept eventual reads through a cache, or a "
        "single-digit millisecond target.", ("latency_p99_ms", "consistency"), relaxable=True,
    ),
    Constraint(
        "constraint.sub_ms_needs_memory", ("rds", "aurora"),
        All((Is("sub_ms", True), Is("consistency", "eventual"),
             Contains("exclude_services", "elasticache"))),
        "A p99 of {latency_p99_ms} ms needs an in-memory tier in front of {service_name}, and "
        "ElastiCache is ruled out under " + question("exclude_services") + ". DynamoDB with "
        "DAX, or allowing ElastiCache, would meet it.", ("latency_p99_ms", "exclude_services"), relaxable=True,
    ),
)  # fmt: skip


# The constraints that can rule out each service, in order, with their conditions made into
# functions: checked once per service per answer, so the ones naming other services are set
# aside once, here.
_BY_SERVICE = {
    service: tuple((c, c.when.predicate()) for c in CONSTRAINTS if service in c.services)
    for service in (*PRIMARY_SERVICES, "dms")
}


def check(
    workload: Workload, derived: Derived, service: str
) -> tuple[list[Finding], list[Finding]]:
    """The reasons ruling `service` out: (hard, relaxable) lists of findings."""
    hard: list[Finding] = []
    soft: list[Finding] = []
    for constraint, holds in _BY_SERVICE[service]:
        if holds(workload, derived, service):
            found = constraint.reason(workload, derived, service)
            (soft if constraint.relaxable else hard).append(found)
    return hard, soft
