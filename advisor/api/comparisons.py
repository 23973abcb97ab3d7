"""Comparisons by API: start one for a design version, poll it, retry a failed one."""

from __future__ import annotations

from decimal import Decimal

from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from .. import comparison_selectors, comparison_services, selectors, services
from ..comparison_models import Comparison
from ..comparisons import params as limits
from ..comparisons.serialize import number
from .access import (
    SECURITY,
    error_responses,
    iso,
    json_content,
    member_api,
    object_body,
    request_body,
    username,
    whole_number,
)


def comparison_json(comparison: Comparison) -> dict:
    """API.md's {"status", "progress", "result", "error"}, with where it came from."""
    version = comparison.design_version
    catalog = comparison.catalog_version
    return {
        "id": comparison.pk,
        "status": comparison.status,
        "progress": comparison.progress,
        "result": comparison.result if comparison.status == Comparison.Status.DONE else None,
        "error": comparison.error or None,
        "design": version.design_id,
        "version": version.number,
        "params": {
            "regions": comparison.regions,
            "months": comparison.months,
            "traffic_multipliers": [number(Decimal(m)) for m in comparison.traffic_multipliers],
        },
        "catalog": {
            "version": catalog.label,
            "as_of": catalog.as_of.isoformat(),
            "currency": "USD",
        },  # fmt: skip
        "requested_by": username(comparison.requested_by),
        "created": iso(comparison.created),
        "started": iso(comparison.started),
        "finished": iso(comparison.finished),
        "url": reverse("api-comparison", args=[comparison.pk]),
        "page": reverse("comparison-detail", args=[comparison.pk]),
    }


def _accepted(comparison: Comparison) -> JsonResponse:
    if comparison.error.startswith(comparison_services.QUEUE_UNAVAILABLE):
        # The request is safe (the design untouched, the comparison kept as failed), but
        # nothing will compute it until the queue is back: say so, and how to retry.
        return JsonResponse(
            {
                "error": {
                    "code": "task_queue_unavailable",
                    "message": _("The task queue is unavailable: retry the comparison later."),
                    "fields": {},
                },
                "id": comparison.pk,
                "status": comparison.status,
                "retry": reverse("api-comparison-retry", args=[comparison.pk]),
            },
            status=503,
        )
    return JsonResponse(
        {
            "id": comparison.pk,
            "status": comparison.status,
            "url": reverse("api-comparison", args=[comparison.pk]),
        },
        status=202,
    )


@member_api("POST")
def comparisons(request, design_id: int):
    design = selectors.design_get_for_user(user=request.user, design_id=design_id)
    body = object_body(
        request, allowed={"version", "regions", "months", "traffic_multipliers"}, required=set()
    )
    if "version" in body:
        version = selectors.version_get(design=design, number=whole_number(body["version"],
                                                                           "version"))  # fmt: skip
    else:
        version = selectors.version_latest(design=design)
        if version is None:
            raise services.Invalid(
                _("This design has no version."), {"version": [_("is required")]}
            )
    params = {k: v for k, v in body.items() if k != "version"}
    comparison = comparison_services.comparison_request(
        version=version, user=request.user, params=params
    )
    return _accepted(comparison)


@member_api("GET")
def comparison(request, comparison_id: int):
    found = comparison_selectors.comparison_get_for_user(
        user=request.user, comparison_id=comparison_id
    )
    return JsonResponse(comparison_json(found))


@member_api("POST")
def retry(request, comparison_id: int):
    found = comparison_selectors.comparison_get_for_user(
        user=request.user, comparison_id=comparison_id
    )
    return _accepted(comparison_services.comparison_retry(comparison=found, user=request.user))


# --- OpenAPI -----------------------------------------------------------------------------------

_MONEY_OR_NULL = {"oneOf": [{"$ref": "#/components/schemas/Money"}, {"type": "null"}]}
_COSTS = {
    "type": "object",
    "description": "Option label -> monthly cost; null where the option cannot serve that point",
    "additionalProperties": _MONEY_OR_NULL,
}
_ID = [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}]

