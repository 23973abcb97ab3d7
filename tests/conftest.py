"""Shared fixtures and the rules for tests that need PostgreSQL, Redis or a browser.

Tests marked `postgres` run when DATABASE_URL points at PostgreSQL, `redis` when REDIS_URL is
set; otherwise they skip and say why. Under CI (CI_REQUIRE_SERVICES=1) a missing service is
a failure, not a skip.
"""

from __future__ import annotations

import os

import pytest

from catalog.pricebook import PriceBook
from catalog.shipped import shipped_pricebook

REQUIRE_SERVICES = os.environ.get("CI_REQUIRE_SERVICES") == "1"


def _missing(marker: str) -> str | None:
    if marker == "postgres" and not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        return "needs PostgreSQL: set DATABASE_URL=postgres://... (make test under .ci/run does)"
    if marker == "redis" and not os.environ.get("REDIS_URL"):
        return "needs Redis: set REDIS_URL=redis://127.0.0.1:6379/0 (.ci/run does)"
    return None


def pytest_runtest_setup(item: pytest.Item) -> None:
    for marker in ("postgres", "redis"):
        if item.get_closest_marker(marker):
            reason = _missing(marker)
            if reason:
                if REQUIRE_SERVICES:
                    pytest.fail(f"CI requires this service: {reason}")
                pytest.skip(reason)


@pytest.fixture(scope="session")
def book() -> PriceBook:
    """The shipped catalog as a PriceBook, read from catalog/data/ without a database."""
    return shipped_pricebook()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the shipped catalog once into the test database."""
    from catalog.services import catalog_load_shipped, pricebook_forget_all

    with django_db_blocker.unblock():
        catalog_load_shipped()
    pricebook_forget_all()


@pytest.fixture(autouse=True)
def _fresh_current_version():
    # Not cache.clear(): on Redis that would flush the database the Celery broker shares.
    from django.core.cache import cache

    from catalog.services import CURRENT_VERSION_CACHE_KEY

    cache.delete(CURRENT_VERSION_CACHE_KEY)
    yield
    cache.delete(CURRENT_VERSION_CACHE_KEY)


@pytest.fixture
def shipped_catalog(transactional_db):
    """For transaction=True tests: the flush between them empties the catalog the session
    loaded, so load it again (idempotent) and drop any book built from the old rows."""
    from catalog.services import catalog_load_shipped, pricebook_forget_all

    pricebook_forget_all()
    result = catalog_load_shipped()
    yield result.version
    pricebook_forget_all()


@pytest.fixture
def eager():
    """Celery tasks run where they are sent, even when REDIS_URL is set (CI): no worker
    listens in the tests that use this."""
    from config.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before
