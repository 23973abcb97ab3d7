"""GET /api/v1/openapi.json: OpenAPI 3.1, assembled from the fragments each API module declares.

Each API module exposes OPENAPI_PATHS (path -> path item) and OPENAPI_SCHEMAS (name -> schema);
add the module to FRAGMENT_MODULES and its part appears here.
"""

from __future__ import annotations

from importlib import import_module

from django.http import JsonResponse
from django.views.decorators.http import require_GET

from .common import MAX_BODY_BYTES

FRAGMENT_MODULES = [
    "advisor.api.schemas_common",
    "catalog.api",
    "advisor.api.teams",
    "advisor.api.designs",
    "advisor.api.reports",
    "advisor.api.estimates",
    "advisor.api.questionnaire",
    "advisor.api.recommendations",
    "advisor.api.comparisons",
]


def openapi_document() -> dict:
    paths: dict = {}
    schemas: dict = {}
    for name in FRAGMENT_MODULES:
        module = import_module(name)
        paths.update(getattr(module, "OPENAPI_PATHS", {}))
        schemas.update(getattr(module, "OPENAPI_SCHEMAS", {}))
    paths = {path: _with_body_errors(item) for path, item in paths.items()}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "AWS database advisor API",
            "version": "1",
            "description": "Recommends, configures and prices AWS databases. Money is a decimal "
            "string in US dollars; a month is 730 hours.",
        },
        "servers": [{"url": "/"}],
        "paths": dict(sorted(paths.items())),
        "components": {
            "schemas": dict(sorted(schemas.items())),
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer"},
                "session": {"type": "apiKey", "in": "cookie", "name": "sessionid"},
            },
        },
    }


# Every body is read by common.json_body, which refuses these before the view sees the body.
_BODY_ERRORS = {
    "413": f"The body is larger than {MAX_BODY_BYTES} bytes.",
    "415": "The body is not sent as Content-Type: application/json.",
}


def _with_body_errors(item: dict) -> dict:
    """The path item with 413 and 415 declared by each operation that takes a body (a copy:
    the modules' fragments stay as they wrote them)."""
    out = dict(item)
    for method, operation in item.items():
        if isinstance(operation, dict) and "requestBody" in operation:
            errors = {
                status: {
                    "description": description,
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
                    },
                }
                for status, description in _BODY_ERRORS.items()
            }
            out[method] = {**operation, "responses": {**errors, **operation["responses"]}}
    return out


@require_GET
def openapi_json(request):
    return JsonResponse(openapi_document())
