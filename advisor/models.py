"""Teams, their saved designs with an immutable version history, and shared report links.

Secrets (API tokens, invite and report tokens) are stored only as a SHA-256 hex digest of the
random token: a leaked database does not hand out working links. The plain token is shown once.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import CatalogVersion


class Role(models.TextChoices):
    OWNER = "owner", _("owner")
    EDITOR = "editor", _("editor")
    VIEWER = "viewer", _("viewer")


class Team(models.Model):
    name = models.CharField(_("name"), max_length=120)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="teams"
    )

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.VIEWER)
    created = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        ordering = ["team", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["team", "user"], name="one_membership_per_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.team} ({self.role})"

    @property
    def can_edit(self) -> bool:
        return self.role in (Role.OWNER, Role.EDITOR)

    @property
    def is_owner(self) -> bool:
        return self.role == Role.OWNER


class TeamInvite(models.Model):
    """A link an owner hands out; whoever opens it logged in may join once, until it expires."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="invites")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.EDITOR)
    token_hash = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"invite to {self.team} as {self.role}"

    def is_usable(self, now=None) -> bool:
        now = now or timezone.now()
        return self.accepted_at is None and self.revoked_at is None and self.expires_at > now


class ApiToken(models.Model):
    """A personal token for `Authorization: Bearer`; acts as its user."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    token_hash = models.CharField(max_length=64, unique=True)
    # The first characters of the token, so its owner can tell tokens apart in the list.
    prefix = models.CharField(max_length=8)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    last_used = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None


class Design(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="designs")
    name = models.CharField(_("name"), max_length=120)
    archived = models.BooleanField(_("archived"), default=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-updated", "-pk"]
        indexes = [models.Index(fields=["team", "archived"])]

    def __str__(self) -> str:
        return self.name


class VersionImmutable(Exception):
    """A saved version is history: it is never edited, only followed by a new one."""


class DesignVersion(models.Model):
    design = models.ForeignKey(Design, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    workload = models.JSONField(_("workload"))
    # The whole recommendation answer (API.md) as it was computed at save time: reports render
    # this, never a fresh computation, so their numbers do not move with the catalog.
    recommendation = models.JSONField(_("recommendation"))
    catalog_version = models.ForeignKey(
        CatalogVersion, on_delete=models.PROTECT, related_name="design_versions"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created = models.DateTimeField(_("saved"), auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["design", "number"], name="unique_version_number"),
        ]

    def __str__(self) -> str:
        return f"{self.design} v{self.number}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise VersionImmutable(f"{self} is saved history and cannot be changed.")
        super().save(*args, **kwargs)

    @property
    def total_monthly_usd(self) -> str | None:
        return self.recommendation.get("total_monthly_usd")


class SharedReport(models.Model):
    """A read-only link to one version's frozen snapshot."""

    version = models.ForeignKey(DesignVersion, on_delete=models.CASCADE, related_name="reports")
    token_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"report of {self.version} ({self.prefix}…)"

    def is_expired(self, now=None) -> bool:
        return self.expires_at is not None and self.expires_at <= (now or timezone.now())

    def is_live(self, now=None) -> bool:
        return self.revoked_at is None and not self.is_expired(now)


class RemovedReport(models.Model):
    """What stays of a report link when its row is deleted (with its design, its team, or on
    its own): the token's hash, so the link answers 410 and says why instead of 404 "never
    existed". Deliberately nothing else: no key to the deleted rows, no design name, no person.
    advisor.tombstones writes them on every deletion path."""

    class Reason(models.TextChoices):
        DESIGN_DELETED = "design_deleted", _("design deleted")
        TEAM_DELETED = "team_deleted", _("team deleted")
        LINK_DELETED = "link_deleted", _("link deleted")

    token_hash = models.CharField(max_length=64, unique=True)
    removed_at = models.DateTimeField(_("removed"), default=timezone.now)
    reason = models.CharField(
        _("reason"), max_length=20, choices=Reason.choices, default=Reason.DESIGN_DELETED
    )

    def __str__(self) -> str:
        return f"removed report ({self.reason})"


from .comparison_models import Comparison  # noqa: E402,F401
from .email_models import PendingEmail  # noqa: E402,F401
