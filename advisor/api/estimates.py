"""POST /api/v1/estimates: prices a configuration the caller already chose (API.md).

Body {"region", "service", "config", "usage"}; config and usage are parsed by advisor.configs
(every bad or unknown field named), priced by advisor.estimator against the current catalog.
A configuration the catalog cannot price is a 400 naming the field; no input gives a 500.
"""

from __future__ import annotations

from dataclasses import MISSING, fields
from decimal import Decimal
from typing import Any, get_type_hints

from advisor.configs import (
    CHOICES,
    CONFIG_TYPES,
    SERVICES,
    USAGE_TYPES,
    ConfigInvalid,
    DaxConfig,
    config_from_json,
    usage_from_json,
)
from advisor.estimator import Estimate, EstimateError, estimate
from advisor.estimator.render import quantity_text
from catalog.pricebook import PriceBook
from catalog.services import CatalogError, pricebook_current

from .access import request_body
from .common import ApiError, api_view, invalid, json_body, json_response, money, unit_price

BODY_FIELDS = ("region", "service", "config", "usage")
MAX_REGION_LENGTH = 32


@api_view("POST")
def estimates(request):
    service, region, config, usage = _parse(_body(request))
    try:
        book = pricebook_current()
    except CatalogError as exc:
        raise ApiError(503, "catalog_unavailable", str(exc)) from None
    try:
        return json_response(estimate_json(estimate(service, region, config, usage, book), book))
    except EstimateError as exc:
        raise invalid(f"The catalog cannot price this configuration: {exc}", exc.fields) from None
    except ArithmeticError:  # Decimal overflow on absurd sizes: the input's fault, not ours
        raise invalid(
            "The numbers given are too large to price.",
            {"usage": ["the figures are too large to price"]},
        ) from None


def _body(request) -> Any:
    try:
        return json_body(request)
    except (ValueError, RecursionError):
        # json.loads raises plain ValueError for integers over 4,300 digits and RecursionError
        # for deeply nested arrays; json_body only maps JSONDecodeError.
        raise invalid("The body is not valid JSON.", {"body": ["is not valid JSON"]}) from None


def _parse(body: Any) -> tuple[str, str, Any, Any]:
    if not isinstance(body, dict):
        raise invalid("The body must be a JSON object.", {"body": ["must be a JSON object"]})
    errors: dict[str, list[str]] = {}
    for name in body:
        if name not in BODY_FIELDS:
            errors[name] = ["unknown field"]
    for name in ("region", "service", "config"):
        if name not in body:
            errors[name] = ["is required"]
    region = body.get("region")
    if "region" in body and (
        not isinstance(region, str) or not 0 < len(region) <= MAX_REGION_LENGTH
    ):
        errors["region"] = ["must be an AWS Region code such as us-east-1"]
    service = body.get("service")
    if "service" in body and service not in SERVICES:
        errors["service"] = [f"must be one of {', '.join(SERVICES)}"]
    config = usage = None
    if isinstance(service, str) and service in SERVICES:
        for name, parse in (("config", config_from_json), ("usage", usage_from_json)):
            if name == "config" and name not in body:
                continue
            try:
                parsed = parse(service, body.get(name))
            except ConfigInvalid as exc:
                for key, messages in exc.fields.items():
                    errors.setdefault(key, []).extend(messages)
                continue
            if name == "config":
                config = parsed
            else:
                usage = parsed
    if errors:
        raise invalid("Fix the fields named.", errors)
    return service, region, config, usage


def estimate_json(result: Estimate, book: PriceBook) -> dict:
    return {
        "catalog": {"version": book.version, "as_of": book.as_of.isoformat(), "currency": "USD"},
        "service": result.service,
        "region": result.region,
        "monthly_usd": money(result.monthly),
        "upfront_usd": money(result.upfront),
        "cost_components": [
            {
                "name": c.name,
                "unit": c.unit,
                "quantity": quantity_text(c.quantity).replace(",", ""),
                "unit_price_usd": unit_price(c.unit_price),
                "monthly_usd": money(c.monthly),
                "upfront_usd": money(c.upfront),
                "source": c.source,
                "note": c.note,
            }
            for c in result.components
        ],
    }


# ----- OpenAPI -------------------------------------------------------------------------------


