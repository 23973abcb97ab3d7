"""Writes about teams, tokens, designs and reports: the only place the core meets these models.

Every function is keyword-only and named `<entity>_<action>`. Role rules live here, not in the
views, so the pages and the API cannot drift apart: viewers read, editors save and share,
owners also manage members and delete designs.
"""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import CatalogVersion
from catalog.pricebook import PriceMissing
from catalog.services import pricebook_current

from .auth import token_hash, token_new
from .estimator.base import EstimateError
from .models import (
    ApiToken,
    Design,
    DesignVersion,
    Membership,
    Role,
    SharedReport,
    Team,
    TeamInvite,
)

NAME_MAX = 120
EDIT_ROLES = (Role.OWNER, Role.EDITOR)
OWNER_ROLES = (Role.OWNER,)
INVITE_DAYS_MAX = 30
REPORT_DAYS_MAX = 365


class ServiceError(Exception):
    def __init__(self, message: str, fields: dict[str, list[str]] | None = None) -> None:
        self.message = message
        self.fields = fields or {}
        super().__init__(message)


class Invalid(ServiceError):
    """Input that cannot be accepted; `fields` names what to fix."""


class NotAllowed(ServiceError):
    """A member whose role does not allow this (a viewer saving, an editor deleting)."""


class NotMember(ServiceError):
    """The user is not in the team: callers answer 404 so ids do not leak."""


class StaleVersion(ServiceError):
    """A save based on a version that is no longer the latest; nothing was written."""

    def __init__(self, *, base: int | None, latest: int) -> None:
        self.base = base
        self.latest = latest
        super().__init__(
            _(
                "This design has moved on: you edited version %(base)s but the latest is "
                "version %(latest)s. Nothing was overwritten; open the latest version and "
                "apply your change to it."
            )
            % {"base": base, "latest": latest}
        )


# --- roles ------------------------------------------------------------------------------------


def membership_role(*, team: Team, user) -> str | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Membership.objects.filter(team=team, user=user).values_list("role", flat=True).first()


def _require_role(*, team: Team, user, roles: tuple[str, ...], action: str) -> str:
    role = membership_role(team=team, user=user)
    if role is None:
        raise NotMember(_("Not found."))
    if role not in roles:
        raise NotAllowed(
            _("Your role in %(team)s (%(role)s) does not allow you to %(action)s.")
            % {"team": team.name, "role": Role(role).label, "action": action}
        )
    return role


def _clean_name(name: Any, field: str = "name") -> str:
    if not isinstance(name, str) or not name.strip():
        raise Invalid(_("Give it a name."), {field: [_("is required")]})
    name = name.strip()
    if len(name) > NAME_MAX:
        raise Invalid(_("The name is too long."), {field: [_("at most %d characters") % NAME_MAX]})
    return name


def _expiry_days(days: Any, *, field: str, maximum: int, nullable: bool) -> timedelta | None:
    if days is None and nullable:
        return None
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= maximum:
        raise Invalid(
            _("Choose an expiry between 1 and %d days.") % maximum,
            {field: [_("must be a whole number of days from 1 to %d") % maximum]},
        )
    return timedelta(days=days)


# --- teams and members ------------------------------------------------------------------------


def team_create(*, name: str, owner) -> Team:
    name = _clean_name(name)
    with transaction.atomic():
        team = Team.objects.create(name=name, created_by=owner)
        Membership.objects.create(team=team, user=owner, role=Role.OWNER)
    return team


def team_delete(*, team: Team, by, confirm_name: Any) -> None:
    """Owners only, with the team's name typed to confirm: every design, version, comparison,
    invitation and shared link of the team goes with it. Each link leaves a RemovedReport
    (advisor.tombstones), so it answers 410 "team deleted" rather than 404."""
    _require_role(team=team, user=by, roles=OWNER_ROLES, action=_("delete the team"))
    if not isinstance(confirm_name, str) or confirm_name.strip() != team.name:
        raise Invalid(
            _("Type the team's name exactly to confirm."),
            {
                "confirm_name": [
                    _("That is not the team's name: type “%(name)s” exactly.") % {"name": team.name}
                ]
            },  # fmt: skip
        )
    with transaction.atomic():
        # The team row first: a design being created waits on it (_lock_team_for_new_design),
        # then finds the team gone. Then its designs and versions, as design_delete does, so
        # no version or link lands while the cascade collects what to delete and tombstone.
        list(Team.objects.select_for_update().filter(pk=team.pk).values_list("pk"))
        list(Design.objects.select_for_update().filter(team=team).values_list("pk"))
        list(DesignVersion.objects.select_for_update().filter(design__team=team).values_list("pk"))
        team.delete()


