"""Fixtures of the integration tests: the actors of the team stories (see actors.py)."""

import pytest

from .actors import (  # noqa: F401 - registered as fixtures by being imported here
    alice,
    bob,
    charlie,
    charlies_team,
    design,
    design_v2,
    fast_password_hashing,
    team,
    vera,
)


@pytest.fixture
def eager():
    """Tasks in-process even when REDIS_URL is set (CI): no worker listens in these tests."""
    from config.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before
