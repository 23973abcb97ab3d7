"""GET /api/v1/catalog: what the current catalog can price."""

from __future__ import annotations

from django.http import JsonResponse

from advisor.api.common import api_view

from .selectors import catalog_summary_for_book
from .services import CatalogError, pricebook_current


# api_view, as every other API view: other methods get the JSON 405 rather than the CSRF
# middleware's HTML 403.
@api_view("GET")
def catalog_summary(request):
    try:
        book = pricebook_current()
    except CatalogError as exc:
        return JsonResponse(
            {"error": {"code": "catalog_unavailable", "message": str(exc), "fields": {}}},
            status=503,
        )
    return JsonResponse(catalog_summary_for_book(book))


OPENAPI_PATHS = {
    "/api/v1/catalog": {
        "get": {
            "summary": "What the current price catalog can price",
            "operationId": "getCatalog",
            "responses": {
                "200": {
                    "description": "Version, date, regions and per service its engines, "
                    "classes, deployments and dimensions.",
                    "content": {"application/json": {"schema": {"type": "object"}}},
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
