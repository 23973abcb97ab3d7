"""Handing a task to the queue, the same way for every task: one quick retry, then the caller
decides what a broker that is down means for it (a failed comparison, a mail sent at once)."""

from __future__ import annotations

from typing import Any

from kombu.exceptions import KombuError
from redis.exceptions import RedisError

# A request must not hang on a broker that is down: one retry after 0.2 s, then give up.
RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}
QueueUnavailable = (KombuError, RedisError, OSError)


def enqueue(task: Any, *, args: list | None = None, kwargs: dict | None = None) -> None:
    """Send `task`; raises one of QueueUnavailable when the broker cannot take it."""
    task.apply_async(args=args, kwargs=kwargs, retry=True, retry_policy=RETRY_POLICY)
