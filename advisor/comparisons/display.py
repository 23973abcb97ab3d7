"""What the comparison page draws, from a comparison's JSON: line charts as SVG geometry and
the Region table. Pure, so a shared report draws the stored result the same way.

Charts are plain SVG coordinates and class names (series-0 ... series-7): no script and no
style attribute, which the strict CSP forbids; app.css colours the classes.
"""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation
from typing import Any

WIDTH, HEIGHT = 720, 300
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 12, 36  # room for the axis labels
SERIES = 8  # the best-ranked options drawn; the tables list them all


def _money(value: Any) -> float | None:
    if value is None:
        return None
    try:
        return float(Decimal(str(value)))
    except InvalidOperation:
        return None


def _nice_step(span: float, ticks: int = 4) -> float:
    raw = span / ticks if span > 0 else 1.0
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)


def money_tick(value: float) -> str:
    if value >= 10_000:
        return f"${value / 1000:,.0f}k"
    return f"${value:,.0f}"


def line_chart(
    xs: list[float], series: list[tuple[str, list[float | None]]], *, log_x: bool = False,
    x_label=lambda x: f"{x:g}", x_ticks: list[float] | None = None,
) -> dict:  # fmt: skip
    """SVG geometry of one chart: each series as polylines broken where a point is missing."""
    values = [v for _, ys in series for v in ys if v is not None]
    top_value = max(values, default=0.0)
    step = _nice_step(top_value)
    y_max = step * max(1, math.ceil(top_value / step)) if top_value > 0 else 1.0
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def fx(x: float) -> float:
        lo, hi = (math.log(xs[0]), math.log(xs[-1])) if log_x else (xs[0], xs[-1])
        at = math.log(x) if log_x else x
        return LEFT + (plot_w * (at - lo) / (hi - lo) if hi > lo else plot_w / 2)

    def fy(y: float) -> float:
        return TOP + plot_h * (1 - y / y_max)

    lines = []
    for index, (label, ys) in enumerate(series):
        segments, current = [], []
        for x, y in zip(xs, ys, strict=True):
            if y is None:
                if current:
                    segments.append(current)
                current = []
                continue
            current.append((f"{fx(x):.1f}", f"{fy(y):.1f}"))
        if current:
            segments.append(current)
        lines.append(
            {
                "label": label,
                "css": f"series-{index % SERIES}",
                "segments": [
                    " ".join(f"{x},{y}" for x, y in points)
                    for points in segments
                    if len(points) > 1
                ],
                # A point alone between gaps has no line to sit on: drawn as a dot.
                "dots": [
                    {"x": x, "y": y} for points in segments if len(points) == 1 for x, y in points
                ],  # fmt: skip
            }
        )
    y_ticks = []
    tick = 0.0
    while tick <= y_max + step / 1000:
        y_ticks.append({"y": f"{fy(tick):.1f}", "label": money_tick(tick)})
        tick += step
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "top": TOP,
        "bottom": HEIGHT - BOTTOM,
        "lines": lines,
        "x_ticks": [{"x": f"{fx(x):.1f}", "label": x_label(x)} for x in (x_ticks or xs)],
        "y_ticks": y_ticks,
        "label_y": HEIGHT - BOTTOM + 22,
    }


def _labels(result: dict) -> list[str]:
    return [o["label"] for o in result.get("options", [])][:SERIES]


def growth_chart(result: dict) -> dict | None:
    points = result.get("growth") or []
    labels = _labels(result)
    if len(points) < 2 or not labels:
        return None
    months = [float(p["month"]) for p in points]
    last = int(months[-1])
    step = next(s for s in (1, 2, 3, 6, 12, 24) if last / s <= 8)
    series = [(label, [_money(p["costs"].get(label)) for p in points]) for label in labels]
    return line_chart(months, series, x_ticks=[float(m) for m in range(0, last + 1, step)],
                      x_label=lambda m: f"{m:g}")  # fmt: skip


def sensitivity_chart(result: dict) -> dict | None:
    points = result.get("sensitivity") or []
    labels = _labels(result)
    if len(points) < 2 or not labels:
        return None
    xs = [float(p["multiplier"]) for p in points]
    series = [(label, [_money(p["costs"].get(label)) for p in points]) for label in labels]
    # Multipliers like 0.5 ... 20 read best on a log scale, where 2x is always as far as 2x.
    return line_chart(xs, series, log_x=xs[-1] / xs[0] >= 10, x_label=lambda m: f"{m:g}×")


def region_table(result: dict) -> dict:
    """Options as rows, Regions as columns (the order asked), cheapest Region marked."""
    regions = (result.get("params") or {}).get("regions") or []
    cells: dict[str, dict[str, dict]] = {}
    for entry in result.get("regions", []):
        cells.setdefault(entry["label"], {})[entry["region"]] = entry
    rows = []
    for option in result.get("options", []):
        by_region = cells.get(option["label"], {})
        found = [by_region.get(r, {"region": r, "monthly_usd": None}) for r in regions]
        priced = [_money(c.get("monthly_usd")) for c in found]
        cheapest = min((p for p in priced if p is not None), default=None)
        rows.append(
            {
                "label": option["label"],
                "cells": [
                    {**c, "cheapest": p is not None and p == cheapest and len(regions) > 1}
                    for c, p in zip(found, priced, strict=True)
                ],
            }
        )
    return {"regions": regions, "rows": rows}


def growth_table(result: dict, every: int = 12) -> dict:
    """The growth curves at a few months (0, 12, 24, ... and the last), for reading exactly."""
    points = result.get("growth") or []
    if not points:
        return {"months": [], "rows": []}
    last = points[-1]["month"]
    chosen = [p for p in points if p["month"] % every == 0 or p["month"] == last]
    return {
        "months": [p["month"] for p in chosen],
        "rows": [
            {"label": o["label"], "costs": [p["costs"].get(o["label"]) for p in chosen]}
            for o in result.get("options", [])
        ],
    }