OPENAPI_SCHEMAS = {
    "ComparisonResult": {
        "type": "object",
        "required": ["options", "regions", "growth", "sensitivity", "break_even"],
        "properties": {
            "options": {
                "type": "array",
                "description": "Every feasible option, ranked by fit then cost",
                "items": {
                    "type": "object",
                    "required": ["service", "label", "config", "monthly_usd", "fit_score"],
                    "properties": {
                        "service": {"type": "string"},
                        "label": {"type": "string"},
                        "config": {"type": "object"},
                        "monthly_usd": {"$ref": "#/components/schemas/Money"},
                        "fit_score": {"type": "integer", "minimum": 0, "maximum": 100},
                        "engine_choice": {"type": "boolean"},
                        "with_cache": {"type": "boolean"},
                        "notes": {"type": "array", "items": {"type": "string"}},
                    },
                },
            },
            "regions": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["region", "label", "monthly_usd"],
                    "properties": {
                        "region": {"type": "string"},
                        "label": {"type": "string"},
                        "monthly_usd": _MONEY_OR_NULL,
                        "configured_as": {"type": ["string", "null"]},
                        "note": {"type": ["string", "null"]},
                    },
                },
            },
            "growth": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["month", "costs"],
                    "properties": {"month": {"type": "integer"}, "costs": _COSTS},
                },
            },
            "sensitivity": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["multiplier", "costs"],
                    "properties": {"multiplier": {"type": "number"}, "costs": _COSTS},
                },
            },
            "break_even": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["a", "b", "variable", "value", "message"],
                    "properties": {
                        "a": {"type": "string"},
                        "b": {"type": "string"},
                        "variable": {
                            "enum": ["traffic_multiplier", "month", "utilization", "io_share"]
                        },
                        "value": {
                            "type": "number",
                            "description": "utilization and io_share as a fraction (0.2889)",
                        },
                        "message": {"type": "string"},
                        "kind": {"type": "string"},
                        "source": {"type": "string"},
                        "avg_acu": {"type": "number"},
                    },
                },
            },
            "events": {"type": "array", "items": {"type": "object"}},
            "notes": {"type": "array", "items": {"type": "string"}},
        },
    },
    "Comparison": {
        "type": "object",
        "required": ["status", "progress", "result", "error"],
        "properties": {
            "id": {"type": "integer"},
            "status": {"enum": ["queued", "running", "done", "failed"]},
            "progress": {"type": "integer", "minimum": 0, "maximum": 100},
            "result": {
                "oneOf": [{"$ref": "#/components/schemas/ComparisonResult"}, {"type": "null"}]
            },
            "error": {"type": ["string", "null"]},
            "design": {"type": "integer"},
            "version": {"type": "integer"},
            "params": {"type": "object"},
            "catalog": {"$ref": "#/components/schemas/CatalogRef"},
        },
    },
}

_ACCEPTED = {
    "202": {
        "description": "Accepted: poll the url until the status is done or failed",
        **json_content(
            {
                "type": "object",
                "required": ["id", "status"],
                "properties": {
                    "id": {"type": "integer"},
                    "status": {"enum": ["queued", "running", "done", "failed"]},
                    "url": {"type": "string"},
                },
            }
        ),
    },
    "503": {
        "description": "The task queue is unavailable: the comparison is kept as failed; retry",
        **json_content({"$ref": "#/components/schemas/Error"}),
    },
}

OPENAPI_PATHS = {
    "/api/v1/designs/{id}/comparisons": {
        "parameters": _ID,
        "post": {
            "summary": "Compare a version's options across Regions, traffic and data growth",
            "security": SECURITY,
            "requestBody": request_body(
                {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {
                        "version": {"type": "integer", "description": "Default: the latest"},
                        "regions": {
                            "type": "array",
                            "items": {"type": "string"},
                            "minItems": 1,
                            "maxItems": limits.MAX_REGIONS,
                            "description": "The first is where growth and traffic are swept",
                        },
                        "months": {
                            "type": "integer",
                            "minimum": 1,
                            "maximum": limits.MAX_MONTHS,
                            "default": 36,
                        },  # fmt: skip
                        "traffic_multipliers": {
                            "type": "array",
                            "items": {
                                "type": "number",
                                "exclusiveMinimum": 0,
                                "maximum": float(limits.MAX_MULTIPLIER),
                            },  # fmt: skip
                            "maxItems": limits.MAX_MULTIPLIERS,
                            "default": [0.5, 1, 2, 5, 10],
                        },
                    },
                }
            ),
            "responses": {**_ACCEPTED, **error_responses(400, 401, 404)},
        },
    },
    "/api/v1/comparisons/{id}": {
        "parameters": _ID,
        "get": {
            "summary": "A comparison's status, progress and, when done, its result",
            "security": SECURITY,
            "responses": {
                "200": {
                    "description": "The comparison",
                    **json_content({"$ref": "#/components/schemas/Comparison"}),
                },
                **error_responses(401, 404),
            },
        },
    },
    "/api/v1/comparisons/{id}/retry": {
        "parameters": _ID,
        "post": {
            "summary": "Queue a failed (or stuck) comparison again",
            "security": SECURITY,
            "responses": {**_ACCEPTED, **error_responses(400, 401, 404)},
        },
    },
}
