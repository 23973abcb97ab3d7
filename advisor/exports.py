"""A saved version's frozen snapshot as JSON, Markdown and CSV downloads.

Pure: takes the stored recommendation JSON (API.md's answer) and a few facts about the
version, imports nothing from Django. Every figure comes from the snapshot as stored, never
recomputed, so a download made next month shows the numbers the team saw. The Markdown is
for people (money grouped but exact to the cent as stored, quantities rounded, answers by
their questions' labels); the CSV keeps every cost figure as stored, for machines, and opens
with the workload answered, worded as the Markdown words it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from .number_text import money, quantity, unit_price
from .workload_display import workload_answers

# An option's config as (label, value) pairs for people.
Settings = Callable[[dict], list[tuple[str, str]]]

OPTION_SLOTS = (("primary", "Primary"), ("cache", "Cache layer"), ("migration", "Migration"))
CSV_COLUMNS = (
    "section",
    "option",
    "service",
    "component",
    "unit",
    "quantity",
    "unit_price_usd",
    "monthly_usd",
    "question",
    "answer",
)


@dataclass(frozen=True, slots=True)
class SnapshotMeta:
    design: str
    team: str
    version: int
    saved_at: str  # ISO 8601
    author: str


def snapshot_document(meta: SnapshotMeta, answer: dict) -> dict:
    """The JSON download: the answer exactly as stored, with what it is a snapshot of."""
    return {
        "design": meta.design,
        "team": meta.team,
        "version": meta.version,
        "saved_at": meta.saved_at,
        "author": meta.author,
        "catalog": answer.get("catalog"),
        "recommendation": answer,
    }


def _options(answer: dict) -> list[tuple[str, dict]]:
    out = [(title, answer[slot]) for slot, title in OPTION_SLOTS if answer.get(slot)]
    out += [("Alternative", option) for option in answer.get("alternatives") or []]
    return out


# --- CSV --------------------------------------------------------------------------------------


def _cell(value: Any) -> str:
    """Text that a spreadsheet would run as a formula is quoted with an apostrophe (OWASP's
    advice on CSV injection: https://owasp.org/www-community/attacks/CSV_Injection)."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def snapshot_csv(meta: SnapshotMeta, answer: dict) -> str:
    """First the workload, one "Workload" row per answer as people read it (the question's
    label and the answer with its unit or choice label, in `question` and `answer`); then one
    row per cost component of each option; last the monthly total, which covers the primary
    and its cache layer (not the migration nor the alternatives). One header for all, so a
    spreadsheet filters by `section`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    blank_costs = ("",) * (len(CSV_COLUMNS) - 3)
    for a in workload_answers(answer.get("workload") or {}):
        writer.writerow(_cell(v) for v in ("Workload", *blank_costs, a.label, a.value))
    for title, option in _options(answer):
        for component in option.get("cost_components") or []:
            writer.writerow(
                _cell(v)
                for v in (
                    title,
                    option.get("label"),
                    option.get("service"),
                    component.get("name"),
                    component.get("unit"),
                    component.get("quantity"),
                    component.get("unit_price_usd"),
                    component.get("monthly_usd"),
                    "",
                    "",
                )
            )
    writer.writerow(
        _cell(v) for v in ("Total", _total_covers(answer), "", "", "month", "", "",
                           answer.get("total_monthly_usd"), "", "")
    )  # fmt: skip
    return buffer.getvalue()


def _total_covers(answer: dict) -> str:
    """What total_monthly_usd adds up (API.md: primary + cache), said of this answer."""
    return "Primary + Cache layer" if answer.get("cache") else "Primary (no cache layer)"


# --- Markdown ---------------------------------------------------------------------------------


def _md(text: Any) -> str:
    """Table-safe text: pipes and line breaks would break the row."""
    return str("" if text is None else text).replace("|", "\\|").replace("\n", " ")


def _md_findings(findings: list[dict]) -> list[str]:
    lines = []
    for f in findings:
        source = f" ([source]({f['source']}))" if f.get("source") else ""
        lines.append(f"- **{_md(f.get('severity', ''))}** {_md(f.get('message', ''))}{source}")
    return lines


def _md_option(title: str, option: dict, settings: Settings) -> list[str]:
    lines = [
        f"## {title}: {_md(option.get('label'))}",
        "",
        f"Monthly: **{_md(money(option.get('monthly_usd')))}**"
        + (
            f" · upfront {_md(money(option['upfront_usd']))}"
            if option.get("upfront_usd") not in (None, "0.00")
            else ""
        ),
        "",
        "| setting | value |",
        "| --- | --- |",
    ]
    lines += [f"| {_md(k)} | {_md(v)} |" for k, v in settings(option.get("config") or {})]
    components = option.get("cost_components") or []
    if components:
        lines += [
            "",
            "| cost component | quantity | unit | unit price | monthly |",
            "| --- | ---: | --- | ---: | ---: |",
        ]
        lines += [
            f"| {_md(c.get('name'))} | {_md(quantity(c.get('quantity')))} | {_md(c.get('unit'))} "
            f"| {_md(unit_price(c.get('unit_price_usd')))} | {_md(money(c.get('monthly_usd')))} |"
            for c in components
        ]
    rationale = option.get("rationale") or []
    if rationale:
        lines += ["", "Why:", ""] + _md_findings(rationale)
    return lines + [""]


def snapshot_markdown(meta: SnapshotMeta, answer: dict, settings: Settings) -> str:
    """The snapshot for people. `settings`: an option's config as (label, value) pairs to read
    (the web's config_items, whose labels are translated)."""
    catalog = answer.get("catalog") or {}
    lines = [
        f"# {_md(meta.design)} (version {meta.version})",
        "",
        f"Team {_md(meta.team)} · saved {_readable_time(meta.saved_at)}"
        + (f" by {_md(meta.author)}" if meta.author else "")
        + f" · prices from catalog {_md(catalog.get('version'))} as of "
        f"{_md(catalog.get('as_of'))} ({_md(catalog.get('currency', 'USD'))}), a month being "
        "730 hours.",
        "",
        f"**Total: {_md(money(answer.get('total_monthly_usd')))} per month** "
        f"({_total_says(answer)}).",
        "",
    ]
    findings = answer.get("findings") or []
    if findings:
        lines += ["## Findings", ""] + _md_findings(findings) + [""]
    for slot, title in OPTION_SLOTS:
        if answer.get(slot):
            lines += _md_option(title, answer[slot], settings)
    alternatives = answer.get("alternatives") or []
    if alternatives:
        lines += [
            "## Alternatives",
            "",
            "| option | monthly | fit |",
            "| --- | ---: | ---: |",
        ]
        lines += [
            f"| {_md(o.get('label'))} | {_md(money(o.get('monthly_usd')))} "
            f"| {_md(o.get('fit_score'))} |"
            for o in alternatives
        ]
        lines.append("")
    rejected = answer.get("rejected") or []
    if rejected:
        lines += ["## Ruled out", ""]
        for r in rejected:
            lines.append(f"- **{_md(r.get('label') or r.get('service'))}**")
            lines += [f"  - {_md(f.get('message', ''))}" for f in r.get("reasons") or []]
        lines.append("")
    workload = answer.get("workload") or {}
    if workload:
        lines += ["## Workload", "", "| question | answer |", "| --- | --- |"]
        lines += [f"| {_md(a.label)} | {_md(a.value)} |" for a in workload_answers(workload)]
        lines.append("")
    return "\n".join(lines)


def _readable_time(iso: str) -> str:
    """The stored ISO 8601 time as "2026-11-29 10:28 UTC"; text that is not one, as it is."""
    try:
        moment = datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return _md(iso)
    if moment.tzinfo is None:
        return _md(iso)  # no zone: saying UTC would be a guess
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def _total_says(answer: dict) -> str:
    covers = (
        "the primary database and its cache layer"
        if answer.get("cache")
        else "the primary database; there is no cache layer"
    )
    if answer.get("migration"):
        covers += "; the migration is priced on its own below"
    return covers
