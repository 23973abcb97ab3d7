"""Comparisons on real Celery worker processes over Redis, against the PostgreSQL test database.

Each test starts `celery worker` as a subprocess (solo pool, its own queue for this run)
pointed at the test database, and drives the comparison through the same services the pages
use. One runs a comparison to done; one kills the worker (SIGKILL) in the middle of a task,
starts another and sees the comparison finish exactly once; one asks for a comparison with
Redis down and sees "task queue unavailable" and no 500; one has the task fail in the worker,
shows the error and retries it to done.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings

from advisor import comparison_services, services
from advisor.comparison_models import Comparison
from advisor.models import DesignVersion

from .actors import WORKLOAD

pytestmark = [
    pytest.mark.redis,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("fast_password_hashing", "shipped_catalog"),
]

ROOT = Path(__file__).resolve().parents[2]
CELERY = ROOT / ".venv" / "bin" / "celery"
READY_SECONDS = 60
PARAMS = {"regions": ["us-east-1", "eu-west-1"], "months": 12, "traffic_multipliers": [1, 2, 5]}


def _database_url() -> str:
    db = settings.DATABASES["default"]  # the test database, once pytest-django has made it
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def _env(queue: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update(
        DATABASE_URL=_database_url(),
        CELERY_QUEUE=queue,
        DJANGO_SECRET_KEY="worker-test-key-" + uuid.uuid4().hex,
        DJANGO_ALLOWED_HOSTS="localhost",
        DATABASE_CONN_MAX_AGE="0",
    )
    env.update(extra)
    return env


class Worker:
    """One `celery worker` process and its log."""

    def __init__(self, queue: str, log: Path, **env: str) -> None:
        self.log = log
        self.handle = log.open("wb")
        self.process = subprocess.Popen(
            [str(CELERY), "-A", "tests.integration.comparison_worker", "worker",
             "--pool=solo", "--loglevel=INFO", "-Q", queue, "-n", f"{log.stem}@%h",
             "--without-gossip", "--without-mingle", "--without-heartbeat"],
            cwd=ROOT, env=_env(queue, **env), stdout=self.handle, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + READY_SECONDS
        while " ready." not in self.text():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                pytest.fail(f"the worker did not start:\n{self.text()}")
            time.sleep(0.2)

    def text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def kill(self) -> None:
        """SIGKILL, as the OOM killer or a lost machine would: no clean shutdown, no ack."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()
        self.handle.close()


@pytest.fixture
def queue():
    """A queue of this run's own, so no other worker or test takes its messages."""
    import redis

    from config.celery import app

    name = f"comparisons-test-{uuid.uuid4().hex[:12]}"
    before = app.conf.task_default_queue
    app.conf.task_default_queue = name
    yield name
    app.conf.task_default_queue = before
    redis.Redis.from_url(os.environ["REDIS_URL"]).delete(name)


@pytest.fixture
def workers(queue, tmp_path):
    started: list[Worker] = []

    def start(name: str, **env: str) -> Worker:
        worker = Worker(queue, tmp_path / f"{name}.log", **env)
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()


def _wait(comparison_id: int, until, seconds: float = 90) -> Comparison:
    deadline = time.monotonic() + seconds
    while True:
        comparison = Comparison.objects.get(pk=comparison_id)
        if until(comparison):
            return comparison
        if time.monotonic() > deadline:
            pytest.fail(f"comparison {comparison_id} stuck: {comparison.status} "
                        f"{comparison.progress}% attempt {comparison.attempt} {comparison.error}")  # fmt: skip
        time.sleep(0.1)


def _done_lines(worker: Worker, comparison_id: int) -> int:
    return len(re.findall(rf"comparison {comparison_id} done \(attempt \d+\)", worker.text()))


@pytest.fixture
def version(design) -> DesignVersion:
    return design.versions.get(number=1)


def test_a_worker_process_runs_a_comparison_to_done(workers, version, bob):
    worker = workers("worker")
    comparison = comparison_services.comparison_request(version=version, user=bob, params=PARAMS)
    assert comparison.status == "queued"
    done = _wait(comparison.pk, lambda c: c.is_finished)
    assert (done.status, done.progress, done.error) == ("done", 100, "")
    assert (done.attempt, done.completions) == (1, 1)
    assert [g["month"] for g in done.result["growth"]] == list(range(13))
    assert {r["region"] for r in done.result["regions"]} == {"us-east-1", "eu-west-1"}
    assert done.started <= done.finished
    assert _done_lines(worker, comparison.pk) == 1