def _lock_team_for_new_design(team: Team) -> None:
    """Inside the creating transaction: wait for a delete of the team that got there first and
    say so, rather than fail on the design's foreign key. FOR NO KEY UPDATE, so a delete
    (FOR UPDATE) waits for the creation to commit and takes the new design with it."""
    if not list(Team.objects.select_for_update(no_key=True).filter(pk=team.pk).values_list("pk")):
        raise NotMember(_("This team was deleted."))


def _check_role(role: Any) -> str:
    if role not in Role.values:
        raise Invalid(
            _("Choose a role: owner, editor or viewer."),
            {"role": [_("must be one of owner, editor, viewer")]},
        )
    return role


def membership_add(*, team: Team, user, role: str, added_by) -> Membership:
    _require_role(team=team, user=added_by, roles=OWNER_ROLES, action=_("add members"))
    role = _check_role(role)
    try:
        with transaction.atomic():
            return Membership.objects.create(team=team, user=user, role=role)
    except IntegrityError:
        raise Invalid(
            _("%(user)s is already in this team.") % {"user": user.get_username()},
            {"username": [_("already a member")]},
        ) from None


def _owners_left_after(team: Team, membership: Membership) -> int:
    return Membership.objects.filter(team=team, role=Role.OWNER).exclude(pk=membership.pk).count()


def membership_set_role(*, membership: Membership, role: str, changed_by) -> Membership:
    _require_role(team=membership.team, user=changed_by, roles=OWNER_ROLES, action=_("set roles"))
    role = _check_role(role)
    with transaction.atomic():
        Team.objects.select_for_update().get(pk=membership.team_id)
        if role != Role.OWNER and _owners_left_after(membership.team, membership) == 0:
            raise Invalid(_("A team needs at least one owner."), {"role": [_("last owner")]})
        membership.role = role
        membership.save(update_fields=["role"])
    return membership


def membership_remove(*, membership: Membership, removed_by) -> None:
    """Owners remove anyone; any member may leave. The last owner stays."""
    if removed_by.pk != membership.user_id:
        _require_role(
            team=membership.team, user=removed_by, roles=OWNER_ROLES, action=_("remove members")
        )
    with transaction.atomic():
        Team.objects.select_for_update().get(pk=membership.team_id)
        if membership.role == Role.OWNER and _owners_left_after(membership.team, membership) == 0:
            raise Invalid(
                _("A team needs at least one owner: make someone else owner first."),
                {"username": [_("last owner")]},
            )
        membership.delete()


def invite_create(
    *, team: Team, role: str, expires_in_days: int, created_by
) -> tuple[TeamInvite, str]:
    """A join link; the plain token is returned once and only its hash is kept."""
    _require_role(team=team, user=created_by, roles=OWNER_ROLES, action=_("invite members"))
    role = _check_role(role)
    lifetime = _expiry_days(
        expires_in_days, field="expires_in_days", maximum=INVITE_DAYS_MAX, nullable=False
    )
    token = token_new()
    invite = TeamInvite.objects.create(
        team=team,
        role=role,
        token_hash=token_hash(token),
        created_by=created_by,
        expires_at=timezone.now() + lifetime,
    )
    return invite, token


class InviteUnusable(ServiceError):
    pass


