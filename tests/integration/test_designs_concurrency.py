"""Two saves from the same base version at the same moment: exactly one becomes version 2,
the other is told it is stale. Needs PostgreSQL's row locks (SQLite serialises writers)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from advisor import services

from .actors import WORKLOAD

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("shipped_catalog", "fast_password_hashing"),
]

SAVERS = 6


def test_concurrent_saves_from_one_base_make_exactly_one_next_version(design, alice, bob):
    barrier = threading.Barrier(SAVERS)
    outcomes: list[object] = []
    lock = threading.Lock()

    def save(author, storage_gb):
        try:
            barrier.wait(timeout=30)
            version = services.design_version_create(
                design=design,
                workload={**WORKLOAD, "storage_gb": storage_gb},
                base_version=1,
                author=author,
            )
            result: object = version.number
        except Exception as exc:  # noqa: BLE001 - collected and checked below
            result = exc
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [
        threading.Thread(target=save, args=(alice if i % 2 else bob, 100 + i))
        for i in range(SAVERS)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)

    assert sorted(o for o in outcomes if isinstance(o, int)) == [2]
    stale = [o for o in outcomes if isinstance(o, services.StaleVersion)]
    assert len(stale) == SAVERS - 1, outcomes
    assert all(s.latest == 2 for s in stale)
    assert list(design.versions.order_by("number").values_list("number", flat=True)) == [1, 2]