def test_a_worker_killed_mid_task_is_replaced_and_the_comparison_finishes_once(
    workers, version, bob
):
    # Slowed so it is still running when the worker is killed: 0.5 s at each of its steps.
    slow = {comparison_services.STEP_DELAY_ENV: "0.5"}
    first = workers("first", **slow)
    comparison = comparison_services.comparison_request(version=version, user=bob, params=PARAMS)
    running = _wait(comparison.pk, lambda c: c.status == "running" and c.progress > 0)
    first.kill()
    time.sleep(1)
    left = Comparison.objects.get(pk=comparison.pk)
    assert (left.status, left.attempt, left.completions) == ("running", 1, 0)
    assert left.progress >= running.progress

    second = workers("second", **slow)
    done = _wait(comparison.pk, lambda c: c.is_finished)
    assert done.status == "done" and done.error == ""
    assert done.attempt == 2  # the redelivered message took it over ...
    assert done.completions == 1  # ... and it finished once
    assert _done_lines(first, comparison.pk) == 0
    assert _done_lines(second, comparison.pk) == 1
    assert "attempt 2 takes over" in second.text()


RUN_WITH_REDIS_DOWN = """
import json, os, sys, time
import django
django.setup()
from django.contrib.auth import get_user_model
from django.test import Client

client = Client(HTTP_HOST="localhost")
client.force_login(get_user_model().objects.get(username=sys.argv[1]))
design = int(sys.argv[2])
out = {}
start = time.perf_counter()
page = client.post(f"/designs/{design}/versions/1/compare/", {
    "region": "us-east-1", "months": "12", "traffic_multipliers": "1, 2"})
out["page_seconds"] = time.perf_counter() - start
out["page_status"] = page.status_code
detail = client.get(page["Location"])
out["detail_status"] = detail.status_code
out["detail"] = detail.content.decode()
start = time.perf_counter()
api = client.post(f"/api/v1/designs/{design}/comparisons", "{}",
                  content_type="application/json")
out["api_seconds"] = time.perf_counter() - start
out["api_status"] = api.status_code
out["api"] = api.json()
print(json.dumps(out))
"""


def test_with_redis_down_a_comparison_fails_at_once_as_task_queue_unavailable(design, bob):
    # A separate process whose REDIS_URL points at a closed port, as a web process would be
    # when Redis is down: the broker is wrong from its start, as it would be in production.
    env = _env("unused", REDIS_URL="redis://127.0.0.1:1/0", DJANGO_DEBUG="true",
               DJANGO_SETTINGS_MODULE="config.settings")  # fmt: skip
    ran = subprocess.run(
        [sys.executable, "-c", RUN_WITH_REDIS_DOWN, "bob", str(design.pk)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert ran.returncode == 0, ran.stderr
    out = json.loads(ran.stdout.strip().splitlines()[-1])
    assert out["page_status"] == 302 and out["detail_status"] == 200
    assert "The task queue is unavailable" in out["detail"] and "Retry" in out["detail"]
    assert out["api_status"] == 503
    assert out["api"]["error"]["code"] == "task_queue_unavailable"
    # Fails fast: one quick retry, not Celery's default back-off (the page includes the save).
    print(f"redis down: page {out['page_seconds']:.2f} s, api {out['api_seconds']:.2f} s")
    # The page also builds the price book on its first use (about a second on PostgreSQL).
    assert out["page_seconds"] < 5 and out["api_seconds"] < 1
    failed = list(Comparison.objects.order_by("pk"))
    assert [c.status for c in failed] == ["failed", "failed"]
    assert all(c.error.startswith("task queue unavailable") for c in failed)
    assert DesignVersion.objects.filter(design=design).count() == 1  # the design is safe


def test_a_task_that_fails_in_the_worker_shows_the_error_and_retry_completes_it(
    workers, client, version, bob
):
    workers("worker")
    saved = version.workload
    # The stored answers made unreadable (versions are immutable: only a raw update can):
    # the task raises in the worker as it reads them.
    DesignVersion.objects.filter(pk=version.pk).update(workload={**saved, "reads_per_sec": "lots"})
    comparison = comparison_services.comparison_request(version=version, user=bob, params=PARAMS)
    failed = _wait(comparison.pk, lambda c: c.is_finished)
    assert failed.status == "failed"
    assert "reads_per_sec" in failed.error
    client.force_login(bob)
    page = client.get(f"/comparisons/{comparison.pk}/").content.decode()
    assert "The comparison failed" in page and "reads_per_sec" in page and "Retry" in page

    DesignVersion.objects.filter(pk=version.pk).update(workload=saved)
    assert client.post(f"/comparisons/{comparison.pk}/retry/").status_code == 302
    done = _wait(comparison.pk, lambda c: c.is_finished)
    assert (done.status, done.error, done.attempt, done.completions) == ("done", "", 2, 1)


@pytest.fixture
def design(team, alice):
    return services.design_create(team=team, name="Orders DB", workload=WORKLOAD, author=alice)