def invite_accept(*, token: str, user) -> Membership:
    with transaction.atomic():
        invite = (
            TeamInvite.objects.select_for_update()
            .select_related("team")
            .filter(token_hash=token_hash(token))
            .first()
        )
        if invite is None:
            raise NotMember(_("Not found."))
        if not invite.is_usable():
            raise InviteUnusable(
                _("This invitation has expired or was already used. Ask for a new link.")
            )
        membership, created = Membership.objects.get_or_create(
            team=invite.team, user=user, defaults={"role": invite.role}
        )
        if created:
            invite.accepted_at = timezone.now()
            invite.accepted_by = user
            invite.save(update_fields=["accepted_at", "accepted_by"])
    return membership


def invite_revoke(*, invite: TeamInvite, revoked_by) -> None:
    _require_role(team=invite.team, user=revoked_by, roles=OWNER_ROLES, action=_("cancel invites"))
    TeamInvite.objects.filter(pk=invite.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


# --- API tokens -------------------------------------------------------------------------------


def token_create(*, user, name: str) -> tuple[ApiToken, str]:
    name = _clean_name(name)
    token = token_new()
    api_token = ApiToken.objects.create(
        user=user, name=name[:100], token_hash=token_hash(token), prefix=token[:6]
    )
    return api_token, token


def token_revoke(*, api_token: ApiToken) -> None:
    ApiToken.objects.filter(pk=api_token.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


# --- designs and versions ---------------------------------------------------------------------


def _json_safe(value: Any) -> Any:
    """Decimals (from the API's Decimal-parsing JSON reader) as plain JSON numbers."""
    return json.loads(json.dumps(value, default=_decimal_number))


def _decimal_number(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"{type(value).__name__} is not JSON")


def recommendation_snapshot(*, workload: Any) -> tuple[dict, CatalogVersion]:
    """The answer for `workload` on the current catalog, and that catalog's version row.

    Raises questionnaire.WorkloadInvalid for bad answers, Invalid for what cannot be priced."""
    from .recommending import recommendation_for_payload

    book = pricebook_current()
    try:
        answer = _json_safe(recommendation_for_payload(workload, book))
    except EstimateError as exc:
        raise Invalid(exc.message, exc.fields) from None
    except PriceMissing as exc:
        # Never a $0 line: a price the catalog lacks stops the save and says which.
        raise Invalid(exc.message, {exc.field or "workload": [exc.message]}) from None
    catalog_version = CatalogVersion.objects.get(label=book.version)
    return answer, catalog_version


def design_create(*, team: Team, name: str, workload: Any, author) -> Design:
    """A new design with its version 1, priced on the current catalog."""
    _require_role(team=team, user=author, roles=EDIT_ROLES, action=_("save designs"))
    name = _clean_name(name)
    answer, catalog_version = recommendation_snapshot(workload=workload)
    with transaction.atomic():
        _lock_team_for_new_design(team)
        design = Design.objects.create(team=team, name=name, created_by=author)
        DesignVersion.objects.create(
            design=design,
            number=1,
            workload=answer["workload"],
            recommendation=answer,
            catalog_version=catalog_version,
            author=author,
        )
    return design


def design_version_create(
    *, design: Design, workload: Any, base_version: Any, author
) -> DesignVersion:
    """Version n+1 of a design, only if the author edited version n (the latest).

    The design row is locked (SELECT ... FOR UPDATE) while the next number is read and written,
    so two saves from the same base cannot both become n+1; the loser gets StaleVersion. The
    unique (design, number) constraint backs this up where the database has no row locks."""
    _require_role(team=design.team, user=author, roles=EDIT_ROLES, action=_("save versions"))
    if isinstance(base_version, bool) or not isinstance(base_version, int):
        raise Invalid(
            _("Say which version you edited."),
            {"base_version": [_("must be a version number")]},
        )
    # Priced before taking the lock: the engine is pure and may take a while.
    answer, catalog_version = recommendation_snapshot(workload=workload)
    try:
        with transaction.atomic():
            locked = Design.objects.select_for_update().filter(pk=design.pk).first()
            if locked is None:  # deleted (with its team, perhaps) since it was read
                raise NotMember(_("This design was deleted."))
            latest = locked.versions.aggregate(n=Max("number"))["n"] or 0
            if base_version != latest:
                raise StaleVersion(base=base_version, latest=latest)
            version = DesignVersion.objects.create(
                design=locked,
                number=latest + 1,
                workload=answer["workload"],
                recommendation=answer,
                catalog_version=catalog_version,
                author=author,
            )
            Design.objects.filter(pk=design.pk).update(updated=timezone.now())
    except IntegrityError:
        latest = design.versions.aggregate(n=Max("number"))["n"] or 0
        raise StaleVersion(base=base_version, latest=latest) from None
    return version


def design_duplicate(*, design: Design, name: str | None, author) -> Design:
    """A new design whose version 1 is the latest version of this one, snapshot and all:
    the copy shows the same numbers, priced on the same catalog version."""
    _require_role(team=design.team, user=author, roles=EDIT_ROLES, action=_("duplicate designs"))
    name = _clean_name(name or _("Copy of %(name)s") % {"name": design.name})
    latest = design.versions.order_by("-number").first()
    with transaction.atomic():
        _lock_team_for_new_design(design.team)
        copy = Design.objects.create(team=design.team, name=name, created_by=author)
        if latest is not None:
            DesignVersion.objects.create(
                design=copy,
                number=1,
                workload=latest.workload,
                recommendation=latest.recommendation,
                catalog_version=latest.catalog_version,
                author=author,
            )
    return copy


def design_rename(*, design: Design, name: str, by) -> Design:
    _require_role(team=design.team, user=by, roles=EDIT_ROLES, action=_("rename designs"))
    design.name = _clean_name(name)
    design.save(update_fields=["name", "updated"])
    return design


def design_archive(*, design: Design, archived: bool, by) -> Design:
    _require_role(team=design.team, user=by, roles=EDIT_ROLES, action=_("archive designs"))
    design.archived = archived
    design.save(update_fields=["archived", "updated"])
    return design


def design_delete(*, design: Design, by) -> None:
    """Owners only: deleting takes every version and every shared link with it. Each link's
    token hash is kept as a RemovedReport (advisor.tombstones), so whoever holds the link
    learns it was deleted (410) rather than that it never existed (404)."""
    _require_role(team=design.team, user=by, roles=OWNER_ROLES, action=_("delete designs"))
    with transaction.atomic():
        # Locked first so that every link the cascade deletes gets its tombstone: no version
        # can be added meanwhile (a save locks the design too), and a link shared on one cannot
        # commit (its deferred foreign-key check waits on the version's lock, then fails as
        # the version is gone), so the links the cascade finds are all there will be. SQLite
        # serialises writers anyway.
        list(Design.objects.select_for_update().filter(pk=design.pk).values_list("pk"))
        list(DesignVersion.objects.select_for_update().filter(design=design).values_list("pk"))
        design.delete()


# --- shared reports ---------------------------------------------------------------------------


def report_share(
    *, version: DesignVersion, expires_in_days: int | None, created_by
) -> tuple[SharedReport, str]:
    """A read-only link to this version; the plain token is returned once."""
    _require_role(
        team=version.design.team, user=created_by, roles=EDIT_ROLES, action=_("share reports")
    )
    lifetime = _expiry_days(
        expires_in_days, field="expires_in_days", maximum=REPORT_DAYS_MAX, nullable=True
    )
    token = token_new()
    with transaction.atomic():
        # The version's row locked: a delete of its design that got there first has removed it
        # (say so, rather than fail on the foreign key), and one that comes later waits until
        # this link exists, so the link gets its tombstone (design_delete).
        if not list(DesignVersion.objects.select_for_update().filter(pk=version.pk).values("pk")):
            raise NotMember(_("This design was deleted."))
        report = SharedReport.objects.create(
            version=version,
            token_hash=token_hash(token),
            prefix=token[:6],
            created_by=created_by,
            expires_at=timezone.now() + lifetime if lifetime else None,
        )
    return report, token


def report_revoke(*, report: SharedReport, by) -> None:
    _require_role(
        team=report.version.design.team, user=by, roles=EDIT_ROLES, action=_("revoke reports")
    )
    SharedReport.objects.filter(pk=report.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
