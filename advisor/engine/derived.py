"""Quantities derived from the workload once, shared by every service module.

Where the questionnaire leaves a number empty the engine assumes one and says so in a
finding, so a reader can replace the assumption with a measured value.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from advisor.estimator.base import usd  # noqa: F401  (the engine's sentences take it from here)
from advisor.questionnaire import QUESTION_BY_ID, Workload

from .findings import info
from .model import Finding

SECONDS_PER_MONTH = Decimal(730 * 3600)  # a 730-hour month (API.md)
D = Decimal

# Average load as a share of the peak when the averages are not given (ours: planning
# figures; DDB-CAP-02 treats traffic below ~18% of peak as spiky/idle, which these respect).
AVERAGE_TO_PEAK = {
    "steady": D("0.7"),
    "predictable_peaks": D("0.4"),
    "unpredictable": D("0.3"),
    "spiky": D("0.2"),
    "mostly_idle": D("0.05"),
}
# The hot share of the data when working_set_gb is empty (ours: a planning figure).
WORKING_SET_SHARE = D("0.1")
# IOPS estimate when iops_required is empty (ours): each row write touches a data page and
# the log; a tenth of reads miss the buffer cache; pages of 16 KB.
WRITE_IOS_PER_ROW = 2
READ_MISS_SHARE = D("0.1")
PAGE_KB = 16


def ceil(value: Decimal) -> int:
    return math.ceil(value)  # exact for Decimal, and a third of to_integral_value's cost


# The text depends on the number's value only (not on how a Decimal was written: 800 and
# 800.0 both print "800"), so it is kept per value: an answer prints some sixty numbers, most
# of them the same from one answer to the next (thresholds, rates, the workload's own).
@lru_cache(maxsize=4096)
def fmt(value: Decimal | int, places: int = 0) -> str:
    """A number for a sentence: thousands separated, trailing zeros dropped; a fraction shown
    to `places` decimals (2 when not given)."""
    if type(value) is int:
        return f"{value:,}"
    # A whole number printed to two places and stripped is the whole number: no need to ask
    # first whether it is whole.
    text = f"{value if type(value) is D else D(value):,.{places or 2}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text  # -0 equals 0: one value, one text


def listed(parts, word: str = "and") -> str:
    """ "a", "a and b", "a, b and c" (or with "or")."""
    parts = list(parts)
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} {word} {parts[-1]}"


def plural(count: Decimal | int, singular: str, many: str | None = None) -> str:
    """ "1 shard", "3 shards", "1.5 units": the count with its noun in the right number."""
    word = singular if count == 1 else (many or f"{singular}s")
    return f"{fmt(count)} {word}"


def question(field: str) -> str:
    """A workload answer named as the questionnaire asks it ('Average reads'), for sentences
    that tell the reader which answer to give."""
    return f"'{QUESTION_BY_ID[field].label}'"


# Choices read as ordinary words inside a sentence ("key-value data"); other choices (engine
# names) keep their label's capitals. Consistency qualifies a noun: "read-after-write reads".
_WORD_CHOICES = frozenset({"data_model", "traffic_pattern", "environment"})


def choice(field: str, value) -> str:
    """A choice answer as the questionnaire shows it (postgresql -> PostgreSQL), never the raw
    value."""
    if field == "consistency":
        return value.replace("_", "-")
    for known, label in QUESTION_BY_ID[field].choices:
        if known == value:
            return label.lower() if field in _WORD_CHOICES else label
    return str(value)


@dataclass(frozen=True, slots=True)
class Derived:
    avg_reads: Decimal
    avg_writes: Decimal
    reads_per_month: Decimal
    writes_per_month: Decimal
    working_set_gb: Decimal
    peak_iops: int
    avg_iops: Decimal
    storage_in_3_months: Decimal
    storage_in_12_months: Decimal
    storage_in_36_months: Decimal
    production: bool
    durable: bool  # the data must survive failures (rpo_seconds is not null)
    sub_ms: bool  # p99 below one millisecond: only memory serves that
    dr_regions: tuple[str, ...]
    notes: tuple[Finding, ...]
    peak_reads: Decimal
    peak_writes: Decimal

    @property
    def load_ratio(self) -> Decimal:
        """Average over peak of all operations (1 when there is no traffic)."""
        peak = self.peak_reads + self.peak_writes
        return (self.avg_reads + self.avg_writes) / peak if peak else D(1)


def derive(w: Workload) -> Derived:
    notes: list[Finding] = []
    ratio = AVERAGE_TO_PEAK[w.traffic_pattern]
    avg_reads, avg_writes = w.avg_reads_per_sec, w.avg_writes_per_sec
    assumed = [k for k, v in (("reads", avg_reads), ("writes", avg_writes)) if v is None]
    if avg_reads is None:
        avg_reads = w.reads_per_sec * ratio
    if avg_writes is None:
        avg_writes = w.writes_per_sec * ratio
    if assumed and (w.reads_per_sec or w.writes_per_sec):
        notes.append(
            info(
                "workload.average_assumed",
                f"Average {' and '.join(assumed)} assumed to be {fmt(ratio * 100)}% of the "
                f"peak for {w.traffic_pattern.replace('_', ' ')} traffic (our planning "
                f"figure): {fmt(avg_reads)} reads/s and {fmt(avg_writes)} writes/s. Give "
                f"{question('avg_reads_per_sec')} and {question('avg_writes_per_sec')} to "
                "replace it.",
                "traffic_pattern",
                "avg_reads_per_sec",
                "avg_writes_per_sec",
            )
        )
    working = w.working_set_gb
    if w.data_model == "in_memory":
        working = w.storage_gb  # the data itself lives in memory
    elif working is None:
        working = w.storage_gb * WORKING_SET_SHARE
        if w.storage_gb:
            notes.append(
                info(
                    "workload.working_set_assumed",
                    f"Working set assumed to be {fmt(WORKING_SET_SHARE * 100)}% of the "
                    f"{fmt(w.storage_gb)} GB stored: {fmt(working)} GB, the data read often, "
                    "which should stay in memory for reads to be fast and so sizes that "
                    f"memory. Give {question('working_set_gb')} to replace it.",
                    "working_set_gb",
                    "storage_gb",
                )
            )
    pages = max(1, ceil(w.item_size_kb / PAGE_KB))
    if w.iops_required is not None:
        peak_iops = w.iops_required
        avg_iops = D(w.iops_required)
    else:
        peak_iops = ceil(
            (w.writes_per_sec * WRITE_IOS_PER_ROW + w.reads_per_sec * READ_MISS_SHARE) * pages
        )
        avg_iops = (avg_writes * WRITE_IOS_PER_ROW + avg_reads * READ_MISS_SHARE) * pages
        if w.data_model == "relational" and peak_iops:
            notes.append(
                info(
                    "workload.iops_assumed",
                    f"Storage I/O estimated at {fmt(peak_iops)} IOPS at the peak: "
                    f"{WRITE_IOS_PER_ROW} I/Os per row written (data page and log) plus "
                    f"{fmt(READ_MISS_SHARE * 100)}% of reads missing the cache, per "
                    f"{PAGE_KB} KB page (our planning figure). Give {question('iops_required')} "
                    "from today's system to replace it.",
                    "iops_required",
                )
            )
    growth = w.storage_growth_gb_per_month
    return Derived(
        avg_reads=avg_reads,
        avg_writes=avg_writes,
        reads_per_month=avg_reads * SECONDS_PER_MONTH,
        writes_per_month=avg_writes * SECONDS_PER_MONTH,
        working_set_gb=working,
        peak_iops=peak_iops,
        avg_iops=avg_iops,
        storage_in_3_months=w.storage_gb + 3 * growth,
        storage_in_12_months=w.storage_gb + 12 * growth,
        storage_in_36_months=w.storage_gb + 36 * growth,
        production=w.environment == "production",
        durable=w.rpo_seconds is not None,
        sub_ms=w.latency_p99_ms < 1,
        dr_regions=tuple(w.regions[1:]),
        notes=tuple(notes),
        peak_reads=w.reads_per_sec,
        peak_writes=w.writes_per_sec,
    )
