"""Sign up, log in (throttled), password change, and personal API tokens."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from .. import selectors, services
from ..auth import client_ip, login_failure_record, login_failures_clear, login_locked_seconds
from .fragments import render_page

# --- log in, throttled ------------------------------------------------------------------------


class ThrottledAuthenticationForm(AuthenticationForm):
    """Django's login form, refusing a username+address pair after repeated failures, even
    with the right password, until the lock runs out (auth.MAX_FAILURES, LOCKOUT_SECONDS)."""

    throttled = False

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        ip = client_ip(self.request) if self.request else ""
        locked = login_locked_seconds(username=username, ip=ip)
        if locked:
            self.throttled = True
            minutes = max(1, (locked + 59) // 60)
            raise ValidationError(
                _(
                    "Too many failed log-in attempts for this account from your address. "
                    "Try again in %(minutes)d minutes."
                )
                % {"minutes": minutes},
                code="throttled",
            )
        try:
            cleaned = super().clean()
        except ValidationError:
            login_failure_record(username=username, ip=ip)
            raise
        login_failures_clear(username=username, ip=ip)
        return cleaned


class LoginView(auth_views.LoginView):
    form_class = ThrottledAuthenticationForm
    redirect_authenticated_user = True

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.throttled:
            response.status_code = 429
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    success_url = reverse_lazy("password-change-done")


# --- sign up ----------------------------------------------------------------------------------


def _safe_next(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@require_http_methods(["GET", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return redirect(_safe_next(request, reverse("design-list")))
    form = UserCreationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        # Everyone starts with a team of their own, so the first answer can be saved at once.
        services.team_create(
            name=_("%(username)s's team") % {"username": user.get_username()}, owner=user
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome! Your account and your own team are ready."))
        return redirect(_safe_next(request, reverse("design-list")))
    return render(
        request, "registration/signup.html", {"form": form, "next": _safe_next(request, "")}
    )


# --- API tokens -------------------------------------------------------------------------------


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=100,
        help_text=gettext_lazy("What the token is for, e.g. “CI pipeline” or “notebook”."),
    )


def _tokens_page(request, *, form: TokenForm, new_token: str | None = None, status: int = 200):
    return render_page(
        request,
        "advisor/account_tokens.html",
        {
            "form": form,
            "tokens": selectors.token_list_for_user(user=request.user),
            "new_token": new_token,
        },
        partial="tokens",
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request):
    """List and create tokens. A new token is shown in this response only: it is stored hashed
    and can never be shown again, so this POST renders rather than redirects."""
    if request.method == "GET":
        return _tokens_page(request, form=TokenForm())
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _tokens_page(request, form=form, status=400)
    _api_token, plain = services.token_create(user=request.user, name=form.cleaned_data["name"])
    return _tokens_page(request, form=TokenForm(), new_token=plain)


@login_required
@require_POST
def token_revoke(request, token_id: int):
    api_token = selectors.token_get_for_user(user=request.user, token_id=token_id)
    services.token_revoke(api_token=api_token)
    if request.htmx:
        return _tokens_page(request, form=TokenForm())
    messages.success(request, _("Token “%(name)s” revoked.") % {"name": api_token.name})
    return redirect("account-tokens")
