"""Reads about teams, designs and reports, always through the caller's memberships.

Whatever a user may not see does not exist for them: the `_for_user` selectors raise
Http404 for outsiders, so pages, API and exports answer 404 and ids do not leak. Objects come
back annotated with `my_role`, the caller's role in the team.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from weakref import WeakKeyDictionary

from django.db import connections, router
from django.db.models import Count, F, Max, OuterRef, QuerySet, Subquery
from django.db.models.fields.json import KT
from django.http import Http404
from django.utils import timezone

from .auth import token_hash
from .models import (
    ApiToken,
    Comparison,
    Design,
    DesignVersion,
    Membership,
    RemovedReport,
    Role,
    SharedReport,
    Team,
    TeamInvite,
)


class ReportGone(Exception):
    """A report link that was revoked or has expired: answered 410, not 404."""

    def __init__(self, report) -> None:
        self.report = report  # anything with revoked_at and expires_at
        self.revoked = report.revoked_at is not None
        super().__init__("revoked" if self.revoked else "expired")


@dataclass(frozen=True, slots=True)
class ReportState:
    """What decides whether a report link answers, and which rendering it shows."""

    pk: int
    version_id: int
    revoked_at: datetime | None
    expires_at: datetime | None
    design_updated: datetime
    latest_comparison_id: int | None = None  # the version's latest finished comparison


def can_edit(obj) -> bool:
    return getattr(obj, "my_role", None) in (Role.OWNER, Role.EDITOR)


def is_owner(obj) -> bool:
    return getattr(obj, "my_role", None) == Role.OWNER


# The largest id a row can have (primary keys are 64-bit): the database refuses to compare a
# foreign key with a larger number rather than finding nothing.
ID_MAX = 2**63 - 1


def id_from_text(text: str) -> int | None:
    """An id given as text (a query string, a form field), or None when it cannot be one.

    isdigit() alone would pass "²" and other digits that int() refuses, and int() refuses
    more than 4,300 digits: both are checked before int() is asked."""
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(ID_MAX)):
        return None
    value = int(text)
    return value if value <= ID_MAX else None


def _user_id(user) -> int | None:
    return user.pk if getattr(user, "is_authenticated", False) else None


# --- teams ------------------------------------------------------------------------------------


def team_list_for_user(*, user) -> QuerySet[Team]:
    return (
        Team.objects.filter(memberships__user_id=_user_id(user))
        .annotate(my_role=F("memberships__role"))
        .annotate(
            member_count=Subquery(
                Membership.objects.filter(team=OuterRef("pk"))
                .values("team")
                .annotate(n=Count("pk"))
                .values("n")
            )
        )
        .order_by("name", "pk")
    )


def team_list_editable_by_user(*, user) -> QuerySet[Team]:
    """Teams the user may save designs to."""
    # my_role, not memberships__role: a second filter() on the relation would join it again
    # and match teams where anyone at all is an editor.
    return team_list_for_user(user=user).filter(my_role__in=[Role.OWNER, Role.EDITOR])


def team_get_for_user(*, user, team_id) -> Team:
    team = team_list_for_user(user=user).filter(pk=team_id).first()
    if team is None:
        raise Http404("No such team.")
    return team


@dataclass(frozen=True)
class TeamHoldings:
    """What deleting a team takes with it, to say so before it happens."""

    designs: int
    versions: int
    live_links: int
    members: int


def team_holdings(*, team: Team) -> TeamHoldings:
    now = timezone.now()
    versions = DesignVersion.objects.filter(design__team=team)
    links = SharedReport.objects.filter(version__design__team=team, revoked_at__isnull=True)
    return TeamHoldings(
        designs=Design.objects.filter(team=team).count(),
        versions=versions.count(),
        live_links=links.exclude(expires_at__lte=now).count(),
        members=Membership.objects.filter(team=team).count(),
    )


def membership_list(*, team: Team) -> QuerySet[Membership]:
    return Membership.objects.filter(team=team).select_related("user").order_by("user__username")


def membership_get(*, team: Team, username: str) -> Membership:
    if "\x00" in username:
        # No username holds NUL, and PostgreSQL refuses to compare text with one.
        raise Http404("No such member.")
    membership = (
        Membership.objects.filter(team=team, user__username=username)
        .select_related("user", "team")
        .first()
    )
    if membership is None:
        raise Http404("No such member.")
    return membership


def invite_list_open(*, team: Team) -> QuerySet[TeamInvite]:
    return TeamInvite.objects.filter(
        team=team,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).select_related("created_by")


def invite_get_by_token(*, token: str) -> TeamInvite:
    invite = TeamInvite.objects.filter(token_hash=token_hash(token)).select_related("team").first()
    if invite is None:
        raise Http404("No such invitation.")
    return invite


# --- API tokens -------------------------------------------------------------------------------


def token_list_for_user(*, user) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user_id=_user_id(user)).order_by("revoked_at", "-created")


def token_get_for_user(*, user, token_id) -> ApiToken:
    api_token = ApiToken.objects.filter(user_id=_user_id(user), pk=token_id).first()
    if api_token is None:
        raise Http404("No such token.")
    return api_token


# --- designs ----------------------------------------------------------------------------------


def _designs_for_user(user) -> QuerySet[Design]:
    return (
        Design.objects.filter(team__memberships__user_id=_user_id(user))
        .annotate(
            my_role=F("team__memberships__role"),
            latest_number=Max("versions__number"),
            latest_total=Subquery(
                DesignVersion.objects.filter(design=OuterRef("pk"))
                .order_by("-number")
                # KT: the text as stored; a JSON read would give SQLite's float.
                .values(total=KT("recommendation__total_monthly_usd"))[:1]
            ),
        )
        .select_related("team", "created_by")
    )


def design_list_for_user(
    *, user, team_id: int | None = None, archived: bool | None = False
) -> QuerySet[Design]:
    """The designs of the user's teams, newest change first; archived ones only when asked
    (archived=None: both)."""
    designs = _designs_for_user(user)
    if team_id is not None:
        designs = designs.filter(team_id=team_id)
    if archived is not None:
        designs = designs.filter(archived=archived)
    return designs.order_by("-updated", "-pk")


def design_get_for_user(*, user, design_id) -> Design:
    design = _designs_for_user(user).filter(pk=design_id).first()
    if design is None:
        raise Http404("No such design.")
    return design


def version_list(*, design: Design) -> QuerySet[DesignVersion]:
    return (
        DesignVersion.objects.filter(design=design)
        .select_related("author", "catalog_version")
        .order_by("-number")
    )


def version_latest(*, design: Design) -> DesignVersion | None:
    return version_list(design=design).first()


def version_get(*, design: Design, number) -> DesignVersion:
    version = version_list(design=design).filter(number=number).first()
    if version is None:
        raise Http404("No such version.")
    return version


# --- reports ----------------------------------------------------------------------------------


def report_list_for_design(*, design: Design) -> QuerySet[SharedReport]:
    return (
        SharedReport.objects.filter(version__design=design)
        .select_related("version", "created_by")
        .order_by("-created")
    )


def report_get_for_user(*, user, report_id) -> SharedReport:
    report = (
        SharedReport.objects.filter(
            pk=report_id, version__design__team__memberships__user_id=_user_id(user)
        )
        .select_related("version__design__team")
        .first()
    )
    if report is None:
        raise Http404("No such report.")
    return report


def report_get_for_user_by_token(*, user, token: str) -> SharedReport:
    report = (
        SharedReport.objects.filter(
            token_hash=token_hash(token),
            version__design__team__memberships__user_id=_user_id(user),
        )
        .select_related("version__design__team")
        .first()
    )
    if report is None:
        raise Http404("No such report.")
    return report


def report_removal(*, token: str) -> str | None:
    """Why a link that once worked was deleted since (a RemovedReport.Reason), or None."""
    return (
        RemovedReport.objects.filter(token_hash=token_hash(token))
        .values_list("reason", flat=True)
        .first()
    )


def report_get_live(*, token: str) -> SharedReport:
    """The report behind a public link: Http404 when the token matches nothing, ReportGone
    when it was revoked or has expired."""
    report = (
        SharedReport.objects.filter(token_hash=token_hash(token))
        .select_related("version__design__team", "version__catalog_version", "version__author")
        .first()
    )
    if report is None:
        raise Http404("No such report.")
    if not report.is_live():
        raise ReportGone(report)
    return report


# Raw SQL, not the ORM: this runs on every view of a public report (whose page itself is cached),
# and building and compiling the equivalent queryset (clone, joins, a Subquery annotation, as_sql)
# cost far more than running it. The statement is built once per connection from the
# models' _meta, so a renamed table or column cannot drift from it, and is plain SQL that SQLite
# and PostgreSQL both run; values go through Django's own converters (e.g. SQLite's naive UTC
# text to aware datetimes), so they are what the ORM would give.
_REPORT_STATE_COLUMNS = (
    (SharedReport, "pk"),
    (SharedReport, "version"),
    (SharedReport, "revoked_at"),
    (SharedReport, "expires_at"),
    (Design, "updated"),
    (Comparison, "pk"),  # the version's latest finished comparison, or NULL
)


@dataclass(frozen=True, slots=True)
class _StateQuery:
    sql: str
    converters: tuple  # per column: (column, the converters the ORM would apply to it)


# Per connection object (one per thread and alias, kept across reconnects): the converters are
# bound to its backend.
_state_queries: WeakKeyDictionary = WeakKeyDictionary()


def _state_query(db) -> _StateQuery:
    query = _state_queries.get(db)
    if query is None:
        query = _state_queries[db] = _StateQuery(
            _report_state_sql(db.ops.quote_name), _report_state_converters(db)
        )
    return query


def _field(model, name: str):
    return model._meta.pk if name == "pk" else model._meta.get_field(name)


def _report_state_sql(qn) -> str:
    def table(model) -> str:
        return qn(model._meta.db_table)

    def col(model, name: str) -> str:
        return qn(_field(model, name).column)

    report, version, design, comparison = SharedReport, DesignVersion, Design, Comparison
    # Status and token are parameters (%s): the statement never holds a value. A done comparison
    # always has `finished`, so SQLite and PostgreSQL placing NULLs differently cannot matter.
    latest_done = (
        f"SELECT c.{col(comparison, 'pk')} FROM {table(comparison)} c"
        f" WHERE c.{col(comparison, 'design_version')} = r.{col(report, 'version')}"
        f" AND c.{col(comparison, 'status')} = %s"
        f" ORDER BY c.{col(comparison, 'finished')} DESC, c.{col(comparison, 'pk')} DESC LIMIT 1"
    )
    return (
        f"SELECT r.{col(report, 'pk')}, r.{col(report, 'version')},"
        f" r.{col(report, 'revoked_at')}, r.{col(report, 'expires_at')},"
        f" d.{col(design, 'updated')}, ({latest_done})"
        f" FROM {table(report)} r"
        f" INNER JOIN {table(version)} v ON v.{col(version, 'pk')} = r.{col(report, 'version')}"
        f" INNER JOIN {table(design)} d ON d.{col(design, 'pk')} = v.{col(version, 'design')}"
        f" WHERE r.{col(report, 'token_hash')} = %s"
    )


def _report_state_converters(db) -> tuple:
    converters = []
    for model, name in _REPORT_STATE_COLUMNS:
        column = _field(model, name).get_col(model._meta.db_table)
        functions = db.ops.get_db_converters(column) + column.get_db_converters(db)
        converters.append((column, tuple(functions)))
    return tuple(converters)


def report_state(*, token: str) -> ReportState:
    """The few facts a public link needs, in one small query (no snapshot JSON): Http404 when
    the token matches nothing, ReportGone when it was revoked or has expired."""
    db = connections[router.db_for_read(SharedReport)]
    query = _state_query(db)
    with db.cursor() as cursor:
        cursor.execute(query.sql, [Comparison.Status.DONE.value, token_hash(token)])
        row = cursor.fetchone()
    if row is None:
        raise Http404("No such report.")
    values = []
    for value, (column, converters) in zip(row, query.converters, strict=True):
        for convert in converters:
            value = convert(value, column, db)
        values.append(value)
    state = ReportState(*values)
    now = timezone.now()
    if state.revoked_at is not None or (state.expires_at is not None and state.expires_at <= now):
        raise ReportGone(state)
    return state