def _schema_of(cls: type, choices: dict[str, tuple]) -> dict:
    """A JSON Schema generated from a config or usage dataclass, so it cannot drift."""
    hints = get_type_hints(cls)
    properties: dict[str, dict] = {}
    required = []
    for f in fields(cls):
        text = str(hints[f.name])
        if "DaxConfig" in text:
            schema: dict = {"$ref": "#/components/schemas/DaxConfig"}
        elif "tuple" in text:
            schema = {"type": "array", "items": {"type": "string"}}
        elif "bool" in text:
            schema = {"type": "boolean"}
        elif "int" in text:
            schema = {"type": "integer", "minimum": 0}
        elif "Decimal" in text:
            schema = {"type": ["number", "string"], "minimum": 0}
        else:
            schema = {"type": "string"}
        if f.name in choices:
            schema["enum"] = list(choices[f.name])
        if "None" in text and "$ref" not in schema:
            schema["type"] = [*_as_list(schema["type"]), "null"]
            if "enum" in schema:
                schema["enum"].append(None)
        elif "None" in text:
            schema = {"oneOf": [schema, {"type": "null"}]}
        default = f.default
        if default is MISSING and f.default_factory is MISSING:
            required.append(f.name)
        elif default is not None and not hasattr(default, "__dataclass_fields__"):
            schema["default"] = _json_default(default)
        properties[f.name] = schema
    out = {"type": "object", "additionalProperties": False, "properties": properties}
    if required:
        out["required"] = required
    return out


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value]


def _json_default(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, tuple):
        return list(value)
    return value


def _name(service: str, kind: str) -> str:
    return {"rds": "Rds", "aurora": "Aurora", "dynamodb": "DynamoDB", "elasticache":
            "ElastiCache", "dms": "Dms"}[service] + kind  # fmt: skip


OPENAPI_SCHEMAS = {
    **{_name(s, "Config"): _schema_of(CONFIG_TYPES[s], CHOICES[s]) for s in SERVICES},
    **{_name(s, "Usage"): _schema_of(USAGE_TYPES[s], {}) for s in SERVICES},
    "DaxConfig": _schema_of(DaxConfig, {}),
    "EstimateRequest": {
        "type": "object",
        "additionalProperties": False,
        "required": ["region", "service", "config"],
        "properties": {
            "region": {"type": "string", "examples": ["us-east-1"]},
            "service": {"type": "string", "enum": list(SERVICES)},
            "config": {
                "type": "object",
                "description": "The configuration of `service`, as API.md's `config` objects.",
            },
            "usage": {"type": "object", "description": "Usage of `service`; every key optional."},
        },
        # The service decides which config and usage are meant: an RDS config sent with
        # "service": "dynamodb" is a 400, so the document does not allow it either.
        "oneOf": [
            {
                "properties": {
                    "service": {"const": s},
                    "config": {"$ref": f"#/components/schemas/{_name(s, 'Config')}"},
                    "usage": {"$ref": f"#/components/schemas/{_name(s, 'Usage')}"},
                }
            }
            for s in SERVICES
        ],
    },
    "Estimate": {
        "type": "object",
        "required": ["catalog", "monthly_usd", "upfront_usd", "cost_components"],
        "properties": {
            "catalog": {"$ref": "#/components/schemas/CatalogRef"},
            "service": {"type": "string", "enum": list(SERVICES)},
            "region": {"type": "string"},
            "monthly_usd": {"$ref": "#/components/schemas/Money"},
            "upfront_usd": {"$ref": "#/components/schemas/Money"},
            "cost_components": {
                "type": "array",
                "items": {"$ref": "#/components/schemas/CostComponent"},
            },
        },
    },
}

_ERROR = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}

OPENAPI_PATHS = {
    "/api/v1/estimates": {
        "post": {
            "summary": "Price a configuration the caller already chose",
            "description": "As a pricing calculator does: cost components priced from the "
            "current catalog (730-hour month, no account-wide Free Tier). Upfront fees of "
            "reserved terms are reported apart, never in monthly_usd.",
            "operationId": "createEstimate",
            "security": [],
            "requestBody": request_body({"$ref": "#/components/schemas/EstimateRequest"}),
            "responses": {
                "200": {
                    "description": "The estimate, with the catalog version it was priced from.",
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Estimate"}}
                    },
                },
                "400": {
                    "description": "Invalid input, or a configuration the catalog cannot "
                    "price; `fields` names the field (e.g. `config.instance_class`).",
                    "content": _ERROR,
                },
                "503": {"description": "No catalog is loaded.", "content": _ERROR},
            },
        }
    }
}
