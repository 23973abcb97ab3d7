"""Comparisons: request one, compute it (the Celery task's body), retry it.

A comparison finishes once, however its message is delivered. Every task run first *claims*
the row with a conditional UPDATE on (status, attempt), taking the next attempt number; from
then on it writes progress, the result or a failure only `WHERE attempt = <its attempt> AND
status = 'running'`. So:
- a redelivered message for a done or failed comparison finds nothing to claim;
- a message redelivered because its worker died (acks_late) claims the running row again,
  recomputes it and finishes it; the dead worker, were it only slow, would find its attempt
  superseded at its next progress report and stop, and its result would be discarded.

The task is enqueued after the row is committed. When the broker is down the request still
succeeds: the comparison is marked failed with "task queue unavailable", to be retried.
"""

from __future__ import annotations

import logging
import os
import time
from datetime import timedelta
from functools import partial
from typing import Any

from celery.exceptions import SoftTimeLimitExceeded
from django.db import DatabaseError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.pricebook import PriceMissing
from catalog.services import CatalogError, pricebook_for_version

from .comparison_models import Comparison
from .comparisons import Params, ParamsInvalid, compare, comparison_to_json, params_from_json
from .estimator.base import EstimateError
from .models import DesignVersion
from .questionnaire import WorkloadInvalid, workload_from_json
from .services import Invalid, NotMember, membership_role
from .task_queue import QueueUnavailable, enqueue

logger = logging.getLogger(__name__)

Status = Comparison.Status
QUEUE_UNAVAILABLE = "task queue unavailable"
# More than this many unfinished comparisons of one version is a user pressing the button
# again while the first are still queued: refused rather than queued again.
MAX_ACTIVE_PER_VERSION = 3
# A comparison takes about a second; a running one silent this long lost its worker (or a
# queued one its message), and may be retried from the page.
STALE_AFTER = timedelta(seconds=120)
# Seconds to wait at each progress step: 0 in use. Tests set it in a worker's environment to
# make a comparison slow enough to kill the worker in the middle; demos, to watch the bar.
STEP_DELAY_ENV = "COMPARISON_STEP_DELAY_SECONDS"
ERROR_MAX = 2000


class Superseded(Exception):
    """Another attempt has claimed this comparison: stop, and write nothing."""


# --- requests ----------------------------------------------------------------------------------


def comparison_request(*, version: DesignVersion, user, params: Any) -> Comparison:
    """A queued comparison of `version`, its task enqueued once the row is committed.

    Any member of the design's team may compare (it changes nothing of the design). `params`
    is JSON-like ({"regions", "months", "traffic_multipliers"}); missing keys take defaults."""
    if membership_role(team=version.design.team, user=user) is None:
        raise NotMember(_("Not found."))
    checked = _params(version, params)
    active = Comparison.objects.filter(
        design_version=version, status__in=(Status.QUEUED, Status.RUNNING)
    ).count()
    if active >= MAX_ACTIVE_PER_VERSION:
        raise Invalid(
            _("%(n)d comparisons of this version are still being computed: wait for them.")
            % {"n": active}
        )
    with transaction.atomic():
        comparison = Comparison.objects.create(
            design_version=version,
            catalog_version_id=version.catalog_version_id,
            requested_by=user,
            regions=list(checked.regions),
            months=checked.months,
            traffic_multipliers=[str(m) for m in checked.traffic_multipliers],
        )
        transaction.on_commit(partial(comparison_enqueue, comparison_id=comparison.pk))
    comparison.refresh_from_db()
    return comparison


def _params(version: DesignVersion, params: Any) -> Params:
    book = pricebook_for_version(version.catalog_version_id)
    primary = (version.workload.get("regions") or ["us-east-1"])[0]
    try:
        return params_from_json(params, known_regions=book.regions, primary=primary)
    except ParamsInvalid as exc:
        raise Invalid(_("Fix the comparison parameters."), exc.fields) from None


def comparison_enqueue(*, comparison_id: int) -> bool:
    """Send the task. With the broker down, the comparison fails at once with "task queue
    unavailable" (and may be retried); the caller's request still succeeds."""
    from .tasks import compute_comparison

    try:
        enqueue(compute_comparison, args=[comparison_id])
    except QueueUnavailable as exc:
        logger.warning("comparison %s not queued: %s", comparison_id, exc)
        Comparison.objects.filter(pk=comparison_id, status=Status.QUEUED).update(
            status=Status.FAILED,
            error=f"{QUEUE_UNAVAILABLE}: {exc}"[:ERROR_MAX],
            finished=timezone.now(),
        )
        return False
    return True


def is_stale(comparison: Comparison, now=None) -> bool:
    """Unfinished and silent for STALE_AFTER: its worker died, or its message was lost."""
    if comparison.is_finished:
        return False
    last = comparison.heartbeat or comparison.created
    return last < (now or timezone.now()) - STALE_AFTER


def can_retry(comparison: Comparison) -> bool:
    return comparison.status == Status.FAILED or is_stale(comparison)


