"""Saved designs: the list, one design with its history, diffs and shares, and saving."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from .. import exports, selectors, services
from ..design_diff import version_diff
from ..models import Design, DesignVersion
from ..templatetags.advisor_format import config_items
from .design_save import questionnaire_url
from .fragments import render_page

REPORT_DAY_CHOICES = [
    ("7", gettext_lazy("7 days")),
    ("30", gettext_lazy("30 days")),
    ("90", gettext_lazy("90 days")),
    ("", gettext_lazy("never")),
]


class ListFilterForm(forms.Form):
    team = forms.TypedChoiceField(
        label=gettext_lazy("Team"), required=False, coerce=int, empty_value=None
    )
    archived = forms.BooleanField(label=gettext_lazy("Show archived"), required=False)

    def __init__(self, *args, teams=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [("", _("All teams"))] + [(t.pk, t.name) for t in teams]


class RenameForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=services.NAME_MAX)


class ShareForm(forms.Form):
    version = forms.IntegerField(label=gettext_lazy("Version"), min_value=1)
    expires_in_days = forms.TypedChoiceField(
        label=gettext_lazy("Link expires after"),
        choices=REPORT_DAY_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        initial="30",
    )


@login_required
@require_safe
def design_list(request):
    teams = list(selectors.team_list_for_user(user=request.user))
    form = ListFilterForm(request.GET or None, teams=teams)
    team_id, archived = None, False
    if form.is_valid():
        team_id = form.cleaned_data["team"]
        archived = form.cleaned_data["archived"]
    designs = selectors.design_list_for_user(user=request.user, team_id=team_id, archived=archived)
    return render_page(
        request,
        "advisor/designs.html",
        {"form": form, "designs": designs, "teams": teams, "showing_archived": archived},
        partial="list",
    )


def _diff_numbers(request, latest: int) -> tuple[int, int]:
    """?a=&b= from the query, defaulting to the two newest versions."""

    def number(name: str, default: int) -> int:
        try:
            return max(1, int(request.GET.get(name, default)))
        except (TypeError, ValueError):
            return default

    return number("a", max(1, latest - 1)), number("b", latest)


def _design_context(request, design: Design) -> dict:
    versions = list(selectors.version_list(design=design))
    latest = versions[0] if versions else None
    context = {
        "design": design,
        "versions": versions,
        "latest": latest,
        "can_edit": selectors.can_edit(design),
        "is_owner": selectors.is_owner(design),
        "rename_form": RenameForm(initial={"name": design.name}),
        "share_form": ShareForm(initial={"version": latest.number if latest else 1}),
        "reports": selectors.report_list_for_design(design=design),
        "edit_url": questionnaire_url(design=design, version=latest) if latest else None,
    }
    if latest is not None and len(versions) > 1:
        a, b = _diff_numbers(request, latest.number)
        by_number = {v.number: v for v in versions}
        if a in by_number and b in by_number:
            context["diff"] = version_diff(
                workload_a=by_number[a].workload,
                answer_a=by_number[a].recommendation,
                workload_b=by_number[b].workload,
                answer_b=by_number[b].recommendation,
            )
        context.update(diff_a=a, diff_b=b)
    return context


@login_required
@require_safe
def design_detail(request, design_id: int):
    """The latest answer, the history, and the diff of any two versions (?a=&b=, also the
    htmx fragment `diff`)."""
    design = selectors.design_get_for_user(user=request.user, design_id=design_id)
    partial = "diff" if "a" in request.GET or "b" in request.GET else None
    return render_page(
        request, "advisor/design_detail.html", _design_context(request, design), partial=partial
    )


@login_required
@require_safe
def version_detail(request, design_id: int, number: int):
    design = selectors.design_get_for_user(user=request.user, design_id=design_id)
    version = selectors.version_get(design=design, number=number)
    latest = selectors.version_latest(design=design)
    return render(
        request,
        "advisor/design_version.html",
        {
            "design": design,
            "version": version,
            "latest": latest,
            "can_edit": selectors.can_edit(design),
            "edit_url": questionnaire_url(design=design, version=version),
        },
    )


def snapshot_meta(version: DesignVersion) -> exports.SnapshotMeta:
    return exports.SnapshotMeta(
        design=version.design.name,
        team=version.design.team.name,
        version=version.number,
        saved_at=version.created.isoformat(),
        author=version.author.get_username() if version.author else "",
    )


def _config_text(config: dict) -> list[tuple[str, str]]:
    """An option's settings as the answer page labels them, for the Markdown export."""
    return [(str(label), str(value)) for label, value in config_items(config)]


EXPORT_TYPES = {
    "json": "application/json; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
}


