"""Report links by API: share a version (POST /designs/{id}/reports), revoke a link."""

from __future__ import annotations

from django.http import HttpResponse, JsonResponse
from django.urls import reverse

from .. import selectors, services
from .access import (
    SECURITY,
    error_responses,
    iso,
    json_content,
    member_api,
    object_body,
    request_body,
    whole_number,
)

# A link made without saying otherwise expires: a forgotten link should not live for ever.
DEFAULT_EXPIRY_DAYS = 30


@member_api("POST")
def reports(request, design_id: int):
    design = selectors.design_get_for_user(user=request.user, design_id=design_id)
    body = object_body(request, allowed={"version", "expires_in_days"}, required=set())
    if "version" in body:
        version = selectors.version_get(
            design=design, number=whole_number(body["version"], "version")
        )
    else:
        version = selectors.version_latest(design=design)
        if version is None:
            raise services.Invalid("This design has no version.", {"version": ["is required"]})
    report, token = services.report_share(
        version=version,
        expires_in_days=body.get("expires_in_days", DEFAULT_EXPIRY_DAYS),
        created_by=request.user,
    )
    return JsonResponse(
        {
            "token": token,
            "url": reverse("report", args=[token]),
            "expires_at": iso(report.expires_at),
            "version": version.number,
        },
        status=201,
    )


@member_api("DELETE")
def report(request, token: str):
    """Revoke: the link answers 410 from then on. Revoking twice is not an error."""
    shared = selectors.report_get_for_user_by_token(user=request.user, token=token)
    services.report_revoke(report=shared, by=request.user)
    return HttpResponse(status=204)


OPENAPI_SCHEMAS = {
    "SharedReport": {
        "type": "object",
        "required": ["token", "url", "expires_at"],
        "properties": {
            "token": {
                "type": "string",
                "description": "Shown this once; only its hash is stored. 256 random bits.",
            },
            "url": {"type": "string", "examples": ["/r/3q2-..."]},
            "expires_at": {"type": ["string", "null"], "format": "date-time"},
            "version": {"type": "integer"},
        },
    }
}

OPENAPI_PATHS = {
    "/api/v1/designs/{id}/reports": {
        "post": {
            "summary": "A read-only link to one version's frozen snapshot (editors and owners)",
            "security": SECURITY,
            "parameters": [
                {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}
            ],
            "requestBody": request_body(
                {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {
                        "version": {
                            "type": "integer",
                            "description": "Default: the latest version",
                        },
                        "expires_in_days": {
                            "type": ["integer", "null"],
                            "minimum": 1,
                            "maximum": services.REPORT_DAYS_MAX,
                            "description": f"null: no expiry; default {DEFAULT_EXPIRY_DAYS}",
                        },
                    },
                }
            ),
            "responses": {
                "201": {
                    "description": "Created",
                    **json_content({"$ref": "#/components/schemas/SharedReport"}),
                },
                **error_responses(400, 401, 403, 404),
            },
        }
    },
    "/api/v1/reports/{token}": {
        "delete": {
            "summary": "Revoke a report link; it answers 410 from then on",
            "security": SECURITY,
            "parameters": [
                {"name": "token", "in": "path", "required": True, "schema": {"type": "string"}}
            ],
            "responses": {"204": {"description": "Revoked"}, **error_responses(401, 403, 404)},
        }
    },
    "/r/{token}.json": {
        "get": {
            "summary": "A shared report's frozen snapshot as JSON (no login)",
            "security": [],
            "parameters": [
                {"name": "token", "in": "path", "required": True, "schema": {"type": "string"}}
            ],
            "responses": {
                "200": {"description": "The snapshot", **json_content({"type": "object"})},
                **error_responses(404, 410),
            },
        }
    },
}
