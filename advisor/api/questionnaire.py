"""GET /api/v1/questionnaire: the questions, from the definition that validates the API.

The answer depends only on the catalog version (its region list), so it is built once per
version and kept: this endpoint is also the floor bench/http.sh measures against.
"""

from __future__ import annotations

import json
import threading

from django.http import HttpResponse

from advisor.questionnaire import QUESTIONS, SECTIONS, questions_json, sections_json
from catalog.services import CatalogError, pricebook_current

from .common import ApiError, api_view

_answers: dict[str, bytes] = {}
_lock = threading.Lock()


def questionnaire_document(book) -> dict:
    regions = {code: region.name for code, region in book.regions.items()}
    return {
        "catalog": {"version": book.version, "as_of": book.as_of.isoformat(), "currency": "USD"},
        "sections": sections_json(),
        "questions": questions_json(regions),
    }


@api_view("GET")
def questionnaire(request):
    try:
        book = pricebook_current()
    except CatalogError as exc:
        raise ApiError(503, "catalog_unavailable", str(exc)) from None
    body = _answers.get(book.version)
    if body is None:
        body = json.dumps(questionnaire_document(book)).encode()
        with _lock:
            _answers[book.version] = body
    return HttpResponse(body, content_type="application/json")


def _question_schema() -> dict:
    item = {
        "type": "object",
        "required": ["id", "label", "help", "type", "section", "required", "default", "choices"],
        "properties": {
            "id": {"type": "string"},
            "label": {"type": "string"},
            "help": {"type": "string"},
            "type": {
                "type": "string",
                "enum": sorted({q.type for q in QUESTIONS} | {"choice", "number", "integer"}),
            },
            "section": {"type": "string", "enum": [s for s, _ in SECTIONS]},
            "required": {"type": "boolean"},
            "nullable": {"type": "boolean"},
            "default": {},
            "choices": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {"value": {}, "label": {"type": "string"}},
                },
            },
            "minimum": {"type": ["number", "null"]},
            "maximum": {"type": ["number", "null"]},
            "exclusive_minimum": {"type": "boolean"},
            "max_length": {"type": "integer"},
            "min_items": {"type": "integer"},
            "max_items": {"type": "integer"},
            "unit": {"type": "string"},
            "advanced": {"type": "boolean", "description": "folded away in the form by default"},
            "null_label": {"type": "string", "description": "what leaving it empty means"},
            "fields": {"type": "array", "items": {"$ref": "#/components/schemas/Question"}},
        },
    }
    return item


OPENAPI_SCHEMAS = {
    "Question": _question_schema(),
    "Questionnaire": {
        "type": "object",
        "required": ["catalog", "sections", "questions"],
        "properties": {
            "catalog": {"$ref": "#/components/schemas/CatalogRef"},
            "sections": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {"id": {"type": "string"}, "label": {"type": "string"}},
                },
            },
            "questions": {"type": "array", "items": {"$ref": "#/components/schemas/Question"}},
        },
    },
}

OPENAPI_PATHS = {
    "/api/v1/questionnaire": {
        "get": {
            "summary": "The questionnaire: every Workload field's question",
            "description": "Generated from the definition that builds the HTML form and "
            "validates POST /api/v1/recommendations: for each field its id, label, help "
            "text, type, choices, bounds, unit and default. Labels are English.",
            "operationId": "getQuestionnaire",
            "security": [],
            "responses": {
                "200": {
                    "description": "The sections and questions, in form order.",
                    "content": {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/Questionnaire"}
                        }
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
