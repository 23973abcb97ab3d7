"""Sign up, log in (throttled), password change and reset, and personal API tokens. The email
address reset mail goes to has its own module, account_email."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    UserCreationForm,
)
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from .. import selectors, services
from ..account_mail import confirmation_link_lifetime, reset_link_lifetime
from ..auth import (
    client_ip,
    login_failure_record,
    login_failures_clear,
    login_locked_seconds,
    try_again_in,
)
from ..email_confirmation import (
    ConfirmationThrottled,
    confirmation_resend,
    pending_email_get,
    pending_email_store,
)
from ..forms import ThrottledPasswordCheck, email_field
from ..mailing import Site, reset_mail_later
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
            raise ValidationError(
                f"{_('Too many failed log-in attempts for this account from your address.')} "
                f"{try_again_in(locked)}",
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

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["signup_url"] = with_next(reverse("signup"), _safe_next(self.request, ""))
        return context


def with_next(path: str, next_url: str) -> str:
    """A log-in or sign-up link that keeps where the visitor was going (already checked local)."""
    return f"{path}?{urlencode({'next': next_url})}" if next_url else path


class ThrottledPasswordChangeForm(ThrottledPasswordCheck, PasswordChangeForm):
    """Django's form, its old password checked against log-in's throttle (a session alone
    must not allow guessing the password)."""

    def clean_old_password(self):
        return self.checked_password("old_password")


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = ThrottledPasswordChangeForm
    success_url = reverse_lazy("password-change-done")

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.ip = client_ip(self.request)
        return form

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.throttled:
            response.status_code = 429
        return response


# --- password reset ---------------------------------------------------------------------------
# Django's views and token generator: the link carries the user's id and an HMAC over their
# password hash, last login and email, so it dies once used, once the password changes, and
# after PASSWORD_RESET_TIMEOUT. Nothing is stored. It goes only to User.email, which holds
# confirmed addresses only (advisor.email_confirmation).


def reset_throttle_keys(*, email: str, ip: str) -> list[dict[str, str]]:
    """The counters of auth's log-in throttle a reset request is charged to, every request alike
    whether or not an account has the address, so a refusal tells nothing either.

    One per address asked for, from anywhere: it caps the mail one inbox can be sent, and the
    owner it would lock out already holds MAX_FAILURES live links. One per client address: it
    caps how many inboxes one client can have us write to. No client address is "*", so a
    log-in attempt can reach neither counter but the one of its own client."""
    return [
        {"username": f"password-reset:{email}", "ip": "*"},
        {"username": "password-reset:", "ip": ip},
    ]


class PasswordResetRequestForm(PasswordResetForm):
    """Django's form (it mails every active user with that confirmed address and a usable
    password, and nobody else), with the help a visitor needs: the address is optional, so some
    have none."""

    def save(self, *, request, **kwargs):
        """One job, the address asked for: the worker looks up its accounts, makes the tokens and
        renders the mails (advisor.account_mail), so no token sits in the broker and the answer
        does the same work whether or not an account has the address."""
        reset_mail_later(email=self.cleaned_data["email"], site=Site.of(request))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = gettext_lazy(
            "The link goes to the email address on your account, if it has one you confirmed: "
            "you can give one when you sign up or set it on your account page, then open the "
            "link we send it. If your account has none, no link can reach you: ask an "
            "administrator to set a new password for you."
        )


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetRequestForm
    success_url = reverse_lazy("password-reset-done")

    def form_valid(self, form):
        keys = reset_throttle_keys(email=form.cleaned_data["email"], ip=client_ip(self.request))
        locked = max(login_locked_seconds(**key) for key in keys)
        if locked:
            form.add_error(
                None,
                ValidationError(
                    f"{_('Too many reset requests for this address or from your network.')} "
                    f"{try_again_in(locked)}",
                    code="throttled",
                ),
            )
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        for key in keys:
            login_failure_record(**key)
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    def get_context_data(self, **kwargs):
        return super().get_context_data(link_lifetime=reset_link_lifetime(), **kwargs)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    success_url = reverse_lazy("password-reset-complete")

    def render_to_response(self, context, **response_kwargs):
        # Tampered with, used, expired or outdated by a password change: the visitor's link is
        # bad input, so a 4xx, with a page saying what to do.
        if not self.validlink:
            response_kwargs.setdefault("status", 400)
        context.setdefault("link_lifetime", reset_link_lifetime())
        return super().render_to_response(context, **response_kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        # The mailbox proved who this is: a log-in lock run into while forgetting the password
        # must not keep them out with the new one.
        login_failures_clear(username=form.user.get_username(), ip=client_ip(self.request))
        return response


# --- sign up ----------------------------------------------------------------------------------


def _safe_next(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


class SignupForm(UserCreationForm):
    """Django's sign-up form with an optional email address, the only way a forgotten password
    can be reset without an administrator. Not a field of the model form: the address is not
    User.email until the link mailed to it is opened."""

    email = email_field(
        label=gettext_lazy("Email (for password reset)"),
        help_text=gettext_lazy(
            "Optional. Used only to send you a link if you forget your password; without it, "
            "only an administrator can set a new one. We send it a link to confirm it is yours. "
            "You can add or change it later."
        ),
    )
    field_order = ("username", "email", "password1", "password2")

    class Meta(UserCreationForm.Meta):
        fields = ("username",)

    def clean_email(self):
        return BaseUserManager.normalize_email(self.cleaned_data["email"])


def _confirm_signup_email(request, *, user, email: str) -> None:
    # The account exists already: the address waits whatever happens, then its link is sent.
    pending_email_store(user=user, email=email)
    try:
        confirmation_resend(user=user, site=Site.of(request))
    except ConfirmationThrottled as exc:
        messages.warning(
            request,
            _(
                "No confirmation link was sent to %(email)s yet: %(why)s "
                "Send it from your email page."
            )
            % {"email": email, "why": exc.message},
        )
        return
    messages.info(
        request,
        _(
            "A confirmation link is on its way to %(email)s: open it within %(lifetime)s so "
            "that password reset links can reach you there."
        )
        % {"email": email, "lifetime": confirmation_link_lifetime()},
    )


@require_http_methods(["GET", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return redirect(_safe_next(request, reverse("design-list")))
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        # Everyone starts with a team of their own, so the first answer can be saved at once.
        services.team_create(
            name=_("%(username)s's team") % {"username": user.get_username()}, owner=user
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome! Your account and your own team are ready."))
        if email := form.cleaned_data["email"]:
            _confirm_signup_email(request, user=user, email=email)
        return redirect(_safe_next(request, reverse("design-list")))
    next_url = _safe_next(request, "")
    context = {"form": form, "next": next_url, "login_url": with_next(reverse("login"), next_url)}
    return render(request, "registration/signup.html", context)


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
            "pending_email": pending_email_get(user=request.user),
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
