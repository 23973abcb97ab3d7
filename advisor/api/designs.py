"""/api/v1/designs: saved designs and their immutable versions."""

from __future__ import annotations

from django.http import HttpResponse, JsonResponse
from django.urls import reverse

from .. import selectors, services
from ..models import Design, DesignVersion
from .access import (
    NAME_INPUT,
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
from .common import invalid


def version_json(version: DesignVersion) -> dict:
    catalog = version.catalog_version
    return {
        "design": version.design_id,
        "number": version.number,
        "author": username(version.author),
        "created": iso(version.created),
        "catalog": {
            "version": catalog.label,
            "as_of": catalog.as_of.isoformat(),
            "currency": "USD",
        },
        "total_monthly_usd": version.total_monthly_usd,
        "workload": version.workload,
        "recommendation": version.recommendation,
    }


def design_json(design: Design) -> dict:
    return {
        "id": design.pk,
        "team": design.team_id,
        "team_name": design.team.name,
        "name": design.name,
        "archived": design.archived,
        "created": iso(design.created),
        "updated": iso(design.updated),
        "created_by": username(design.created_by),
        "latest_version": getattr(design, "latest_number", None),
        "url": reverse("design-detail", args=[design.pk]),
    }


def design_detail_json(design: Design) -> dict:
    versions = list(selectors.version_list(design=design))
    return {
        **design_json(design),
        "versions": [
            {
                "number": v.number,
                "author": username(v.author),
                "created": iso(v.created),
                "total_monthly_usd": v.total_monthly_usd,
            }
            for v in versions
        ],
        "latest": version_json(versions[0]) if versions else None,
    }


def _flag(value: str | None, field: str) -> bool | None:
    if value in (None, "", "all"):
        return None
    if value in ("true", "false"):
        return value == "true"
    raise invalid("Fix the query.", {field: ["must be true, false or all"]})


def _team_query(value: str | None) -> int | None:
    if value is None:
        return None
    team_id = selectors.id_from_text(value)
    if team_id is None:
        raise invalid("Fix the query.", {"team": ["must be a team id"]})
    return team_id


@member_api("GET", "POST")
def designs(request):
    if request.method == "GET":
        found = selectors.design_list_for_user(
            user=request.user,
            team_id=_team_query(request.GET.get("team")),
            archived=_flag(request.GET.get("archived", "all"), "archived"),
        )
        return JsonResponse({"designs": [design_json(d) for d in found]})
    body = object_body(
        request, allowed={"team", "name", "workload"}, required={"team", "name", "workload"}
    )
    team = selectors.team_get_for_user(
        user=request.user, team_id=whole_number(body["team"], "team")
    )
    design = services.design_create(
        team=team, name=body["name"], workload=body["workload"], author=request.user
    )
    design = selectors.design_get_for_user(user=request.user, design_id=design.pk)
    return JsonResponse(design_detail_json(design), status=201)


@member_api("GET", "PATCH", "DELETE")
def design(request, design_id: int):
    found = selectors.design_get_for_user(user=request.user, design_id=design_id)
    if request.method == "DELETE":
        services.design_delete(design=found, by=request.user)
        return HttpResponse(status=204)
    if request.method == "PATCH":
        body = object_body(request, allowed={"name", "archived"}, required=set())
        if "name" in body:
            services.design_rename(design=found, name=body["name"], by=request.user)
        if "archived" in body:
            if not isinstance(body["archived"], bool):
                raise invalid("Fix the fields named.", {"archived": ["must be true or false"]})
            services.design_archive(design=found, archived=body["archived"], by=request.user)
        found = selectors.design_get_for_user(user=request.user, design_id=design_id)
    return JsonResponse(design_detail_json(found))


@member_api("POST")
def versions(request, design_id: int):
    found = selectors.design_get_for_user(user=request.user, design_id=design_id)
    body = object_body(
        request, allowed={"workload", "base_version"}, required={"workload", "base_version"}
    )
    version = services.design_version_create(
        design=found,
        workload=body["workload"],
        base_version=whole_number(body["base_version"], "base_version"),
        author=request.user,
    )
    version = selectors.version_get(design=found, number=version.number)
    return JsonResponse(version_json(version), status=201)


@member_api("GET")
def version(request, design_id: int, number: int):
    found = selectors.design_get_for_user(user=request.user, design_id=design_id)
    return JsonResponse(version_json(selectors.version_get(design=found, number=number)))


def _path_params(*names: str) -> list[dict]:
    return [
        {"name": n, "in": "path", "required": True, "schema": {"type": "integer"}} for n in names
    ]


_DESIGN_PROPS = {
    "id": {"type": "integer"},
    "team": {"type": "integer"},
    "team_name": {"type": "string"},
    "name": {"type": "string"},
    "archived": {"type": "boolean"},
    "created": {"type": "string", "format": "date-time"},
    "updated": {"type": "string", "format": "date-time"},
    "created_by": {"type": ["string", "null"]},
    "latest_version": {"type": ["integer", "null"]},
    "url": {"type": "string", "description": "The design's page"},
}

OPENAPI_SCHEMAS = {
    "Design": {"type": "object", "required": ["id", "team", "name"], "properties": _DESIGN_PROPS},
    "DesignDetail": {
        "type": "object",
        "required": ["id", "team", "name", "versions", "latest"],
        "properties": {
            **_DESIGN_PROPS,
            "versions": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "number": {"type": "integer"},
                        "author": {"type": ["string", "null"]},
                        "created": {"type": "string", "format": "date-time"},
                        "total_monthly_usd": {"$ref": "#/components/schemas/Money"},
                    },
                },
            },
            "latest": {"$ref": "#/components/schemas/DesignVersion"},
        },
    },
    "DesignVersion": {
        "type": "object",
        "description": "An immutable saved version: the workload, the recommendation answer as "
        "computed at save time (the snapshot) and the catalog version it was priced with.",
        "required": ["design", "number", "workload", "recommendation", "catalog"],
        "properties": {
            "design": {"type": "integer"},
            "number": {"type": "integer", "minimum": 1},
            "author": {"type": ["string", "null"]},
            "created": {"type": "string", "format": "date-time"},
            "catalog": {"$ref": "#/components/schemas/CatalogRef"},
            "total_monthly_usd": {"$ref": "#/components/schemas/Money"},
            "workload": {"type": "object"},
            "recommendation": {
                "type": "object",
                "description": "The POST /api/v1/recommendations answer",
            },
        },
    },
}

