"""OpenAPI schemas every API part refers to."""

from __future__ import annotations

OPENAPI_PATHS: dict = {}

OPENAPI_SCHEMAS = {
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["code", "message", "fields"],
                "properties": {
                    "code": {"type": "string", "examples": ["invalid_input"]},
                    "message": {"type": "string"},
                    "fields": {
                        "type": "object",
                        "additionalProperties": {"type": "array", "items": {"type": "string"}},
                    },
                },
            }
        },
    },
    "Money": {"type": "string", "pattern": r"^-?\d+\.\d{2}$", "examples": ["1234.56"]},
    "UnitPrice": {"type": "string", "pattern": r"^\d+(\.\d+)?$", "examples": ["0.000000125"]},
    "CatalogRef": {
        "type": "object",
        "required": ["version", "as_of", "currency"],
        "properties": {
            "version": {"type": "string"},
            "as_of": {"type": "string", "format": "date"},
            "currency": {"type": "string", "const": "USD"},
        },
    },
    "CostComponent": {
        "type": "object",
        "required": ["name", "unit", "quantity", "unit_price_usd", "monthly_usd"],
        "properties": {
            "name": {"type": "string"},
            "unit": {"type": "string"},
            "quantity": {"type": "string"},
            "unit_price_usd": {"$ref": "#/components/schemas/UnitPrice"},
            "monthly_usd": {"$ref": "#/components/schemas/Money"},
            "upfront_usd": {"$ref": "#/components/schemas/Money"},
            "source": {"type": "string"},
            "note": {"type": "string"},
        },
    },
}
