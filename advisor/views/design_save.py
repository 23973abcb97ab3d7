"""`design-save`: the questionnaire's "Save" posts its answers here, as a new design or as the
next version of one. A save from a stale version is refused and nothing is overwritten.

POST: the questionnaire's form fields, plus either `team` and `name` (a new design) or
`design` and `base_version` (the version the answers were edited from).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from .. import selectors, services
from ..models import Design, DesignVersion
from ..questionnaire import WorkloadInvalid

# Fields of the save request itself, not answers of the questionnaire.
SAVE_FIELDS = ("csrfmiddlewaretoken", "team", "name", "design", "base_version", "version")


def _questionnaire_path() -> str:
    try:
        return reverse("questionnaire")
    except NoReverseMatch:
        return reverse("home")


def questionnaire_url(*, design: Design, version: DesignVersion) -> str:
    """The questionnaire prefilled with a version's answers, remembering which version they
    came from so that its Save makes the next version."""
    from ..forms import form_data_from_workload

    query = [("design", design.pk), ("version", version.number)]
    query += list(form_data_from_workload(version.workload))
    return f"{_questionnaire_path()}?{urlencode(query, doseq=True)}"


def _answers(post) -> list[tuple[str, str]]:
    return [(k, v) for k in post for v in post.getlist(k) if k not in SAVE_FIELDS]


def _go(request, url: str):
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _save_page(request, *, status: int, **context):
    teams = selectors.team_list_editable_by_user(user=request.user)
    back = f"{_questionnaire_path()}?{urlencode(_answers(request.POST))}"
    return render(
        request,
        "advisor/design_save.html",
        {
            "answers": _answers(request.POST),
            "teams": teams,
            "questionnaire_back": back,
            "name": request.POST.get("name", ""),
            "team_id": _int(request.POST.get("team")),
            **context,
        },
        status=status,
    )


@require_POST
def design_save(request):
    if not request.user.is_authenticated:
        # Log in, then land on the questionnaire with the same answers filled in.
        back = f"{_questionnaire_path()}?{urlencode(_answers(request.POST))}"
        return redirect_to_login(back)

    from ..forms import payload_from_form_data

    try:
        workload = payload_from_form_data(request.POST)
    except WorkloadInvalid as exc:
        return _save_page(request, status=400, workload_errors=exc.fields)

    if request.POST.get("design"):
        return _save_version(request, workload)
    return _save_design(request, workload)


def _save_design(request, workload):
    team_id = _int(request.POST.get("team"))
    name = (request.POST.get("name") or "").strip()
    if team_id is None or not name:
        # Nothing chosen yet is not an error: ask here. A team chosen without a name (the
        # questionnaire's "Name" left empty) is, and the page says which answer is missing.
        if not request.POST.get("team"):
            return _save_page(request, status=200)
        missing = {"name": [_("Give the design a name.")]} if not name else {}
        return _save_page(request, status=400, field_errors=missing)
    team = selectors.team_get_for_user(user=request.user, team_id=team_id)
    try:
        design = services.design_create(
            team=team, name=name, workload=workload, author=request.user
        )
    except WorkloadInvalid as exc:
        return _save_page(request, status=400, workload_errors=exc.fields)
    except services.NotAllowed as exc:
        return _save_page(request, status=403, error=exc.message)
    except services.ServiceError as exc:
        return _save_page(request, status=400, error=exc.message, field_errors=exc.fields)
    messages.success(request, _("Saved “%(name)s” as version 1.") % {"name": design.name})
    return _go(request, reverse("design-detail", args=[design.pk]))


def _save_version(request, workload):
    design = selectors.design_get_for_user(
        user=request.user, design_id=_int(request.POST["design"])
    )
    try:
        version = services.design_version_create(
            design=design,
            workload=workload,
            base_version=_int(request.POST.get("base_version") or request.POST.get("version")),
            author=request.user,
        )
    except services.StaleVersion as exc:
        return _save_page(
            request,
            status=409,
            design=design,
            stale=exc,
            latest_url=reverse("design-detail", args=[design.pk]),
        )
    except WorkloadInvalid as exc:
        return _save_page(request, status=400, design=design, workload_errors=exc.fields)
    except services.NotAllowed as exc:
        return _save_page(request, status=403, design=design, error=exc.message)
    except services.ServiceError as exc:
        return _save_page(request, status=400, design=design, error=exc.message)
    messages.success(
        request,
        _("Saved version %(n)s of “%(name)s”.") % {"n": version.number, "name": design.name},
    )
    return _go(request, reverse("design-detail", args=[design.pk]))
