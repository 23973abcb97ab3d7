"""The questionnaire: the Workload of API.md and the one definition of its questions.

Pure Python (no Django). The same QUESTIONS table builds the HTML form, validates the JSON API
(`workload_from_json`) and answers GET /api/v1/questionnaire (`questions_json`).

Labels and help texts are user-facing English kept as plain strings in this one table: the
core must not import Django, so the web layer wraps them in gettext when it renders them.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, fields, replace
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

ENVIRONMENTS = ("production", "staging", "development")
DATA_MODELS = ("relational", "key_value", "document", "in_memory")
ENGINES = ("mysql", "postgresql", "mariadb", "oracle", "sqlserver")
EDITIONS = {"oracle": ("se2", "ee"), "sqlserver": ("ex", "web", "se", "ee")}
LICENSE_MODELS = ("license_included", "bring_your_own")
EXCLUDABLE_SERVICES = ("rds", "aurora", "dynamodb", "elasticache")
CONSISTENCY = ("strong", "read_after_write", "eventual")
TRAFFIC_PATTERNS = ("steady", "predictable_peaks", "spiky", "unpredictable", "mostly_idle")
AVAILABILITY_TARGETS = tuple(
    Decimal(v) for v in ("99.0", "99.5", "99.9", "99.95", "99.99", "99.999")
)
MULTI_REGION = ("none", "dr", "active_active")
ACCESS_FREQUENCY = ("frequent", "infrequent")
SOURCE_ENGINES = (*ENGINES, "mongodb", "cassandra", "redis")
SOURCE_LOCATIONS = ("on_premises", "aws", "other_cloud")
MAX_REGIONS = 5


class WorkloadInvalid(ValueError):
    """Answers that cannot describe a workload; `fields` maps each field to what to fix."""

    def __init__(self, fields: dict[str, list[str]]) -> None:
        self.fields = fields
        self.message = "The workload has invalid answers: " + "; ".join(
            f"{name}: {', '.join(msgs)}" for name, msgs in fields.items()
        )
        super().__init__(self.message)


@dataclass(frozen=True, slots=True, kw_only=True)
class MigrationSource:
    engine: str
    location: str = "on_premises"
    size_gb: Decimal | None = None  # None: the workload's storage_gb
    max_downtime_minutes: int | None = None  # None: not stated


@dataclass(frozen=True, slots=True, kw_only=True)
class Workload:
    """The questionnaire's answers (API.md's Workload table, names and defaults exactly)."""

    data_model: str
    reads_per_sec: Decimal
    writes_per_sec: Decimal
    storage_gb: Decimal
    name: str = ""
    environment: str = "production"
    regions: tuple[str, ...] = ("us-east-1",)
    needs_joins: bool = False
    needs_transactions: bool = False
    engine_preference: str | None = None
    engine_edition: str | None = None
    license_model: str = "license_included"
    exclude_services: tuple[str, ...] = ()
    avg_reads_per_sec: Decimal | None = None
    avg_writes_per_sec: Decimal | None = None
    item_size_kb: Decimal = Decimal(1)
    working_set_gb: Decimal | None = None
    iops_required: int | None = None
    storage_growth_gb_per_month: Decimal = Decimal(0)
    latency_p99_ms: Decimal = Decimal(20)
    consistency: str = "strong"
    traffic_pattern: str = "steady"
    availability_target: Decimal = Decimal("99.9")
    rpo_seconds: int | None = 3600
    rto_seconds: int | None = 3600
    multi_region: str = "none"
    backup_retention_days: int | None = None
    data_ttl_days: int | None = None
    access_frequency: str = "frequent"
    needs_change_stream: bool = False
    migration_source: MigrationSource | None = None
    monthly_budget_usd: Decimal | None = None

    @property
    def primary_region(self) -> str:
        return self.regions[0]

    def with_changes(self, **changes: Any) -> Workload:
        return replace(self, **changes)


# ----- the questions ---------------------------------------------------------------------------

SECTIONS = (
    ("data", "The data"),
    ("traffic", "Traffic"),
    ("latency", "Latency and consistency"),
    ("availability", "Availability and disaster recovery"),
    ("regions", "Regions"),
    ("migration", "Migration"),
    ("budget", "Budget"),
)
_NO_DEFAULT = object()


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    label: str
    help: str
    type: str  # string, choice, multi_choice, regions, boolean, number, integer, object
    section: str
    default: Any = _NO_DEFAULT  # _NO_DEFAULT: the answer is required
    choices: tuple[tuple[Any, str], ...] = ()
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    exclusive_minimum: bool = False  # "> minimum" rather than ">= minimum"
    max_length: int | None = None
    unit: str = ""
    nullable: bool = False
    null_label: str = ""  # what leaving it empty means
    advanced: bool = False  # folded away in the form by default
    subquestions: tuple[Question, ...] = ()

    @property
    def required(self) -> bool:
        return self.default is _NO_DEFAULT


def _ch(*pairs: tuple[Any, str]) -> tuple[tuple[Any, str], ...]:
    return pairs


D = Decimal
_ENGINE_CHOICES = _ch(
    ("mysql", "MySQL"), ("postgresql", "PostgreSQL"), ("mariadb", "MariaDB"),
    ("oracle", "Oracle"), ("sqlserver", "SQL Server"),
)  # fmt: skip
# Upper bounds keep the arithmetic sane; they sit far above any single database's reach.
_MAX_RATE, _MAX_GB, _MAX_SECONDS = D(100_000_000), D(10_000_000), D(31_536_000)

MIGRATION_QUESTIONS = (
    Question("engine", "Source engine", "The database you are moving from.", "choice",
             "migration", choices=(*_ENGINE_CHOICES, ("mongodb", "MongoDB"),
                                   ("cassandra", "Apache Cassandra"), ("redis", "Redis"))),
    Question("location", "Where it runs today", "Where the source database runs.", "choice",
             "migration", default="on_premises",
             choices=_ch(("on_premises", "On premises"), ("aws", "Already in AWS"),
                         ("other_cloud", "Another cloud"))),
    Question("size_gb", "Data to move", "Leave empty to use the data stored today.", "number",
             "migration", default=None, nullable=True, minimum=D(0), maximum=_MAX_GB, unit="GB",
             null_label="same as the data stored"),
    Question("max_downtime_minutes", "Longest cut-over downtime",
             "How long the application may be down while switching to the new database. "
             "Short windows need ongoing replication (full load + CDC).", "integer", "migration",
             default=None, nullable=True, minimum=D(0), maximum=D(525_600), unit="minutes",
             null_label="not stated"),
)  # fmt: skip

QUESTIONS: tuple[Question, ...] = (
    # --- the data
    Question("name", "Name", "A label for this design.", "string", "data", default="",
             max_length=120),
    Question("environment", "Environment",
             "Development may trade availability for cost (one Availability Zone, smaller "
             "instances, pausing when idle).", "choice", "data", default="production",
             choices=_ch(("production", "Production"), ("staging", "Staging"),
                         ("development", "Development"))),
    Question("data_model", "Data model",
             "Relational: tables, SQL, joins. Key-value or document: items fetched by key. "
             "In-memory: the data itself lives in memory (sessions, leaderboards).", "choice",
             "data", choices=_ch(("relational", "Relational"), ("key_value", "Key-value"),
                                 ("document", "Document"), ("in_memory", "In-memory"))),
    Question("needs_joins", "Ad hoc queries and joins",
             "Queries you cannot list in advance: joins, filters on any column, secondary "
             "access paths beyond look-ups by key.", "boolean", "data", default=False),
    Question("needs_transactions", "Multi-row transactions",
             "Several rows or items must change together, all or nothing (ACID).", "boolean",
             "data", default=False),
    Question("engine_preference", "Engine the team must keep",
             "An engine you cannot move away from. Aurora counts for MySQL and PostgreSQL.",
             "choice", "data", default=None, nullable=True, choices=_ENGINE_CHOICES,
             null_label="no preference"),
    Question("engine_edition", "Edition",
             "For Oracle (SE2, EE) or SQL Server (Express, Web, Standard, Enterprise): the "
             "edition you run or are licensed for.", "choice", "data", default=None,
             nullable=True, advanced=True, null_label="let the advisor choose",
             choices=_ch(("se2", "Oracle Standard Edition 2"), ("ee", "Enterprise Edition"),
                         ("ex", "SQL Server Express"), ("web", "SQL Server Web"),
                         ("se", "SQL Server Standard"))),
    Question("license_model", "Licence",
             "For Oracle and SQL Server: licence included in the hourly price, or bring your "
             "own licence.", "choice", "data", default="license_included", advanced=True,
             choices=_ch(("license_included", "Licence included"),
                         ("bring_your_own", "Bring your own licence"))),
    Question("exclude_services", "Services ruled out",
             "Services the team will not use (portability, policy).", "multi_choice", "data",
             default=(), advanced=True,
             choices=_ch(("rds", "Amazon RDS"), ("aurora", "Amazon Aurora"),
                         ("dynamodb", "Amazon DynamoDB"), ("elasticache", "Amazon ElastiCache"))),
    Question("item_size_kb", "Average item or row size",
             "DynamoDB items are limited to 400 KB.", "number", "data", default=D(1),
             minimum=D(0), exclusive_minimum=True, maximum=D(10240), unit="KB"),
    Question("storage_gb", "Data stored today", "Total size of the data today.", "number",
             "data", minimum=D(0), maximum=_MAX_GB, unit="GB"),
    Question("working_set_gb", "Working set",
             "The hot data read most, which should fit in memory. Leave empty to estimate it "
             "from the data stored.", "number", "data", default=None, nullable=True,
             minimum=D(0), maximum=_MAX_GB, unit="GB", advanced=True,
             null_label="estimate it"),
    Question("storage_growth_gb_per_month", "Growth", "How much the data grows each month.",
             "number", "data", default=D(0), minimum=D(0), maximum=D(1_000_000),
             unit="GB per month"),
    Question("data_ttl_days", "Data lifetime",
             "Items expire and can be deleted after this many days.", "integer", "data",
             default=None, nullable=True, minimum=D(1), maximum=D(36_500), unit="days",
             advanced=True, null_label="kept forever"),
    Question("access_frequency", "How often old data is read",
             "Infrequent: data kept for long but rarely read (logs, old orders).", "choice",
             "data", default="frequent", advanced=True,
             choices=_ch(("frequent", "Frequently"), ("infrequent", "Rarely"))),
    Question("needs_change_stream", "Change stream",
             "Downstream consumers must see every change.", "boolean", "data", default=False,
             advanced=True),
    # --- traffic
    Question("reads_per_sec", "Peak reads", "Items or rows read per second at the peak.",
             "number", "traffic", minimum=D(0), maximum=_MAX_RATE, unit="per second"),
    Question("writes_per_sec", "Peak writes", "Items or rows written per second at the peak.",
             "number", "traffic", minimum=D(0), maximum=_MAX_RATE, unit="per second"),
    Question("avg_reads_per_sec", "Average reads",
             "Average over the month. Leave empty to derive it from the traffic pattern.",
             "number", "traffic", default=None, nullable=True, minimum=D(0), maximum=_MAX_RATE,
             unit="per second", advanced=True, null_label="derive from the traffic pattern"),
    Question("avg_writes_per_sec", "Average writes",
             "Average over the month. Leave empty to derive it from the traffic pattern.",
             "number", "traffic", default=None, nullable=True, minimum=D(0), maximum=_MAX_RATE,
             unit="per second", advanced=True, null_label="derive from the traffic pattern"),
    Question("traffic_pattern", "Traffic pattern", "How load changes over a day and a month.",
             "choice", "traffic", default="steady",
             choices=_ch(("steady", "Steady"), ("predictable_peaks", "Predictable peaks"),
                         ("spiky", "Spiky"), ("unpredictable", "Unpredictable"),
                         ("mostly_idle", "Mostly idle"))),
    Question("iops_required", "Storage I/O",
             "Sustained storage I/O operations per second, if you know them (from today's "
             "system or bill).", "integer", "traffic", default=None, nullable=True,
             minimum=D(0), maximum=D(10_000_000), unit="IOPS", advanced=True,
             null_label="estimate it"),
    # --- latency and consistency
    Question("latency_p99_ms", "Read latency (p99)",
             "The read latency the application needs at the 99th percentile. Below 1 ms needs "
             "an in-memory tier.", "number", "latency", default=D(20), minimum=D(0),
             exclusive_minimum=True, maximum=D(600_000), unit="ms"),
    Question("consistency", "What readers must see",
             "Strong: every read sees the latest write. Read-after-write: a writer sees its "
             "own writes. Eventual: reads may lag writes briefly.", "choice", "latency",
             default="strong",
             choices=_ch(("strong", "Strong"), ("read_after_write", "Read after write"),
                         ("eventual", "Eventual"))),
    # --- availability and disaster recovery
    Question("availability_target", "Availability target", "Percent of the month available.",
             "choice", "availability", default=D("99.9"),
             choices=tuple((v, f"{v}%") for v in AVAILABILITY_TARGETS), unit="%"),
    Question("rpo_seconds", "Acceptable data loss (RPO)",
             "The most data, in time, you can afford to lose. Leave empty if the data can be "
             "rebuilt (a pure cache).", "integer", "availability", default=3600, nullable=True,
             minimum=D(0), maximum=_MAX_SECONDS, unit="seconds",
             null_label="not applicable: the data can be rebuilt"),
    Question("rto_seconds", "Acceptable outage (RTO)", "The longest acceptable outage.",
             "integer", "availability", default=3600, nullable=True, minimum=D(0),
             maximum=_MAX_SECONDS, unit="seconds", null_label="not stated"),
    Question("backup_retention_days", "Backup retention",
             "A compliance minimum for keeping backups (0 disables automated backups).",
             "integer", "availability", default=None, nullable=True, minimum=D(0),
             maximum=D(35), unit="days", advanced=True, null_label="let the advisor choose"),
    # --- regions
    Question("regions", "Regions",
             "One to five AWS Regions; the first is the primary.", "regions", "regions",
             default=("us-east-1",)),
    Question("multi_region", "Multi-Region",
             "DR: a standby Region takes over after a Regional outage. Active-active: the "
             "application writes in every Region.", "choice", "regions", default="none",
             choices=_ch(("none", "One Region"), ("dr", "Standby Region for disaster recovery"),
                         ("active_active", "Active-active writes in every Region"))),
    # --- migration
    Question("migration_source", "Database to migrate from",
             "Describe the database you are moving, if any.", "object", "migration",
             default=None, nullable=True, subquestions=MIGRATION_QUESTIONS,
             null_label="a new application"),
    # --- budget
    Question("monthly_budget_usd", "Monthly budget", "What the database may cost per month.",
             "number", "budget", default=None, nullable=True, minimum=D(0),
             exclusive_minimum=True, maximum=D(1_000_000_000), unit="USD per month",
             null_label="no budget"),
)  # fmt: skip

QUESTION_BY_ID = {q.id: q for q in QUESTIONS}
# What workload_from_json looks at for each question, read once (`required` is a property).
_ASKED = tuple((q, q.id, q.required) for q in QUESTIONS)
assert set(QUESTION_BY_ID) == {f.name for f in fields(Workload)}, "questions and Workload differ"


@cache
def shipped_regions() -> dict[str, str]:
    """Region codes and names of the shipped catalog: the default list to check against."""
    from catalog.shipped import DATA_DIR, read_rows

    return {row["code"]: row["name"] for row in read_rows(DATA_DIR / "regions.csv")}


# ----- JSON -> Workload ------------------------------------------------------------------------


class Problem(str):
    """What is wrong with an answer: the English sentence the API gives, keeping the template
    and values it was made from, so that a page can say it in its reader's language
    (forms.py). Every template is a literal Problem("...") here: i18n_catalog finds them for
    the translation catalog."""

    template: str
    values: dict[str, Any]

    def __new__(cls, template: str, **values: Any) -> Problem:
        text = super().__new__(cls, template % values if values else template)
        text.template, text.values = template, values
        return text


def too_large_to_price() -> WorkloadInvalid:
    """For answers each within its bounds whose arithmetic still overflows a Decimal."""
    return WorkloadInvalid({"workload": [Problem("the figures are too large to price")]})


def _problem(exc: ValueError) -> str:
    """The message a check raised: its Problem, or (from code outside this module) its text."""
    return exc.args[0] if exc.args and isinstance(exc.args[0], Problem) else str(exc)


def workload_from_json(data: Any, regions: Collection[str] | None = None) -> Workload:
    """A Workload from API JSON, or WorkloadInvalid listing every field to fix.

    `regions`: the region codes the caller's catalog prices (default: the shipped catalog's).
    """
    known = set(regions) if regions is not None else set(shipped_regions())
    if not isinstance(data, dict):
        raise WorkloadInvalid({"workload": [Problem("must be a JSON object")]})
    errors: dict[str, list[str]] = {}
    values: dict[str, Any] = {}
    for name in data:
        if name not in QUESTION_BY_ID:
            errors.setdefault(name, []).append(Problem("unknown field"))
    for q, name, required in _ASKED:
        if name not in data:
            if required:
                errors.setdefault(name, []).append(Problem("is required"))
            continue
        try:
            values[name] = _answer(q, data[name], known, errors)
        except ValueError as exc:
            errors.setdefault(name, []).append(_problem(exc))
    _cross_checks(values, errors)
    if errors:
        raise WorkloadInvalid(errors)
    return Workload(**values)


def _answer(q: Question, value: Any, regions: set[str], errors: dict[str, list[str]]) -> Any:
    """One answer checked against its question; ValueError says what is wrong with it."""
    if value is None:
        if q.nullable:
            return None
        raise ValueError(Problem("may not be empty"))
    # By type from a table, not a chain of comparisons: every answer checks some fifteen.
    return _CHECKS[q.type](q, value, regions, errors)


def _answer_string(q: Question, value: Any, _regions: set[str], _errors: dict) -> str:
    if not isinstance(value, str):
        raise ValueError(Problem("must be text"))
    if q.max_length is not None and len(value) > q.max_length:
        raise ValueError(Problem("must be at most %(length)s characters", length=q.max_length))
    return value


def _answer_boolean(_q: Question, value: Any, _regions: set[str], _errors: dict) -> bool:
    if not isinstance(value, bool):
        raise ValueError(Problem("must be true or false"))
    return value


def _answer_choice(q: Question, value: Any, _regions: set[str], _errors: dict) -> Any:
    allowed = [v for v, _ in q.choices]
    if isinstance(allowed[0], Decimal):
        value = number(value)
    elif not isinstance(value, str):
        raise ValueError(Problem("must be text"))
    if value not in allowed:
        raise ValueError(
            Problem("must be one of %(values)s", values=", ".join(str(v) for v in allowed))
        )
    return value


def _answer_number(q: Question, value: Any, _regions: set[str], _errors: dict) -> Any:
    result = number(value)
    if q.type == "integer" and result != result.to_integral_value():
        raise ValueError(Problem("must be a whole number"))
    _check_bounds(q, result)  # before int(): 1e999999999 must not become a huge int
    return int(result) if q.type == "integer" else result


def _answer_list(q: Question, value: Any, regions: set[str]) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(Problem("must be a list of text values"))
    seen: list[str] = []
    for item in value:
        if item in seen:
            raise ValueError(Problem("lists %(item)s more than once", item=item))
        seen.append(item)
    if q.type == "regions":
        if not 1 <= len(value) <= MAX_REGIONS:
            raise ValueError(Problem("must list 1 to %(most)s regions", most=MAX_REGIONS))
        unknown = [v for v in value if v not in regions]
        if unknown:
            # The codes come last: a message shown as a sentence is capitalised, and
            # "Xx-nowhere-1" is not the code that was sent.
            codes, covered = ", ".join(unknown), ", ".join(sorted(regions))
            raise ValueError(
                Problem("unknown regions %(codes)s: the price catalog covers %(covered)s",
                        codes=codes, covered=covered) if len(unknown) > 1
                else Problem("unknown region %(codes)s: the price catalog covers %(covered)s",
                             codes=codes, covered=covered)
            )  # fmt: skip
    else:
        allowed = [v for v, _ in q.choices]
        unknown = [v for v in value if v not in allowed]
        if unknown:
            raise ValueError(Problem("%(unknown)s: must be among %(allowed)s", unknown=', '.join(unknown),
                                     allowed=', '.join(allowed)))  # fmt: skip
    return tuple(value)


def _answer_migration(
    q: Question, value: Any, regions: set[str], errors: dict[str, list[str]]
) -> MigrationSource | None:
    if not isinstance(value, dict):
        raise ValueError(
            Problem("must be an object with engine, location, size_gb, max_downtime_minutes")
        )
    sub_errors: dict[str, list[str]] = {}
    values: dict[str, Any] = {}
    known = {sq.id: sq for sq in q.subquestions}
    for name in value:
        if name not in known:
            sub_errors.setdefault(f"{q.id}.{name}", []).append(Problem("unknown field"))
    for sq in q.subquestions:
        if sq.id not in value:
            if sq.required:
                sub_errors.setdefault(f"{q.id}.{sq.id}", []).append(Problem("is required"))
            continue
        try:
            values[sq.id] = _answer(sq, value[sq.id], regions, sub_errors)
        except ValueError as exc:
            sub_errors.setdefault(f"{q.id}.{sq.id}", []).append(_problem(exc))
    if sub_errors:
        errors.update(sub_errors)
        return None
    return MigrationSource(**values)


_CHECKS = {
    "string": _answer_string,
    "boolean": _answer_boolean,
    "choice": _answer_choice,
    "multi_choice": lambda q, value, regions, _errors: _answer_list(q, value, regions),
    "regions": lambda q, value, regions, _errors: _answer_list(q, value, regions),
    "number": _answer_number,
    "integer": _answer_number,
    "object": _answer_migration,
}


def _check_bounds(q: Question, value: Decimal) -> None:
    if q.minimum is not None:
        if q.exclusive_minimum and value <= q.minimum:
            raise ValueError(Problem("must be more than %(minimum)s", minimum=q.minimum))
        if value < q.minimum:
            raise ValueError(Problem("must be at least %(minimum)s", minimum=q.minimum))
    if q.maximum is not None and value > q.maximum:
        raise ValueError(Problem("must be at most %(maximum)s", maximum=f"{q.maximum:,}"))


def _cross_checks(v: dict[str, Any], errors: dict[str, list[str]]) -> None:
    """Rules between answers, each message saying what to change."""

    def err(name: str, problem: Problem) -> None:
        errors.setdefault(name, []).append(problem)

    peak, avg = v.get("reads_per_sec"), v.get("avg_reads_per_sec")
    if avg is not None and peak is not None and avg > peak:
        err("avg_reads_per_sec",
            Problem("average reads cannot exceed peak reads (%(peak)s/s)", peak=peak))  # fmt: skip
    peak, avg = v.get("writes_per_sec"), v.get("avg_writes_per_sec")
    if avg is not None and peak is not None and avg > peak:
        err("avg_writes_per_sec",
            Problem("average writes cannot exceed peak writes (%(peak)s/s)", peak=peak))  # fmt: skip
    working, stored = v.get("working_set_gb"), v.get("storage_gb")
    if working is not None and stored is not None and working > stored:
        err("working_set_gb", Problem(
            "the working set cannot be larger than the data stored (%(stored)s GB)",
            stored=stored))  # fmt: skip
    edition, engine = v.get("engine_edition"), v.get("engine_preference")
    if edition is not None:
        if engine not in EDITIONS:
            err("engine_edition", Problem("an edition applies to Oracle or SQL Server: choose "
                "one of them as the engine to keep, or leave the edition empty"))  # fmt: skip
        elif edition not in EDITIONS[engine]:
            err("engine_edition", Problem("%(engine)s editions are %(editions)s", engine=engine,
                                          editions=", ".join(EDITIONS[engine])))  # fmt: skip
    regions = v.get("regions", ("us-east-1",))
    multi = v.get("multi_region", "none")
    if multi == "dr" and len(regions) < 2:
        err("regions", Problem("add a second region: the standby for disaster recovery"))
    if multi == "active_active" and len(regions) < 2:
        err("regions", Problem("add at least a second region to write in for active-active"))
    if multi == "none" and len(regions) > 1:
        err("regions", Problem("only one region is used when multi_region is none: choose dr "
                               "or active_active, or list one region"))  # fmt: skip
    if set(v.get("exclude_services", ())) >= set(EXCLUDABLE_SERVICES):
        err("exclude_services",
            Problem("leave at least one service in: every service is ruled out"))  # fmt: skip


def workload_to_json(workload: Workload) -> dict:
    """The workload as API JSON, every default filled in."""
    out: dict[str, Any] = {}
    for name, write in _WRITERS:
        value = getattr(workload, name)
        out[name] = value if write is None or value is None else write(value)
    return out


def _migration_json(value: Any) -> Any:
    if isinstance(value, MigrationSource):
        return {sq.id: _json_value(getattr(value, sq.id)) for sq in MIGRATION_QUESTIONS}
    return _json_value(value)


def _writer(q: Question) -> Any:
    """How one answer is written as JSON, chosen once per question: None for text and
    true/false, which are JSON as they are (every answer echoes the whole workload, so the
    type tests _json_value makes are skipped where they cannot change the value)."""
    if q.type == "object":
        return _migration_json
    if q.type in ("string", "boolean") or (
        q.type == "choice" and all(isinstance(v, str) for v, _label in q.choices)
    ):
        return None
    return _json_value


def questions_json(regions: Mapping[str, str] | None = None) -> list[dict]:
    """The question definitions for GET /api/v1/questionnaire and the HTML form."""
    region_names = dict(regions) if regions is not None else shipped_regions()
    return [_question_json(q, region_names) for q in QUESTIONS]


def sections_json() -> list[dict]:
    return [{"id": sid, "label": label} for sid, label in SECTIONS]


def _question_json(q: Question, region_names: Mapping[str, str]) -> dict:
    choices = [{"value": _json_value(v), "label": label} for v, label in q.choices]
    if q.type == "regions":
        choices = [{"value": code, "label": f"{name} ({code})"} for code, name in
                   sorted(region_names.items())]  # fmt: skip
    out = {
        "id": q.id,
        "label": q.label,
        "help": q.help,
        "type": q.type,
        "section": q.section,
        "required": q.required,
        "nullable": q.nullable,
        "default": None if q.required else _json_value(q.default),
        "choices": choices,
        "minimum": _json_value(q.minimum),
        "maximum": _json_value(q.maximum),
        "exclusive_minimum": q.exclusive_minimum,
        "unit": q.unit,
        "advanced": q.advanced,
    }
    if q.max_length is not None:
        out["max_length"] = q.max_length
    if q.type == "regions":
        out["min_items"], out["max_items"] = 1, MAX_REGIONS
    if q.null_label:
        out["null_label"] = q.null_label
    if q.subquestions:
        out["fields"] = [_question_json(sq, region_names) for sq in q.subquestions]
    return out


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, tuple):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return value
    return value


# After _json_value, which the writers name.
_WRITERS = tuple((q.id, _writer(q)) for q in QUESTIONS)


def number(value: Any) -> Decimal:
    """A JSON number as Decimal; ValueError for anything else (bools, strings, NaN)."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise ValueError(Problem("must be a number"))
    try:
        result = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation:
        raise ValueError(Problem("must be a number")) from None
    if not result.is_finite():
        raise ValueError(Problem("must be a finite number"))
    return result
