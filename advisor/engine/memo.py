"""Bounded memos of pure results (priced estimates, their rendering), oldest out first.

Only results that are functions of their key and of one PriceBook are kept; whole answers
never are. Dict operations are atomic under the GIL, so threads at worst recompute.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from contextlib import suppress
from dataclasses import fields, is_dataclass
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


_TEXTS: dict[type, Callable[[Any], str]] = {}


def exact_text(obj: Any) -> str:
    """A dataclass's class and the repr of each field: equal only for objects that print the
    same (Decimal 800 and 800.0 differ; so do 1 and True). Like repr(obj), without the field
    names and the guard against recursion that make repr cost three times as much."""
    text = _TEXTS.get(obj.__class__)
    if text is None:
        text = _TEXTS[obj.__class__] = _text_for(obj.__class__)
    return text(obj)


def _text_for(cls: type) -> Callable[[Any], str]:
    if not is_dataclass(cls):
        return repr
    # Each field's repr is a complete literal, so joined in a fixed order they cannot be
    # mistaken for another object's.
    parts = ",".join(f"{{o.{f.name}!r}}" for f in fields(cls))
    namespace: dict[str, Any] = {}
    exec(f"def text(o):\n    return f'{cls.__qualname__}({parts})'\n", namespace)  # noqa: S102
    return namespace["text"]
