"""Reading comparisons: only members of the design's team see them (Http404 for anyone else,
so ids do not leak)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from .comparison_models import Comparison
from .models import DesignVersion
from .selectors import _user_id

RECENT = 10


def _visible(user) -> QuerySet[Comparison]:
    return Comparison.objects.filter(
        design_version__design__team__memberships__user_id=_user_id(user)
    ).select_related("design_version__design__team", "catalog_version", "requested_by")


def comparison_get_for_user(*, user, comparison_id) -> Comparison:
    comparison = _visible(user).filter(pk=comparison_id).first()
    if comparison is None:
        raise Http404("No such comparison.")
    return comparison


def comparison_list_for_version(*, version: DesignVersion) -> QuerySet[Comparison]:
    return (
        Comparison.objects.filter(design_version=version)
        .select_related("requested_by")
        .order_by("-created", "-pk")[:RECENT]
    )


def comparison_latest_done(*, version: DesignVersion) -> Comparison | None:
    """The newest finished comparison of a version: what its shared report shows."""
    return (
        Comparison.objects.filter(design_version=version, status=Comparison.Status.DONE)
        .order_by("-finished", "-pk")
        .first()
    )