def snapshot_download(version: DesignVersion, fmt: str, filename: str) -> HttpResponse:
    import json

    meta = snapshot_meta(version)
    if fmt == "json":
        body = json.dumps(exports.snapshot_document(meta, version.recommendation), indent=2)
    elif fmt == "md":
        body = exports.snapshot_markdown(meta, version.recommendation, settings=_config_text)
    elif fmt == "csv":
        body = exports.snapshot_csv(meta, version.recommendation)
    else:
        raise Http404("No such format.")
    response = HttpResponse(body, content_type=EXPORT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


@login_required
@require_safe
def version_export(request, design_id: int, number: int, fmt: str):
    design = selectors.design_get_for_user(user=request.user, design_id=design_id)
    version = selectors.version_get(design=design, number=number)
    return snapshot_download(version, fmt, f"design-{design.pk}-v{version.number}")


# --- changes to a design ------------------------------------------------------------------


def _refused(request, design: Design, exc: services.ServiceError):
    messages.error(request, exc.message)
    return redirect("design-detail", design_id=design.pk)


@login_required
@require_POST
def design_rename(request, design_id: int):
    design = selectors.design_get_for_user(user=request.user, design_id=design_id)
    form = RenameForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the design a name of at most 120 characters."))
        return redirect("design-detail", design_id=design.pk)
    try:
        services.design_rename(design=design, name=form.cleaned_data["name"], by=request.user)
    except services.ServiceError as exc:
        return _refused(request, design, exc)
    messages.success(request, _("Renamed."))
    return redirect("design-detail", design_id=design.pk)


@login_required
@require_POST
def design_duplicate(request, design_id: int):
    design = selectors.design_get_for_user(user=request.user, design_id=design_id)
    try:
        copy = services.design_duplicate(
            design=design, name=request.POST.get("name") or None, author=request.user
        )
    except services.ServiceError as exc:
        return _refused(request, design, exc)
    messages.success(request, _("Duplicated as “%(name)s”.") % {"name": copy.name})
    return redirect("design-detail", design_id=copy.pk)


@login_required
@require_POST
def design_archive(request, design_id: int):
    design = selectors.design_get_for_user(user=request.user, design_id=design_id)
    archived = request.POST.get("archived", "true") != "false"
    try:
        services.design_archive(design=design, archived=archived, by=request.user)
    except services.ServiceError as exc:
        return _refused(request, design, exc)
    messages.success(request, _("Archived.") if archived else _("Restored from the archive."))
    return redirect("design-detail", design_id=design.pk)


@login_required
def design_delete(request, design_id: int):
    """GET asks to confirm; POST deletes (owners only)."""
    design = selectors.design_get_for_user(user=request.user, design_id=design_id)
    if request.method != "POST":
        return render(
            request,
            "advisor/design_delete.html",
            {"design": design, "is_owner": selectors.is_owner(design)},
        )
    try:
        services.design_delete(design=design, by=request.user)
    except services.ServiceError as exc:
        return _refused(request, design, exc)
    messages.success(request, _("“%(name)s” deleted.") % {"name": design.name})
    return redirect(reverse("design-list") + f"?team={design.team_id}")


@login_required
@require_POST
def design_share(request, design_id: int):
    """Create a report link. Rendered, not redirected: the link is shown this once."""
    design = selectors.design_get_for_user(user=request.user, design_id=design_id)
    form = ShareForm(request.POST)
    context = _design_context(request, design)
    if not form.is_valid():
        context.update(share_form=form)
        return render_page(
            request, "advisor/design_detail.html", context, partial="reports", status=400
        )
    try:
        version = selectors.version_get(design=design, number=form.cleaned_data["version"])
        _report, token = services.report_share(
            version=version,
            expires_in_days=form.cleaned_data["expires_in_days"],
            created_by=request.user,
        )
    except services.ServiceError as exc:
        context.update(share_form=form, share_error=exc.message)
        status = 403 if isinstance(exc, services.NotAllowed) else 400
        return render_page(
            request, "advisor/design_detail.html", context, partial="reports", status=status
        )
    context.update(
        new_report_url=request.build_absolute_uri(reverse("report", args=[token])),
        new_report_version=version.number,
        reports=selectors.report_list_for_design(design=design),
    )
    return render_page(request, "advisor/design_detail.html", context, partial="reports")


@login_required
@require_POST
def report_revoke(request, design_id: int, report_id: int):
    design = selectors.design_get_for_user(user=request.user, design_id=design_id)
    report = selectors.report_list_for_design(design=design).filter(pk=report_id).first()
    if report is None:
        raise Http404("No such report.")
    try:
        services.report_revoke(report=report, by=request.user)
    except services.ServiceError as exc:
        if not request.htmx:
            return _refused(request, design, exc)
        context = _design_context(request, design) | {"share_error": exc.message}
        return render_page(
            request, "advisor/design_detail.html", context, partial="reports", status=403
        )
    if request.htmx:
        return render_page(
            request,
            "advisor/design_detail.html",
            _design_context(request, design),
            partial="reports",
        )
    messages.success(request, _("The link is revoked: it now answers “gone”."))
    return redirect("design-detail", design_id=design.pk)
