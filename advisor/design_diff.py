"""What changed between two saved versions of a design: inputs, configuration, cost.

Pure: works on the stored JSON (the workload and API.md's recommendation answer), imports
nothing from Django.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

# The parts of an answer that carry a configuration, in the order they are shown.
OPTION_SLOTS = ("primary", "cache", "migration")


@dataclass(frozen=True, slots=True)
class Change:
    name: str  # a workload field, or an option's config field
    before: Any
    after: Any


@dataclass(frozen=True, slots=True)
class OptionChange:
    slot: str  # primary, cache, migration
    label_before: str | None  # None: there was no such option
    label_after: str | None
    service_changed: bool
    config: tuple[Change, ...]
    monthly_before: Decimal | None
    monthly_after: Decimal | None

    @property
    def monthly_delta(self) -> Decimal:
        return (self.monthly_after or Decimal(0)) - (self.monthly_before or Decimal(0))


@dataclass(frozen=True, slots=True)
class VersionDiff:
    inputs: tuple[Change, ...]
    options: tuple[OptionChange, ...]  # only slots where something differs
    total_before: Decimal | None
    total_after: Decimal | None
    catalog_before: str | None
    catalog_after: str | None
    findings_added: tuple[str, ...] = field(default=())
    findings_removed: tuple[str, ...] = field(default=())

    @property
    def total_delta(self) -> Decimal | None:
        if self.total_before is None or self.total_after is None:
            return None
        return self.total_after - self.total_before

    @property
    def total_delta_percent(self) -> Decimal | None:
        delta = self.total_delta
        if delta is None or not self.total_before:
            return None
        return (delta * 100 / self.total_before).quantize(Decimal("0.1"))

    @property
    def unchanged(self) -> bool:
        return not self.inputs and not self.options and not self.total_delta


def _money(value: Any) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def _flat(before: Any, after: Any, prefix: str = "") -> dict[str, tuple[Any, Any]]:
    """Objects on both sides as dotted names (migration_source.engine), so each part diffs
    alone; an object on one side only (a migration added) stays whole, to be read as one."""
    if isinstance(before, dict) and isinstance(after, dict):
        out: dict[str, tuple[Any, Any]] = {}
        for key in sorted(set(before) | set(after)):
            out.update(_flat(before.get(key), after.get(key), f"{prefix}{key}."))
        return out
    return {prefix.rstrip("."): (before, after)}


def dict_changes(before: dict | None, after: dict | None) -> tuple[Change, ...]:
    pairs = _flat(before or {}, after or {})
    return tuple(
        Change(name, old, new) for name, (old, new) in sorted(pairs.items()) if old != new and name
    )


def _option_change(slot: str, before: dict | None, after: dict | None) -> OptionChange | None:
    before = before or None
    after = after or None
    if before is None and after is None:
        return None
    config = dict_changes((before or {}).get("config"), (after or {}).get("config"))
    service_before = (before or {}).get("service")
    service_after = (after or {}).get("service")
    change = OptionChange(
        slot=slot,
        label_before=(before or {}).get("label"),
        label_after=(after or {}).get("label"),
        service_changed=service_before != service_after,
        config=config if service_before == service_after else (),
        monthly_before=_money((before or {}).get("monthly_usd")),
        monthly_after=_money((after or {}).get("monthly_usd")),
    )
    if (
        not change.service_changed
        and not change.config
        and change.label_before == change.label_after
        and change.monthly_before == change.monthly_after
    ):
        return None
    return change


def _finding_keys(answer: dict) -> dict[str, str]:
    return {f.get("rule", ""): f.get("message", "") for f in answer.get("findings") or []}


def version_diff(
    *, workload_a: dict, answer_a: dict, workload_b: dict, answer_b: dict
) -> VersionDiff:
    """How version b differs from version a (a is "before")."""
    options = tuple(
        change
        for slot in OPTION_SLOTS
        if (change := _option_change(slot, answer_a.get(slot), answer_b.get(slot))) is not None
    )
    findings_a = _finding_keys(answer_a)
    findings_b = _finding_keys(answer_b)
    return VersionDiff(
        inputs=dict_changes(workload_a, workload_b),
        options=options,
        total_before=_money(answer_a.get("total_monthly_usd")),
        total_after=_money(answer_b.get("total_monthly_usd")),
        catalog_before=(answer_a.get("catalog") or {}).get("version"),
        catalog_after=(answer_b.get("catalog") or {}).get("version"),
        findings_added=tuple(findings_b[r] for r in findings_b if r not in findings_a),
        findings_removed=tuple(findings_a[r] for r in findings_a if r not in findings_b),
    )
