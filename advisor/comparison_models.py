"""A comparison of one design version's options, computed in the background by a Celery task.

The row is the job's state: a task only ever moves it forward, and only while it holds the
current `attempt` (see comparison_services), so a redelivered message or a second worker can
never finish it twice.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from catalog.models import CatalogVersion


class Comparison(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    design_version = models.ForeignKey(
        "advisor.DesignVersion", on_delete=models.CASCADE, related_name="comparisons"
    )
    # The catalog the version was priced with: the comparison's baseline matches its answer.
    catalog_version = models.ForeignKey(
        CatalogVersion, on_delete=models.PROTECT, related_name="comparisons"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # What to sweep (advisor.comparisons.Params): Region codes, months, multipliers as text.
    regions = models.JSONField(_("regions"))
    months = models.PositiveSmallIntegerField(_("months"))
    traffic_multipliers = models.JSONField(_("traffic multipliers"))

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    result = models.JSONField(_("result"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True, default="")

    task_id = models.CharField(max_length=64, blank=True, default="")
    # Each claim by a task increments it; only the holder of the latest may write progress,
    # the result or a failure.
    attempt = models.PositiveIntegerField(default=0)
    # How many times a result was written: the proof, in tests and in the admin, that a
    # comparison finished once however often its message was delivered.
    completions = models.PositiveIntegerField(default=0)

    created = models.DateTimeField(_("requested"), auto_now_add=True)
    started = models.DateTimeField(_("started"), null=True, blank=True)
    finished = models.DateTimeField(_("finished"), null=True, blank=True)
    heartbeat = models.DateTimeField(null=True, blank=True)  # the last sign of a live worker

    class Meta:
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["design_version", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="comparison_progress_at_most_100"
            ),
        ]

    def __str__(self) -> str:
        return f"comparison {self.pk} of {self.design_version_id} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def seconds(self) -> float | None:
        if self.started and self.finished:
            return (self.finished - self.started).total_seconds()
        return None
