"""A saved version's frozen snapshot as JSON, Markdown and CSV downloads.

Pure: takes the stored recommendation JSON (API.md's answer) and a few facts about the
version, imports nothing from Django. Every figure comes from the snapshot as stored, never
recomputed, so a download made next month shows the numbers the team saw.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

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
    """One row per cost component of each option, then the total of primary + cache."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
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
                )
            )
    writer.writerow(
        _cell(v) for v in ("Total", meta.design, "", "primary + cache", "", "", "",
                           answer.get("total_monthly_usd"))
    )  # fmt: skip
    return buffer.getvalue()


# --- Markdown ---------------------------------------------------------------------------------


def _md(text: Any) -> str:
    """Table-safe text: pipes and line breaks would break the row."""
    return str("" if text is None else text).replace("|", "\\|").replace("\n", " ")


def _md_value(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None:
        return "—"
    if isinstance(value, list):
        return ", ".join(_md_value(v) for v in value) or "—"
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_md_value(v)}" for k, v in value.items()) or "—"
    return _md(value)


def _md_findings(findings: list[dict]) -> list[str]:
    lines = []
    for f in findings:
        source = f" ([source]({f['source']}))" if f.get("source") else ""
        lines.append(f"- **{_md(f.get('severity', ''))}** {_md(f.get('message', ''))}{source}")
    return lines


def _md_option(title: str, option: dict) -> list[str]:
    lines = [
        f"## {title}: {_md(option.get('label'))}",
        "",
        f"Monthly: **${_md(option.get('monthly_usd'))}**"
        + (
            f" · upfront ${_md(option['upfront_usd'])}"
            if option.get("upfront_usd") not in (None, "0.00")
            else ""
        ),
        "",
        "| setting | value |",
        "| --- | --- |",
    ]
    lines += [f"| {_md(k)} | {_md_value(v)} |" for k, v in (option.get("config") or {}).items()]
    components = option.get("cost_components") or []
    if components:
        lines += [
            "",
            "| cost component | quantity | unit | unit price (USD) | monthly (USD) |",
            "| --- | ---: | --- | ---: | ---: |",
        ]
        lines += [
            f"| {_md(c.get('name'))} | {_md(c.get('quantity'))} | {_md(c.get('unit'))} | "
            f"{_md(c.get('unit_price_usd'))} | {_md(c.get('monthly_usd'))} |"
            for c in components
        ]
    rationale = option.get("rationale") or []
    if rationale:
        lines += ["", "Why:", ""] + _md_findings(rationale)
    return lines + [""]


def snapshot_markdown(meta: SnapshotMeta, answer: dict) -> str:
    catalog = answer.get("catalog") or {}
    lines = [
        f"# {_md(meta.design)} (version {meta.version})",
        "",
        f"Team {_md(meta.team)} · saved {meta.saved_at} by {_md(meta.author)} · prices from "
        f"catalog {_md(catalog.get('version'))} as of {_md(catalog.get('as_of'))} "
        f"({_md(catalog.get('currency', 'USD'))}), a month being 730 hours.",
        "",
        f"**Total: ${_md(answer.get('total_monthly_usd'))} per month** (primary + cache).",
        "",
    ]
    findings = answer.get("findings") or []
    if findings:
        lines += ["## Findings", ""] + _md_findings(findings) + [""]
    for slot, title in OPTION_SLOTS:
        if answer.get(slot):
            lines += _md_option(title, answer[slot])
    alternatives = answer.get("alternatives") or []
    if alternatives:
        lines += [
            "## Alternatives",
            "",
            "| option | monthly (USD) | fit |",
            "| --- | ---: | ---: |",
        ]
        lines += [
            f"| {_md(o.get('label'))} | {_md(o.get('monthly_usd'))} | {_md(o.get('fit_score'))} |"
            for o in alternatives
        ]
        lines.append("")
    rejected = answer.get("rejected") or []
    if rejected:
        lines += ["## Ruled out", ""]
        for r in rejected:
            reasons = "; ".join(_md(f.get("message", "")) for f in r.get("reasons") or [])
            lines.append(f"- **{_md(r.get('label') or r.get('service'))}**: {reasons}")
        lines.append("")
    workload = answer.get("workload") or {}
    if workload:
        lines += ["## Workload", "", "| answer | value |", "| --- | --- |"]
        lines += [f"| {_md(k)} | {_md_value(v)} |" for k, v in workload.items()]
        lines.append("")
    return "\n".join(lines)