_WORKLOAD = {
    "$ref": "#/components/schemas/Workload",
    "description": "A Workload, as for POST /api/v1/recommendations",
}

OPENAPI_PATHS = {
    "/api/v1/designs": {
        "get": {
            "summary": "Designs of the caller's teams, newest change first",
            "security": SECURITY,
            "parameters": [
                {
                    "name": "team",
                    "in": "query",
                    "schema": {"type": "integer", "minimum": 0, "maximum": selectors.ID_MAX},
                },
                {
                    "name": "archived",
                    "in": "query",
                    "schema": {"type": "string", "enum": ["true", "false", "all"]},
                    "description": "Default all",
                },
            ],
            "responses": {
                "200": {
                    "description": "The designs",
                    **json_content(
                        {
                            "type": "object",
                            "properties": {
                                "designs": {
                                    "type": "array",
                                    "items": {"$ref": "#/components/schemas/Design"},
                                }
                            },
                        }
                    ),
                },
                **error_responses(400, 401),
            },
        },
        "post": {
            "summary": "Save a workload to a team as a new design: version 1 with its snapshot",
            "security": SECURITY,
            "requestBody": request_body(
                {
                    "type": "object",
                    "required": ["team", "name", "workload"],
                    "additionalProperties": False,
                    "properties": {
                        "team": {"type": "integer"},
                        "name": NAME_INPUT,
                        "workload": _WORKLOAD,
                    },
                }
            ),
            "responses": {
                "201": {
                    "description": "Created",
                    **json_content({"$ref": "#/components/schemas/DesignDetail"}),
                },
                **error_responses(400, 401, 403, 404),
            },
        },
    },
    "/api/v1/designs/{id}": {
        "parameters": _path_params("id"),
        "get": {
            "summary": "A design with its history and latest version",
            "security": SECURITY,
            "responses": {
                "200": {
                    "description": "The design",
                    **json_content({"$ref": "#/components/schemas/DesignDetail"}),
                },
                **error_responses(401, 404),
            },
        },
        "patch": {
            "summary": "Rename or (un)archive (editors and owners)",
            "security": SECURITY,
            "requestBody": request_body(
                {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {"name": NAME_INPUT, "archived": {"type": "boolean"}},
                }
            ),
            "responses": {
                "200": {
                    "description": "The design",
                    **json_content({"$ref": "#/components/schemas/DesignDetail"}),
                },
                **error_responses(400, 401, 403, 404),
            },
        },
        "delete": {
            "summary": "Delete the design, its versions and its report links (owners)",
            "security": SECURITY,
            "responses": {"204": {"description": "Deleted"}, **error_responses(401, 403, 404)},
        },
    },
    "/api/v1/designs/{id}/versions": {
        "parameters": _path_params("id"),
        "post": {
            "summary": "Save the next version; 409 when base_version is not the latest",
            "security": SECURITY,
            "requestBody": request_body(
                {
                    "type": "object",
                    "required": ["workload", "base_version"],
                    "additionalProperties": False,
                    "properties": {
                        "workload": _WORKLOAD,
                        "base_version": {"type": "integer", "minimum": 0},
                    },
                }
            ),
            "responses": {
                "201": {
                    "description": "Created",
                    **json_content({"$ref": "#/components/schemas/DesignVersion"}),
                },
                **error_responses(400, 401, 403, 404, 409),
            },
        },
    },
    "/api/v1/designs/{id}/versions/{n}": {
        "parameters": _path_params("id", "n"),
        "get": {
            "summary": "One saved version",
            "security": SECURITY,
            "responses": {
                "200": {
                    "description": "The version",
                    **json_content({"$ref": "#/components/schemas/DesignVersion"}),
                },
                **error_responses(401, 404),
            },
        },
    },
}
