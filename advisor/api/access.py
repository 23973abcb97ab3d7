"""What the team, design and report API views share: login, error mapping, body checks."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext as _

from catalog.services import CatalogError

from .. import services
from ..auth import api_login_required
from ..questionnaire import WorkloadInvalid
from .common import ApiError, api_view, invalid, json_body


def member_api(*methods: str) -> Callable:
    """An API view for logged-in callers (session or Bearer) whose service and selector errors
    become API.md's statuses: outsiders 404, stale writes 409, bad input 400."""

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def mapped(request: HttpRequest, *args, **kwargs):
            try:
                return view(request, *args, **kwargs)
            except Http404:
                raise ApiError(404, "not_found", _("Not found.")) from None
            except services.NotMember:
                raise ApiError(404, "not_found", _("Not found.")) from None
            except services.StaleVersion as exc:
                return stale_response(exc)
            except services.NotAllowed as exc:
                raise ApiError(403, "forbidden", exc.message) from None
            except (services.Invalid, WorkloadInvalid) as exc:
                raise invalid(exc.message, exc.fields) from None
            except CatalogError as exc:
                raise ApiError(503, "catalog_unavailable", str(exc)) from None

        return api_view(*methods)(api_login_required(mapped))

    return decorate


def stale_response(exc: services.StaleVersion) -> JsonResponse:
    return JsonResponse(
        {
            "error": {
                "code": "stale_version",
                "message": exc.message,
                "fields": {
                    "base_version": [_("version %(latest)s is the latest") % {"latest": exc.latest}]
                },
                "latest_version": exc.latest,
            }
        },
        status=409,
    )


def object_body(request: HttpRequest, *, allowed: set[str], required: set[str]) -> dict:
    """The JSON object body, unknown and missing fields named."""
    body = json_body(request)
    if not isinstance(body, dict):
        raise invalid(_("The body must be a JSON object."))
    fields: dict[str, list[str]] = {}
    for name in body:
        if name not in allowed:
            fields[name] = [_("unknown field")]
    for name in sorted(required - set(body)):
        fields[name] = [_("is required")]
    if fields:
        raise invalid(_("Fix the fields named."), fields)
    return body


def whole_number(value: Any, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise invalid(_("Fix the fields named."), {field: [_("must be a whole number")]})
    return value


def iso(value) -> str | None:
    return value.isoformat() if value else None


def username(user) -> str | None:
    return user.get_username() if user else None


def error_responses(*statuses: int) -> dict:
    """OpenAPI responses for API.md's error statuses, all with the Error body."""
    meaning = {
        400: "Invalid input; `fields` names what to fix.",
        401: "No credentials: log in or send Authorization: Bearer <token>.",
        403: "A member whose role does not allow this.",
        404: "No such object, or not one the caller may see.",
        409: "Stale write: `base_version` is not the latest (`latest_version` says which is).",
        410: "The report was revoked or has expired.",
    }
    return {
        str(code): {
            "description": meaning[code],
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        }
        for code in statuses
    }


def json_content(schema: dict) -> dict:
    return {"content": {"application/json": {"schema": schema}}}


def request_body(schema: dict) -> dict:
    """An operation's JSON body: every body the API takes is required."""
    return {"required": True, **json_content(schema)}


SECURITY = [{"bearer": []}, {"session": []}]

# A team's or design's name as services._clean_name takes it: trimmed, then 1..NAME_MAX.
NAME_INPUT = {
    "type": "string",
    "minLength": 1,
    "maxLength": services.NAME_MAX,
    "pattern": r"\S",
    "description": "Not blank; spaces around it are trimmed",
}