def comparison_retry(*, comparison: Comparison, user) -> Comparison:
    """Queue a failed (or stale) comparison again; it keeps its id and parameters."""
    if membership_role(team=comparison.design_version.design.team, user=user) is None:
        raise NotMember(_("Not found."))
    if not can_retry(comparison):
        raise Invalid(_("This comparison is not failed or stuck: there is nothing to retry."))
    with transaction.atomic():
        requeued = Comparison.objects.filter(
            pk=comparison.pk, status=comparison.status, attempt=comparison.attempt
        ).update(status=Status.QUEUED, progress=0, error="", result=None, finished=None,
                 heartbeat=timezone.now(), requested_by=user)  # fmt: skip
        if requeued:
            transaction.on_commit(partial(comparison_enqueue, comparison_id=comparison.pk))
    comparison.refresh_from_db()
    return comparison


# --- the task's body ---------------------------------------------------------------------------


def comparison_compute(*, comparison_id: int, task_id: str = "") -> bool:
    """Compute a comparison if it still needs computing; True when this call finished it.

    Idempotent: see the module docstring. Database errors propagate (the task retries);
    anything else fails the comparison with the error shown to the user."""
    claimed = _claim(comparison_id, task_id)
    if claimed is None:
        return False
    comparison, attempt = claimed
    try:
        payload = _computed(comparison, attempt)
    except Superseded:
        logger.info("comparison %s attempt %s superseded: stopped", comparison_id, attempt)
        return False
    except DatabaseError:
        raise
    except (ParamsInvalid, WorkloadInvalid, EstimateError, PriceMissing, CatalogError) as exc:
        return _fail(comparison_id, attempt, getattr(exc, "message", str(exc)))
    except SoftTimeLimitExceeded:
        return _fail(comparison_id, attempt, _("The comparison took too long and was stopped."))
    except Exception as exc:  # noqa: BLE001 - a bug shows as a failed comparison, not a hang
        logger.exception("comparison %s attempt %s failed", comparison_id, attempt)
        return _fail(comparison_id, attempt, f"{type(exc).__name__}: {exc}")
    finished = Comparison.objects.filter(
        pk=comparison_id, attempt=attempt, status=Status.RUNNING
    ).update(status=Status.DONE, progress=100, result=payload, error="",
             finished=timezone.now(), heartbeat=timezone.now(),
             completions=F("completions") + 1)  # fmt: skip
    if finished:
        logger.info("comparison %s done (attempt %s)", comparison_id, attempt)
    else:
        logger.info("comparison %s attempt %s superseded: result discarded", comparison_id, attempt)
    return bool(finished)


def _claim(comparison_id: int, task_id: str) -> tuple[Comparison, int] | None:
    """Take the next attempt of a queued or running comparison (compare-and-swap on status
    and attempt, so of two workers claiming at once exactly one wins)."""
    row = Comparison.objects.filter(pk=comparison_id).values("status", "attempt").first()
    if row is None:
        logger.info("comparison %s no longer exists: nothing to do", comparison_id)
        return None
    if row["status"] in (Status.DONE, Status.FAILED):
        logger.info("comparison %s is already %s: nothing to do", comparison_id, row["status"])
        return None
    attempt = row["attempt"] + 1
    now = timezone.now()
    claimed = Comparison.objects.filter(
        pk=comparison_id, status=row["status"], attempt=row["attempt"]
    ).update(status=Status.RUNNING, attempt=attempt, task_id=(task_id or "")[:64], progress=0,
             started=now, heartbeat=now, finished=None, error="")  # fmt: skip
    if not claimed:
        logger.info("comparison %s was claimed by another worker", comparison_id)
        return None
    if row["status"] == Status.RUNNING:
        logger.warning("comparison %s was running (its worker died?): attempt %s takes over",
                       comparison_id, attempt)  # fmt: skip
    comparison = Comparison.objects.select_related("design_version").get(pk=comparison_id)
    return comparison, attempt


def _computed(comparison: Comparison, attempt: int) -> dict:
    book = pricebook_for_version(comparison.catalog_version_id)
    workload = workload_from_json(comparison.design_version.workload, regions=book.regions.keys())
    params = params_from_json(
        {"regions": comparison.regions, "months": comparison.months,
         "traffic_multipliers": comparison.traffic_multipliers},
        known_regions=book.regions, primary=workload.primary_region,
    )  # fmt: skip
    result = compare(workload, book, params, progress=_reporter(comparison.pk, attempt))
    return comparison_to_json(result)


def _reporter(comparison_id: int, attempt: int):
    delay = float(os.environ.get(STEP_DELAY_ENV) or 0)

    def report(done: int, total: int) -> None:
        if delay:
            time.sleep(delay)
        still_mine = Comparison.objects.filter(
            pk=comparison_id, attempt=attempt, status=Status.RUNNING
        ).update(progress=min(99, done * 100 // total), heartbeat=timezone.now())
        if not still_mine:
            raise Superseded

    return report


def _fail(comparison_id: int, attempt: int, message: str) -> bool:
    Comparison.objects.filter(pk=comparison_id, attempt=attempt, status=Status.RUNNING).update(
        status=Status.FAILED, error=message[:ERROR_MAX], finished=timezone.now()
    )
    logger.info("comparison %s failed (attempt %s): %s", comparison_id, attempt, message)
    return False
