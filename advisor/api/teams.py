"""/api/v1/teams: the caller's teams, creating one, adding and removing members."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from .. import selectors, services
from ..models import Role, Team
from .access import (
    NAME_INPUT,
    SECURITY,
    error_responses,
    iso,
    json_content,
    member_api,
    object_body,
    request_body,
)
from .common import invalid


def team_json(team: Team) -> dict:
    return {
        "id": team.pk,
        "name": team.name,
        "role": getattr(team, "my_role", None),
        "created": iso(team.created),
        "members": [
            {"username": m.user.get_username(), "role": m.role}
            for m in selectors.membership_list(team=team)
        ],
    }


@member_api("GET", "POST")
def teams(request):
    if request.method == "GET":
        return JsonResponse(
            {"teams": [team_json(t) for t in selectors.team_list_for_user(user=request.user)]}
        )
    body = object_body(request, allowed={"name"}, required={"name"})
    team = services.team_create(name=body["name"], owner=request.user)
    team = selectors.team_get_for_user(user=request.user, team_id=team.pk)
    return JsonResponse(team_json(team), status=201)


@member_api("POST")
def members(request, team_id: int):
    team = selectors.team_get_for_user(user=request.user, team_id=team_id)
    body = object_body(request, allowed={"username", "role"}, required={"username", "role"})
    name = body["username"]
    user = (
        get_user_model().objects.filter(username=name, is_active=True).first()
        if isinstance(name, str)
        else None
    )
    if user is None:
        raise invalid(_("No such user."), {"username": [_("no user has this username")]})
    membership = services.membership_add(
        team=team, user=user, role=body["role"], added_by=request.user
    )
    return JsonResponse(
        {"team": team.pk, "username": user.get_username(), "role": membership.role}, status=201
    )


@member_api("DELETE")
def member(request, team_id: int, username: str):
    """Owners remove anyone; a member may remove themself (leave). The last owner stays."""
    team = selectors.team_get_for_user(user=request.user, team_id=team_id)
    membership = selectors.membership_get(team=team, username=username)
    services.membership_remove(membership=membership, removed_by=request.user)
    return HttpResponse(status=204)


_ROLE = {"type": "string", "enum": list(Role.values)}

OPENAPI_SCHEMAS = {
    "Team": {
        "type": "object",
        "required": ["id", "name", "role", "members"],
        "properties": {
            "id": {"type": "integer"},
            "name": {"type": "string", "maxLength": services.NAME_MAX},
            "role": {**_ROLE, "description": "The caller's role in the team."},
            "created": {"type": "string", "format": "date-time"},
            "members": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {"username": {"type": "string"}, "role": _ROLE},
                },
            },
        },
    },
}

OPENAPI_PATHS = {
    "/api/v1/teams": {
        "get": {
            "summary": "The caller's teams, with members and the caller's role",
            "security": SECURITY,
            "responses": {
                "200": {
                    "description": "The teams",
                    **json_content(
                        {
                            "type": "object",
                            "properties": {
                                "teams": {
                                    "type": "array",
                                    "items": {"$ref": "#/components/schemas/Team"},
                                }
                            },
                        }
                    ),
                },
                **error_responses(401),
            },
        },
        "post": {
            "summary": "Create a team; the caller is its owner",
            "security": SECURITY,
            "requestBody": request_body(
                {
                    "type": "object",
                    "required": ["name"],
                    "additionalProperties": False,
                    "properties": {"name": NAME_INPUT},
                }
            ),
            "responses": {
                "201": {
                    "description": "Created",
                    **json_content({"$ref": "#/components/schemas/Team"}),
                },
                **error_responses(400, 401),
            },
        },
    },
    "/api/v1/teams/{id}/members": {
        "post": {
            "summary": "Add a member by username (owners only)",
            "security": SECURITY,
            "parameters": [
                {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}
            ],
            "requestBody": request_body(
                {
                    "type": "object",
                    "required": ["username", "role"],
                    "additionalProperties": False,
                    "properties": {"username": {"type": "string"}, "role": _ROLE},
                }
            ),
            "responses": {
                "201": {
                    "description": "Added",
                    **json_content(
                        {
                            "type": "object",
                            "properties": {
                                "team": {"type": "integer"},
                                "username": {"type": "string"},
                                "role": _ROLE,
                            },
                        }
                    ),
                },
                **error_responses(400, 401, 403, 404),
            },
        }
    },
    "/api/v1/teams/{id}/members/{username}": {
        "delete": {
            "summary": "Remove a member (owners), or leave (yourself); a team keeps one owner",
            "security": SECURITY,
            "parameters": [
                {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}},
                {"name": "username", "in": "path", "required": True, "schema": {"type": "string"}},
            ],
            "responses": {
                "204": {"description": "Removed"},
                **error_responses(400, 401, 403, 404),
            },
        }
    },
}
