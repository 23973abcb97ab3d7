"""Helpers of the PostgreSQL race tests: pause one transaction at a chosen call, run another
in a thread until it waits on a lock, then let the first go on."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from django.db import connection


def pause_at(monkeypatch, cls: type, method: str) -> tuple[threading.Event, threading.Event]:
    """Make `cls.method` stop when called until resumed: (reached, resume) events."""
    reached, resume = threading.Event(), threading.Event()
    original = getattr(cls, method)

    def paused(self, *args, **kwargs):
        reached.set()
        resume.wait(timeout=30)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(cls, method, paused)
    return reached, resume


def started(action: Callable[[], Any], results: list, errors: list[Exception]) -> threading.Thread:
    """`action` running in a thread of its own (its own database connection, closed after),
    its result appended to `results` or its exception to `errors`."""

    def run() -> None:
        try:
            results.append(action())
        except Exception as exc:  # noqa: BLE001 - collected and checked by the test
            errors.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def until_blocked_or_done(thread: threading.Thread, timeout: float = 10) -> None:
    """Until the thread ends or another session of this database waits on a lock."""
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while thread.is_alive() and time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return
            time.sleep(0.02)
