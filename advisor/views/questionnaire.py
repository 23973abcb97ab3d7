"""The questionnaire page at "/": the questions, and the answer beside them.

One view serves three paths:
- GET: the page; a workload in the query string prefills it and answers it (a pasted link).
- POST without htmx (the submit button, no JavaScript): the page again, answered.
- POST from htmx, as answers change: only the answer panel ("questionnaire.html#answer") plus
  out-of-band field errors. An invalid answer leaves the last good answer in place
  (`HX-Reswap: none`) and puts its message beside the field.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from advisor.estimator.base import EstimateError
from advisor.forms import (
    QuestionnaireForm,
    default_form_data,
    form_data_from_payload,
    link_data,
    payload_from_form_data,
    query_dict,
)
from advisor.questionnaire import QUESTIONS, WorkloadInvalid
from catalog.pricebook import PriceMissing
from catalog.services import CatalogError, pricebook_current

TEMPLATE = "advisor/questionnaire.html"
ANSWERED_FLAG = "answered"  # hidden field: "1" once the panel holds an answer
# Carried through when editing a saved design: the design and the version edited. Links from
# a design page say `version`; the save form sends it on as `base_version`.
DESIGN_KEYS = ("design", "base_version")
REQUIRED_MESSAGE = "is required"

# Starting points offered while the panel is empty: each is an ordinary prefill link.
EXAMPLES = (
    (
        gettext_lazy("Orders database of a web shop"),
        {
            "name": "orders",
            "data_model": "relational",
            "needs_joins": True,
            "needs_transactions": True,
            "engine_preference": "postgresql",
            "reads_per_sec": 1500,
            "writes_per_sec": 200,
            "storage_gb": 250,
            "storage_growth_gb_per_month": 10,
            "availability_target": "99.95",
            "rpo_seconds": 300,
            "rto_seconds": 900,
        },
    ),
    (
        gettext_lazy("Session store"),
        {
            "name": "sessions",
            "data_model": "in_memory",
            "reads_per_sec": 20000,
            "writes_per_sec": 5000,
            "item_size_kb": 2,
            "storage_gb": 20,
            "latency_p99_ms": 1,
            "consistency": "eventual",
            "rpo_seconds": None,
        },
    ),
    (
        gettext_lazy("Player profiles of a mobile game"),
        {
            "name": "players",
            "data_model": "key_value",
            "reads_per_sec": 8000,
            "writes_per_sec": 2000,
            "item_size_kb": 4,
            "storage_gb": 500,
            "traffic_pattern": "spiky",
            "consistency": "eventual",
            "regions": ["us-east-1", "eu-west-1"],
            "multi_region": "active_active",
        },
    ),
    (
        gettext_lazy("Moving an on-premises Oracle database"),
        {
            "name": "erp",
            "data_model": "relational",
            "needs_joins": True,
            "needs_transactions": True,
            "engine_preference": "oracle",
            "reads_per_sec": 800,
            "writes_per_sec": 150,
            "storage_gb": 1200,
            "migration_source": {
                "engine": "oracle",
                "location": "on_premises",
                "max_downtime_minutes": 60,
            },
        },
    ),
)


@require_http_methods(["GET", "HEAD", "POST"])
def questionnaire(request: HttpRequest) -> HttpResponse:
    try:
        book = pricebook_current()
    except CatalogError as exc:
        return render(request, TEMPLATE, {"catalog_error": str(exc)}, status=503)
    regions = {code: region.name for code, region in book.regions.items()}

    data = _submitted_data(request)
    form = QuestionnaireForm(data, regions=regions, initial=default_form_data())
    rec, errors = (None, {}) if data is None else _answer(data, book)

    fragment = bool(request.htmx) and not request.htmx.boosted and request.method == "POST"
    had_answer = data is not None and data.get(ANSWERED_FLAG) == "1"
    errors, missing = _split_missing(errors, data)
    if not (request.method == "GET" or (fragment and not had_answer)):
        # Questions not reached yet are listed in the panel; they are flagged beside the
        # field only once the reader has asked for an answer (submit) or had one.
        errors = _merge(errors, {key: [REQUIRED_MESSAGE] for key, _label in missing})
    form.set_workload_errors(errors)

    context = {
        "form": form,
        "sections": form.sections(),
        "rec": rec,
        "missing": [label for _key, label in missing],
        "has_errors": bool(errors) or bool(form.other_errors),
        "answered": rec is not None or (fragment and had_answer),
        "share_url": _share_url(rec),
        "examples": _examples(),
        "design_fields": _design_fields(data),
        "save": _save_control(request, data),
        "regions_value": form.regions_value(),
    }
    if fragment:
        response = _fragment(request, context, keep_last=rec is None and had_answer)
    else:
        status = 400 if errors or form.other_errors else 200
        response = render(request, TEMPLATE, context, status=status)
    patch_vary_headers(response, ("HX-Request",))
    return response


def _submitted_data(request: HttpRequest) -> QueryDict | None:
    """The answers to use: the POST, or a query string laid over the defaults (so a link
    need only carry what differs), or None when nothing was asked yet."""
    if request.method == "POST":
        return request.POST
    asked = {q.id for q in QUESTIONS} | set(default_form_data()) | {"migration_engine"}
    if not any(key in asked or key.startswith("migration_") for key in request.GET):
        return None
    data = query_dict(default_form_data())
    for key in request.GET:
        data.setlist(key, request.GET.getlist(key))
    return data


def _answer(data: Mapping[str, Any], book) -> tuple[dict | None, dict[str, list[str]]]:
    """The recommendation for the submitted answers, or the messages saying what to fix."""
    # Imported here: the recommendation service pulls in the whole engine, which the rest of
    # this module (and its tests of the empty page) does not need.
    from advisor.recommending import recommendation_for_payload

    payload = payload_from_form_data(data)
    try:
        return recommendation_for_payload(payload, book), {}
    except WorkloadInvalid as exc:
        return None, exc.fields
    except EstimateError as exc:
        return None, exc.fields
    except PriceMissing as exc:
        return None, {"__all__": [str(exc)]}


def _split_missing(
    errors: Mapping[str, list[str]], data: Mapping[str, Any] | None
) -> tuple[dict[str, list[str]], list[tuple[str, str]]]:
    """Errors without "is required" for questions left empty, and (id, label) of those."""
    by_id = {q.id: q for q in QUESTIONS}
    kept: dict[str, list[str]] = {}
    missing: list[tuple[str, str]] = []
    for key, messages in errors.items():
        others = [m for m in messages if m != REQUIRED_MESSAGE]
        empty = key in by_id and not str((data or {}).get(key) or "").strip()
        if len(others) < len(messages) and empty:
            missing.append((key, _(by_id[key].label)))
        elif len(others) < len(messages):
            others = messages
        if others:
            kept[key] = list(others)
    return kept, missing


def _merge(a: Mapping[str, list[str]], b: Mapping[str, list[str]]) -> dict[str, list[str]]:
    merged = {k: list(v) for k, v in a.items()}
    for key, messages in b.items():
        merged.setdefault(key, []).extend(messages)
    return merged


def _share_url(rec: dict | None) -> str:
    if not rec:
        return ""
    query = query_dict(link_data(rec["workload"])).urlencode()
    return f"{reverse('home')}?{query}" if query else reverse("home")


def _examples() -> list[dict]:
    home = reverse("home")
    return [
        {"label": label, "url": f"{home}?{query_dict(form_data_from_payload(p)).urlencode()}"}
        for label, p in EXAMPLES
    ]


def _design_fields(data: Mapping[str, Any] | None) -> dict[str, str]:
    """`design` and `base_version` when the answers are an edit of a saved design version."""
    if not data:
        return {}
    from advisor.selectors import id_from_text

    design = str(data.get("design") or "")
    base = str(data.get("base_version") or data.get("version") or "")
    if id_from_text(design) is not None and id_from_text(base) is not None:
        return {"design": design, "base_version": base}
    return {}


def _save_control(request: HttpRequest, data: Mapping[str, Any] | None) -> dict | None:
    """What the "Save to team" control needs, or None where it cannot be offered (logged
    out, or the designs part of the app is not installed)."""
    if not request.user.is_authenticated:
        return None
    try:
        url = reverse("design-save")
    except NoReverseMatch:
        return None
    from advisor.selectors import team_list_editable_by_user

    teams = list(team_list_editable_by_user(user=request.user))
    chosen = str((data or {}).get("team") or "")
    try:
        teams_url = reverse("team-list")
    except NoReverseMatch:
        teams_url = ""
    return {
        "url": url,
        "teams": teams,
        "chosen": chosen,
        "teams_url": teams_url,
        "editing": _editing(request, _design_fields(data)),
    }


def _editing(request: HttpRequest, design_fields: Mapping[str, str]) -> dict | None:
    """The design whose version these answers are an edit of, to name beside its Save (and
    link back to); None when there is none, or none this user may see."""
    if not design_fields:
        return None
    from django.http import Http404

    from advisor.selectors import design_get_for_user

    try:
        design = design_get_for_user(user=request.user, design_id=int(design_fields["design"]))
    except Http404:
        return None
    return {
        "name": design.name,
        "team": design.team.name,
        "version": design_fields["base_version"],
        "url": reverse("design-detail", args=[design.pk]),
    }


def _fragment(request: HttpRequest, context: dict, *, keep_last: bool) -> HttpResponse:
    """The htmx answer: the panel (unless the last good answer stays) and, out of band, every
    field's errors (cleared where fixed) and the status line."""
    parts = []
    if not keep_last:
        parts.append(render_to_string(f"{TEMPLATE}#answer", context, request=request))
    parts.append(render_to_string(f"{TEMPLATE}#oob", context, request=request))
    response = HttpResponse("".join(parts))
    if keep_last:
        response["HX-Reswap"] = "none"
    elif context["rec"]:
        # The address bar holds a link to this answer: reload or copy it and get it back.
        url = context["share_url"]
        design = context["design_fields"]
        if design:
            url += ("&" if "?" in url else "?") + query_dict(dict(design)).urlencode()
        response["HX-Replace-Url"] = url
    return response
