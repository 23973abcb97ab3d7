"""What the engine returns: frozen dataclasses, no behaviour beyond small derived values."""

from __future__ import annotations

from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Any

from advisor.estimator.base import CostComponent, cents

SEVERITIES = ("info", "warning", "risk")


@dataclass(frozen=True, slots=True)
class Finding:
    """One rule that fired: a stable id, a sentence a person understands, and its source."""

    rule: str
    severity: str  # info, warning, risk
    message: str
    source: str
    cites: tuple[str, ...] = ()  # the workload answers the rule rests on


@dataclass(frozen=True, slots=True)
class Option:
    """One priced, explained configuration of one service."""

    service: str
    label: str
    config: Any  # an advisor.configs dataclass
    usage: Any  # the usage the estimate was made for
    region: str
    components: tuple[CostComponent, ...]
    rationale: tuple[Finding, ...]
    fit_score: int = 0
    # What ranking compares: this option plus the in-memory tier it needs to meet the
    # latency target (an ElastiCache layer priced apart), so options compare like for like.
    ranking_monthly: Decimal | None = None
    needs_cache: bool = False
    penalty: int = 0  # fit points lost to a poorer match of model or pattern (ranking.py)
    # The monthly cost as shown: the sum of the components rounded to cents, so that the
    # components a reader sees always add up to it (set by totals_of when the option is priced).
    monthly: Decimal = Decimal(0)
    upfront: Decimal = Decimal(0)

    @property
    def compared_monthly(self) -> Decimal:
        return self.ranking_monthly if self.ranking_monthly is not None else self.monthly


def totals_of(components: tuple[CostComponent, ...]) -> tuple[Decimal, Decimal]:
    monthly = sum((cents(c.monthly) for c in components), Decimal(0))
    # Only reserved terms have an upfront fee: the zeros are not rounded one by one. Starting
    # from 0.00 keeps the total the same Decimal (two places) that adding rounded zeros made.
    upfront = sum(
        (cents(c.upfront) for c in components if c.upfront),
        _ZERO_CENTS if components else Decimal(0),
    )
    return monthly, upfront


_ZERO_CENTS = Decimal("0.00")


@dataclass(frozen=True, slots=True)
class Rejected:
    service: str
    label: str
    reasons: tuple[Finding, ...]


@dataclass(frozen=True, slots=True)
class Recommendation:
    workload: Any  # advisor.questionnaire.Workload
    catalog_version: str
    catalog_as_of: Any  # datetime.date
    currency: str
    primary: Option | None
    cache: Option | None
    migration: Option | None
    alternatives: tuple[Option, ...]
    rejected: tuple[Rejected, ...]
    findings: tuple[Finding, ...]

    @property
    def total_monthly(self) -> Decimal:
        total = Decimal(0)
        for option in (self.primary, self.cache):
            if option is not None:
                total += option.monthly
        return total


_MISSING = object()
_REPLACERS: dict[type, Any] = {}


def evolve(obj: Any, **changes: Any) -> Any:
    """dataclasses.replace for the engine's frozen dataclasses (no init=False fields, no
    __post_init__). The engine copies options and configs for every candidate, and replace
    re-reads the fields and builds a dict each time: each class gets its own copier instead,
    written once, that passes every field straight through unless it is changed."""
    replacer = _REPLACERS.get(obj.__class__)
    if replacer is None:
        replacer = _REPLACERS[obj.__class__] = _replacer(obj.__class__)
    return replacer(obj, **changes)  # an unknown name fails here, as with replace


def _replacer(cls: type) -> Any:
    every = fields(cls)
    names = [f.name for f in every if f.init]
    params = ", ".join(f"{n}=_MISSING" for n in names)
    namespace: dict[str, Any] = {"_MISSING": _MISSING, "cls": cls, "_new": object.__new__}
    slots = cls.__dict__.get("__slots__", ())
    if len(names) == len(every) and set(names) <= set(slots) and not hasattr(cls, "__post_init__"):
        # A frozen class's __init__ sets each field through object.__setattr__ (its own
        # __setattr__ refuses): for a class whose __init__ does nothing else, setting each slot
        # through its descriptor makes the same object in a third of the time (an Option has
        # thirteen fields, and an answer copies a dozen options).
        namespace.update({f"_set_{n}": getattr(cls, n).__set__ for n in names})
        sets = "".join(f"    _set_{n}(new, obj.{n} if {n} is _MISSING else {n})\n" for n in names)
        source = f"def replace(obj, *, {params}):\n    new = _new(cls)\n{sets}    return new\n"
    else:
        args = ", ".join(f"{n}=obj.{n} if {n} is _MISSING else {n}" for n in names)
        source = f"def replace(obj, *, {params}):\n    return cls({args})\n"
    exec(source, namespace)  # noqa: S102
    return namespace["replace"]
