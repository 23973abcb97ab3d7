"""Every deleted report link leaves a RemovedReport, whatever deleted it: a design's deletion,
its team's, or the link's own row (the admin, a shell, a future feature). A pre_delete receiver
is the one place all of Django's deletion paths pass through, cascades included, and it runs
inside the deletion's transaction, so a delete that fails leaves no tombstone."""

from __future__ import annotations

from django.db.models import QuerySet
from django.db.models.signals import pre_delete
from django.dispatch import receiver

from .models import Design, RemovedReport, SharedReport, Team


def removal_reason(origin) -> str:
    """Why a link went, from what the deletion started at (a model instance or a queryset)."""
    model = origin.model if isinstance(origin, QuerySet) else type(origin)
    if issubclass(model, Team):
        return RemovedReport.Reason.TEAM_DELETED
    if issubclass(model, Design):
        return RemovedReport.Reason.DESIGN_DELETED
    return RemovedReport.Reason.LINK_DELETED


@receiver(pre_delete, sender=SharedReport, dispatch_uid="advisor.report_tombstone")
def leave_tombstone(sender, instance: SharedReport, origin=None, using=None, **kwargs) -> None:
    # One INSERT per link: a token hash belongs to one row, deleted once.
    RemovedReport.objects.using(using).bulk_create(
        [RemovedReport(token_hash=instance.token_hash, reason=removal_reason(origin))],
        ignore_conflicts=True,
    )
