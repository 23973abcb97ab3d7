"""POST /api/v1/recommendations: a Workload in, API.md's recommendation answer out.

Validation, engine and rendering are advisor.recommending's one path; this view only parses
the body, picks the current catalog and maps errors to API.md's error shape. No input may
produce a 500.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from advisor.configs import SERVICES
from advisor.estimator import EstimateError
from advisor.questionnaire import MIGRATION_QUESTIONS, QUESTIONS, Question, WorkloadInvalid
from advisor.recommending import recommendation_for_payload
from catalog.pricebook import PriceMissing
from catalog.services import CatalogError, pricebook_current

from .access import request_body
from .common import ApiError, api_view, invalid, json_body, json_response


@api_view("POST")
def recommendations(request):
    payload = _body(request)
    try:
        book = pricebook_current()
    except CatalogError as exc:
        raise ApiError(503, "catalog_unavailable", str(exc)) from None
    try:
        return json_response(recommendation_for_payload(payload, book))
    except WorkloadInvalid as exc:
        raise invalid(
            "The workload has invalid answers: fix the fields named.", exc.fields
        ) from None
    except (EstimateError, PriceMissing) as exc:
        # The engine rejects an unpriceable candidate itself; should a price still be missing,
        # the caller learns which, never a 500 and never a $0 line.
        message = getattr(exc, "message", str(exc))
        raise invalid(f"The catalog cannot price this workload: {message}",
                      {getattr(exc, "field", "") or "workload": [message]}) from None  # fmt: skip


def _body(request) -> Any:
    try:
        return json_body(request)
    except (ValueError, RecursionError):
        # json.loads raises ValueError for integers over 4,300 digits and RecursionError for
        # deeply nested arrays; json_body maps only JSONDecodeError.
        raise invalid("The body is not valid JSON.", {"body": ["is not valid JSON"]}) from None


# ----- OpenAPI: generated from the question table, so the schema cannot drift ----------------


def _json_number(value: Decimal | None) -> Any:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _property(q: Question) -> dict:
    kinds = {"string": "string", "choice": None, "multi_choice": "array", "regions": "array",
             "boolean": "boolean", "number": "number", "integer": "integer", "object": "object"}  # fmt: skip
    schema: dict[str, Any] = {"description": f"{q.label}. {q.help}"}
    if q.type == "choice":
        values = [_json_number(v) if isinstance(v, Decimal) else v for v, _ in q.choices]
        schema["enum"] = values + ([None] if q.nullable else [])
    elif q.type == "object":
        schema.update(_object_schema(MIGRATION_QUESTIONS))
    else:
        schema["type"] = kinds[q.type]
    if q.type in ("multi_choice", "regions"):
        schema["items"] = {"type": "string"}
        schema["uniqueItems"] = True
        if q.type == "multi_choice":
            schema["items"]["enum"] = [v for v, _ in q.choices]
        else:
            schema.update(minItems=1, maxItems=5)
    if q.minimum is not None:
        schema["exclusiveMinimum" if q.exclusive_minimum else "minimum"] = _json_number(q.minimum)
    if q.maximum is not None:
        schema["maximum"] = _json_number(q.maximum)
    if q.max_length is not None:
        schema["maxLength"] = q.max_length
    if q.unit:
        schema["x-unit"] = q.unit
    if q.nullable and "type" in schema and q.type != "object":
        schema["type"] = [schema["type"], "null"]
    if q.nullable and q.type == "object":
        schema = {"oneOf": [schema, {"type": "null"}], "description": schema["description"]}
    if not q.required:
        default = q.default
        schema["default"] = (list(default) if isinstance(default, tuple)
                             else _json_number(default) if isinstance(default, Decimal)
                             else default)  # fmt: skip
    return schema


def _object_schema(questions: tuple[Question, ...]) -> dict:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [q.id for q in questions if q.required],
        "properties": {q.id: _property(q) for q in questions},
    }


_FINDING = {
    "type": "object",
    "required": ["rule", "severity", "message", "source"],
    "properties": {
        "rule": {"type": "string", "examples": ["dynamodb.capacity_mode"]},
        "severity": {"type": "string", "enum": ["info", "warning", "risk"]},
        "message": {"type": "string"},
        "source": {"type": "string", "format": "uri"},
        "cites": {
            "type": "array",
            "items": {"type": "string"},
            "description": "The workload answers the rule rests on",
        },  # fmt: skip
    },
}
_OPTION = {
    "type": "object",
    "required": [
        "service",
        "label",
        "config",
        "monthly_usd",
        "upfront_usd",
        "cost_components",
        "rationale",
        "fit_score",
    ],  # fmt: skip
    "properties": {
        "service": {"type": "string", "enum": list(SERVICES)},
        "label": {"type": "string"},
        "region": {"type": "string"},
        "config": {
            "type": "object",
            "description": "The service's config, as API.md's `config` "
            "objects (see RdsConfig, AuroraConfig, ...)",
        },  # fmt: skip
        "monthly_usd": {"$ref": "#/components/schemas/Money"},
        "upfront_usd": {"$ref": "#/components/schemas/Money"},
        "cost_components": {
            "type": "array",
            "items": {"$ref": "#/components/schemas/CostComponent"},
        },
        "rationale": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}},
        "fit_score": {"type": "integer", "minimum": 0, "maximum": 100},
        "needs_cache": {
            "type": "boolean",
            "description": "Ranked with the ElastiCache layer its targets need",
        },  # fmt: skip
    },
}
_NULLABLE_OPTION = {"oneOf": [{"$ref": "#/components/schemas/Option"}, {"type": "null"}]}

OPENAPI_SCHEMAS = {
    "Workload": {**_object_schema(QUESTIONS), "description": "The questionnaire's answers"},
    "Finding": _FINDING,
    "Option": _OPTION,
    "Recommendation": {
        "type": "object",
        "required": [
            "workload",
            "catalog",
            "primary",
            "cache",
            "migration",
            "alternatives",
            "rejected",
            "findings",
            "total_monthly_usd",
        ],  # fmt: skip
        "properties": {
            "workload": {"$ref": "#/components/schemas/Workload"},
            "catalog": {"$ref": "#/components/schemas/CatalogRef"},
            "primary": {
                **_NULLABLE_OPTION,
                "description": "null only when nothing is feasible; `findings` then says why",
            },  # fmt: skip
            "cache": {
                **_NULLABLE_OPTION,
                "description": "An ElastiCache layer in front of the "
                "primary, when it earns its place",
            },  # fmt: skip
            "migration": {
                **_NULLABLE_OPTION,
                "description": "A DMS plan, when migration_source is given",
            },  # fmt: skip
            "alternatives": {"type": "array", "items": {"$ref": "#/components/schemas/Option"}},
            "rejected": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["service", "label", "reasons"],
                    "properties": {
                        "service": {"type": "string"},
                        "label": {"type": "string"},
                        "reasons": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/Finding"},
                        },
                    },
                },
            },
            "findings": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}},
            "total_monthly_usd": {"$ref": "#/components/schemas/Money"},
        },
    },
}

OPENAPI_PATHS = {
    "/api/v1/recommendations": {
        "post": {
            "summary": "Recommend, configure and price a database for a workload",
            "description": "The primary option, an optional cache layer and migration plan, "
            "ranked alternatives, rejected services with reasons, and design-wide findings. "
            "Every option is priced from the current catalog (730-hour month).",
            "operationId": "createRecommendation",
            "security": [],
            "requestBody": request_body({"$ref": "#/components/schemas/Workload"}),
            "responses": {
                "200": {
                    "description": "The recommendation.",
                    "content": {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/Recommendation"}
                        }
                    },
                },
                "400": {
                    "description": "Invalid answers; `fields` names each one and what to fix "
                    "(unknown fields are named too).",
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
                    },
                },
                "415": {
                    "description": "The body is not JSON.",
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
                    },
                },
                "503": {
                    "description": "No catalog is loaded.",
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
                    },
                },
            },
        }
    }
}
