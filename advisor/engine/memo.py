"""Bounded memos of pure results (priced estimates, their rendering), oldest out first.

Only results that are functions of their key and of one PriceBook are kept; whole answers
never are. Dict operations are atomic under the GIL, so threads at worst recompute.
"""

from __future__ import annotations

from collections import OrderedDict
from contextlib import suppress
from typing import Any


def remember(memo: OrderedDict, key: Any, value: Any, limit: int) -> Any:
    """Store `value` under `key`, first dropping the oldest entry when `memo` is full.

    An OrderedDict drops its oldest entry in constant time; a plain dict would have to skip
    the slots its earlier deletions left at its front."""
    if len(memo) >= limit:
        with suppress(KeyError):  # another thread emptied it first
            memo.popitem(last=False)
    memo[key] = value
    return value
