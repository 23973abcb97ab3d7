"""Property-based fuzzing of the JSON API against its own OpenAPI document (schemathesis).

For every operation that /api/v1/openapi.json declares, generated requests, valid and invalid,
go through the Django WSGI app in-process, authenticated as a team owner. Whatever is sent, the
answer is never a 5xx, its status is one the operation declares, and its body matches the
schema declared for that status. Each operation gets schemathesis' coverage cases (boundaries,
wrong types, missing fields, other methods) and EXAMPLES_PER_OPERATION generated ones; Hypothesis
is derandomized, so the same cases run every time (about half a minute for all of them).

Ids are fixed up before each call: a generated team, design or comparison id is mapped onto one
that exists (and a version number, report token or username likewise), so the cases reach the
code behind the 404 instead of stopping at it. Values that are not ids at all are sent as
generated.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from advisor import services
from advisor.comparison_services import comparison_compute, comparison_request

from .actors import WORKLOAD

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_password_hashing", "eager")]

EXAMPLES_PER_OPERATION = 25
REGIONS = ["us-east-1", "eu-west-1", "ap-northeast-2"]

# Spelt out rather than discovered from a schemathesis.toml. Values seen in responses (ids,
# tokens) and hints from 4xx answers would steer generation, so the cases would differ between
# SQLite and PostgreSQL runs: both off, and the same cases run everywhere.
_SAME_CASES_EVERYWHERE = {
    "extra-data-sources": {"responses": False},
    "error-feedback": {"enabled": False},
}
CONFIG = schemathesis.Config.from_dict(
    {
        "phases": {
            "examples": {"extra-data-sources": {"responses": False}},
            "coverage": {"extra-data-sources": {"responses": False}},
            "fuzzing": _SAME_CASES_EVERYWHERE,
        }
    }
)
schema = schemathesis.openapi.from_wsgi(
    "/api/v1/openapi.json", get_wsgi_application(), config=CONFIG
)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


class World:
    """What exists while one operation is fuzzed: an owner with a token, two teams, designs
    with two versions, a comparison and a report link of each."""

    def __init__(self, owner, mate) -> None:
        self.token = services.token_create(user=owner, name="fuzz")[1]
        self.usernames = [owner.get_username(), mate.get_username(), "nobody"]
        self.teams, self.designs, self.comparisons, self.reports = [], [], [], []
        for t in range(2):
            team = services.team_create(name=f"team {t}", owner=owner)
            services.membership_add(team=team, user=mate, role="editor", added_by=owner)
            self.teams.append(team.pk)
            for d in range(2):
                design = services.design_create(
                    team=team, name=f"design {t}.{d}", workload=WORKLOAD, author=owner
                )
                version = services.design_version_create(
                    design=design,
                    workload={**WORKLOAD, "reads_per_sec": 4000},
                    base_version=1,
                    author=owner,
                )
                self.designs.append(design.pk)
                self.reports.append(
                    services.report_share(version=version, expires_in_days=7, created_by=owner)[1]
                )
                comparison = comparison_request(
                    version=version, user=owner, params={"months": 3, "traffic_multipliers": [1]}
                )
                # Computed here (on_commit never fires inside the test's transaction), so the
                # done answer with its result is checked against the schema too.
                comparison_compute(comparison_id=comparison.pk)
                self.comparisons.append(comparison.pk)

    def ids_for(self, path: str) -> list[int]:
        if path.startswith("/api/v1/teams"):
            return self.teams
        if path.startswith("/api/v1/comparisons"):
            return self.comparisons
        return self.designs

    def fix_up(self, case) -> None:
        """Generated ids onto existing objects. Short strings stand for a report token or a
        username (longer ones are sent as generated); anything not of the declared type is
        left alone, so invalid cases stay invalid."""
        params = case.path_parameters or {}
        for name in ("id", "n"):
            # The coverage phase writes path numbers as they go on the wire: "0".
            value = params.get(name)
            if isinstance(value, str) and value.isascii() and value.isdigit():
                params[name] = int(value)
        if _whole(params.get("id")):
            params["id"] = _pick(self.ids_for(case.path), params["id"])
        if _whole(params.get("n")):
            params["n"] = 1 + params["n"] % 3  # versions 1 and 2 exist, 3 does not
        if isinstance(params.get("token"), str) and len(params["token"]) < 4:
            params["token"] = _pick(self.reports, len(params["token"]))
        if isinstance(params.get("username"), str) and len(params["username"]) < 4:
            params["username"] = _pick(self.usernames, len(params["username"]))
        body = case.body
        if not isinstance(body, dict):
            return
        if _whole(body.get("team")):
            body["team"] = _pick(self.teams, body["team"])
        for name in ("version", "base_version"):
            if _whole(body.get(name)):
                body[name] = 1 + body[name] % 3
        if isinstance(body.get("username"), str) and len(body["username"]) < 4:
            body["username"] = _pick(self.usernames, len(body["username"]))
        if isinstance(body.get("region"), str) and len(body["region"]) < 4:
            body["region"] = _pick(REGIONS, len(body["region"]))


def _whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _pick(items: list, number: int):
    return items[number % len(items)]


@pytest.fixture
def world(alice, bob) -> World:
    return World(alice, bob)


@pytest.fixture
def test_transaction_kept_open():
    """The WSGI handler closes an "unusable" connection when a request starts and ends, and
    one inside the test's transaction looks so (autocommit off): on PostgreSQL every request
    after the first failed. Django's test Client disconnects the same receivers."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_request_gets_a_5xx_or_an_answer_outside_the_schema(
    case, world, test_transaction_kept_open
):
    world.fix_up(case)
    case.call_and_validate(headers={"Authorization": f"Bearer {world.token}"}, checks=CHECKS)
