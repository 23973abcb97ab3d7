"""Teams: the list, one team's members and invitations, and joining by invitation link."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from .. import selectors, services
from ..models import Role
from .fragments import render_page

INVITE_DAY_CHOICES = [
    (1, gettext_lazy("1 day")),
    (7, gettext_lazy("7 days")),
    (30, gettext_lazy("30 days")),
]


class TeamForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Team name"), max_length=services.NAME_MAX)


class MemberForm(forms.Form):
    username = forms.CharField(label=gettext_lazy("Username"), max_length=150)
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=Role.choices, initial="editor")


class TeamDeleteForm(forms.Form):
    # Not required here: services.team_delete says what to type, also for an empty answer.
    confirm_name = forms.CharField(
        label=gettext_lazy("Type the team's name to confirm"),
        max_length=services.NAME_MAX,
        required=False,
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=Role.choices)


class InviteForm(forms.Form):
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=Role.choices, initial="editor")
    expires_in_days = forms.TypedChoiceField(
        label=gettext_lazy("Link valid for"), choices=INVITE_DAY_CHOICES, coerce=int, initial=7
    )


@login_required
@require_http_methods(["GET", "POST"])
def team_list(request):
    form = TeamForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        team = services.team_create(name=form.cleaned_data["name"], owner=request.user)
        messages.success(request, _("Team “%(name)s” created.") % {"name": team.name})
        return redirect("team-detail", team_id=team.pk)
    teams = list(selectors.team_list_for_user(user=request.user))
    for team in teams:
        team.role_label = Role(team.my_role).label
    return render(
        request,
        "advisor/teams.html",
        {"teams": teams, "form": form},
        status=400 if form.is_bound else 200,
    )


def _team_page(
    request,
    team,
    *,
    partial: str | None = None,
    member_form: MemberForm | None = None,
    invite_form: InviteForm | None = None,
    invite_link: str | None = None,
    error: str | None = None,
    status: int = 200,
):
    team.role_label = Role(team.my_role).label
    context = {
        "team": team,
        "is_owner": selectors.is_owner(team),
        "memberships": selectors.membership_list(team=team),
        "invites": selectors.invite_list_open(team=team) if selectors.is_owner(team) else [],
        "member_form": member_form or MemberForm(),
        "invite_form": invite_form or InviteForm(),
        "role_choices": Role.choices,
        "invite_link": invite_link,
        "error": error,
        "designs": selectors.design_list_for_user(user=request.user, team_id=team.pk)[:10],
    }
    return render_page(request, "advisor/team_detail.html", context, partial=partial, status=status)


@login_required
def team_detail(request, team_id: int):
    team = selectors.team_get_for_user(user=request.user, team_id=team_id)
    return _team_page(request, team)


def _after_change(request, team, *, success: str, partial: str):
    if request.htmx:
        return _team_page(request, team, partial=partial)
    messages.success(request, success)
    return redirect("team-detail", team_id=team.pk)


def _refused(request, team, exc: services.ServiceError, *, partial: str, **forms_):
    status = 403 if isinstance(exc, services.NotAllowed) else 400
    if request.htmx or forms_:
        return _team_page(
            request, team, partial=partial, error=exc.message, status=status, **forms_
        )
    messages.error(request, exc.message)
    return redirect("team-detail", team_id=team.pk)


@login_required
@require_POST
def member_add(request, team_id: int):
    team = selectors.team_get_for_user(user=request.user, team_id=team_id)
    form = MemberForm(request.POST)
    if not form.is_valid():
        return _team_page(request, team, partial="members", member_form=form, status=400)
    username = form.cleaned_data["username"].strip()
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        form.add_error("username", _("No one has the username “%(u)s”.") % {"u": username})
        return _team_page(request, team, partial="members", member_form=form, status=400)
    try:
        services.membership_add(
            team=team, user=user, role=form.cleaned_data["role"], added_by=request.user
        )
    except services.ServiceError as exc:
        return _refused(request, team, exc, partial="members", member_form=form)
    return _after_change(
        request,
        team,
        success=_("%(u)s added to the team.") % {"u": user.get_username()},
        partial="members",
    )


@login_required
@require_POST
def member_role(request, team_id: int, username: str):
    team = selectors.team_get_for_user(user=request.user, team_id=team_id)
    membership = selectors.membership_get(team=team, username=username)
    form = RoleForm(request.POST)
    if not form.is_valid():
        return _team_page(request, team, partial="members", error=_("Choose a role."), status=400)
    try:
        services.membership_set_role(
            membership=membership, role=form.cleaned_data["role"], changed_by=request.user
        )
    except services.ServiceError as exc:
        return _refused(request, team, exc, partial="members")
    return _after_change(
        request,
        team,
        success=_("%(u)s is now %(role)s.")
        % {"u": username, "role": Role(form.cleaned_data["role"]).label},
        partial="members",
    )


@login_required
@require_POST
def member_remove(request, team_id: int, username: str):
    team = selectors.team_get_for_user(user=request.user, team_id=team_id)
    membership = selectors.membership_get(team=team, username=username)
    try:
        services.membership_remove(membership=membership, removed_by=request.user)
    except services.ServiceError as exc:
        return _refused(request, team, exc, partial="members")
    if membership.user_id == request.user.pk:
        messages.success(request, _("You left %(team)s.") % {"team": team.name})
        if request.htmx:
            from django_htmx.http import HttpResponseClientRedirect

            return HttpResponseClientRedirect(reverse("team-list"))
        return redirect("team-list")
    return _after_change(
        request,
        team,
        success=_("%(u)s removed from the team.") % {"u": username},
        partial="members",
    )


@login_required
@require_POST
def invite_create(request, team_id: int):
    """Render, not redirect: the link is shown this once (only its hash is stored)."""
    team = selectors.team_get_for_user(user=request.user, team_id=team_id)
    form = InviteForm(request.POST)
    if not form.is_valid():
        return _team_page(request, team, partial="invites", invite_form=form, status=400)
    try:
        _invite, token = services.invite_create(
            team=team,
            role=form.cleaned_data["role"],
            expires_in_days=form.cleaned_data["expires_in_days"],
            created_by=request.user,
        )
    except services.ServiceError as exc:
        return _refused(request, team, exc, partial="invites", invite_form=form)
    link = request.build_absolute_uri(reverse("invite-accept", args=[token]))
    return _team_page(request, team, partial="invites", invite_link=link)


@login_required
@require_POST
def invite_revoke(request, team_id: int, invite_id: int):
    team = selectors.team_get_for_user(user=request.user, team_id=team_id)
    invite = selectors.invite_list_open(team=team).filter(pk=invite_id).first()
    if invite is None:
        raise Http404("No such invitation.")
    try:
        services.invite_revoke(invite=invite, revoked_by=request.user)
    except services.ServiceError as exc:
        return _refused(request, team, exc, partial="invites")
    return _after_change(request, team, success=_("Invitation cancelled."), partial="invites")


@login_required
@require_http_methods(["GET", "POST"])
def invite_accept(request, token: str):
    invite = selectors.invite_get_by_token(token=token)
    already = services.membership_role(team=invite.team, user=request.user) is not None
    if request.method == "POST":
        try:
            services.invite_accept(token=token, user=request.user)
        except services.NotMember:
            raise Http404("No such invitation.") from None
        except services.InviteUnusable as exc:
            messages.error(request, exc.message)
            return redirect("invite-accept", token=token)
        messages.success(request, _("Welcome to %(team)s.") % {"team": invite.team.name})
        return redirect("team-detail", team_id=invite.team_id)
    return render(
        request,
        "advisor/team_invite.html",
        {"invite": invite, "usable": invite.is_usable(), "already_member": already},
        status=200 if invite.is_usable() or already else 410,
    )


@login_required
@require_http_methods(["GET", "POST"])
def team_delete(request, team_id: int):
    """GET asks to confirm, saying what goes with the team; POST deletes (owners only)."""
    team = selectors.team_get_for_user(user=request.user, team_id=team_id)
    form = TeamDeleteForm(request.POST or None)
    status, error = 200, None
    if request.method == "POST" and form.is_valid():
        try:
            services.team_delete(
                team=team, by=request.user, confirm_name=form.cleaned_data["confirm_name"]
            )
        except services.ServiceError as exc:
            status = 403 if isinstance(exc, services.NotAllowed) else 400
            if isinstance(exc, services.Invalid):
                for field, problems in exc.fields.items():
                    for problem in problems:
                        form.add_error(field if field in form.fields else None, problem)
            else:
                error = exc.message
        else:
            messages.success(request, _("Team “%(name)s” deleted.") % {"name": team.name})
            return redirect("team-list")
    is_owner = selectors.is_owner(team)
    context = {
        "team": team,
        "is_owner": is_owner,
        "holdings": selectors.team_holdings(team=team) if is_owner else None,  # owners see it
        "form": form,
        "error": error,
    }
    return render(request, "advisor/team_delete.html", context, status=status)
