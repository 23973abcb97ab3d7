"""The project's Celery app for the worker tests, with Redis's redelivery made quick.

Redis hands an unacknowledged message to another worker only after the transport's visibility
timeout (an hour by default, longer than any task may run). The worker tests kill a worker in
the middle of a task and wait for another to finish it, so here the timeout is a few seconds
and unacknowledged messages are looked for every second. Everything else is config.celery:

    celery -A tests.integration.comparison_worker worker
"""

from __future__ import annotations

import os

from config.celery import app

app.conf.broker_transport_options = {
    **(app.conf.broker_transport_options or {}),
    "visibility_timeout": int(os.environ.get("TEST_VISIBILITY_TIMEOUT", "3")),
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}

__all__ = ["app"]
