"""Sign up, log in (throttled), password change and reset, the email address reset mail goes to,
and personal API tokens."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, UserCreationForm
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST

from .. import selectors, services
from ..auth import (
    client_ip,
    login_failure_record,
    login_failures_clear,
    login_locked_seconds,
    minutes_to_wait,
)
from ..mailing import mail_later
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
            minutes = minutes_to_wait(locked)
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


# --- password reset ---------------------------------------------------------------------------
# Django's views and token generator: the link carries the user's id and an HMAC over their
# password hash, last login and email, so it dies once used, once the password changes, and
# after PASSWORD_RESET_TIMEOUT. Nothing is stored.


def reset_link_lifetime() -> str:
    """PASSWORD_RESET_TIMEOUT as the email and the pages say it: "1 hour", "90 minutes"."""
    seconds = settings.PASSWORD_RESET_TIMEOUT
    if seconds >= 3600 and seconds % 3600 == 0:
        hours = seconds // 3600
        return ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}
    minutes = max(1, seconds // 60)
    return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}


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
    """Django's form (it mails every active user with that address and a usable password, and
    nobody else), with the help a visitor needs: the address is optional, so some have none."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        """Rendered here, sent by a worker (advisor.mailing): the answer takes as long whether
        or not an account has the address. Plain text only: the view names no HTML template."""
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        body = render_to_string(email_template_name, context)
        mail_later(subject=subject, body=body, to=[to_email], from_email=from_email)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = gettext_lazy(
            "The link goes to the email address on your account, if it has one: you can give "
            "one when you sign up or set it on your account page. If your account has none, "
            "no link can reach you: ask an administrator to set a new password for you."
        )


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetRequestForm
    email_template_name = "registration/password_reset_email.txt"
    success_url = reverse_lazy("password-reset-done")

    def form_valid(self, form):
        keys = reset_throttle_keys(email=form.cleaned_data["email"], ip=client_ip(self.request))
        locked = max(login_locked_seconds(**key) for key in keys)
        if locked:
            minutes = minutes_to_wait(locked)
            form.add_error(
                None,
                ValidationError(
                    ngettext(
                        "Too many reset requests for this address or from your network. "
                        "Try again in %(minutes)d minute.",
                        "Too many reset requests for this address or from your network. "
                        "Try again in %(minutes)d minutes.",
                        minutes,
                    )
                    % {"minutes": minutes},
                    code="throttled",
                ),
            )
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        for key in keys:
            login_failure_record(**key)
        self.extra_email_context = {"link_lifetime": reset_link_lifetime()}
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


def _email_field(*, label: str, help_text: str) -> forms.EmailField:
    """An optional address, as long as User.email may be. Not unique, and never said to be in
    use: that would tell anyone which addresses have accounts. The reset mail names the
    username, so accounts sharing an address can tell their links apart."""
    return forms.EmailField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=get_user_model()._meta.get_field("email").max_length,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class SignupForm(UserCreationForm):
    """Django's sign-up form with an optional email address, the only way a forgotten password
    can be reset without an administrator."""

    # Normalized by the model's clean() (AbstractUser's), which a ModelForm runs.
    email = _email_field(
        label=gettext_lazy("Email (for password reset)"),
        help_text=gettext_lazy(
            "Optional. Used only to send you a link if you forget your password; without it, "
            "only an administrator can set a new one. You can add or change it later."
        ),
    )

    class Meta(UserCreationForm.Meta):
        fields = ("username", "email")


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
        return redirect(_safe_next(request, reverse("design-list")))
    return render(
        request, "registration/signup.html", {"form": form, "next": _safe_next(request, "")}
    )


# --- email address ----------------------------------------------------------------------------


class EmailChangeForm(forms.Form):
    """Set, change or clear the address reset mail goes to. It asks for the password: whoever
    holds only a session (a borrowed laptop, a stolen cookie) must not be able to point the
    account's reset mail at an inbox of their own and so take the account for good. Wrong
    passwords count against log-in's throttle, so this is no side door for guessing them."""

    email = _email_field(
        label=gettext_lazy("Email address"),
        help_text=gettext_lazy(
            "Where a password reset link is sent. Leave it empty to remove the address: "
            "then only an administrator can set a new password if you forget yours."
        ),
    )
    current_password = forms.CharField(
        label=gettext_lazy("Current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    throttled = False

    def __init__(self, *args, user, ip: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.ip = ip

    def clean_email(self):
        return BaseUserManager.normalize_email(self.cleaned_data["email"])

    def clean_current_password(self):
        password = self.cleaned_data["current_password"]
        username = self.user.get_username()
        locked = login_locked_seconds(username=username, ip=self.ip)
        if locked:
            self.throttled = True
            minutes = minutes_to_wait(locked)
            raise ValidationError(
                ngettext(
                    "Too many wrong passwords for this account from your address. "
                    "Try again in %(minutes)d minute.",
                    "Too many wrong passwords for this account from your address. "
                    "Try again in %(minutes)d minutes.",
                    minutes,
                )
                % {"minutes": minutes},
                code="throttled",
            )
        if not self.user.check_password(password):
            login_failure_record(username=username, ip=self.ip)
            raise ValidationError(
                _("Your password was entered incorrectly. Please enter it again."),
                code="password_incorrect",
            )
        login_failures_clear(username=username, ip=self.ip)
        return password


@login_required
@require_http_methods(["GET", "POST"])
def email_address(request):
    user = request.user
    form = EmailChangeForm(
        request.POST if request.method == "POST" else None,
        initial={"email": user.email},
        user=user,
        ip=client_ip(request),
    )
    if request.method == "POST":
        if form.is_valid():
            new_email = form.cleaned_data["email"]
            if new_email == user.email:
                messages.info(request, _("Your email address is unchanged."))
            else:
                # The reset token hashes the address too, so links mailed to the old one die.
                user.email = new_email
                user.save(update_fields=["email"])
                if new_email:
                    messages.success(
                        request,
                        _("Password reset links now go to %(email)s.") % {"email": new_email},
                    )
                else:
                    messages.success(
                        request,
                        _(
                            "Your email address is removed. If you forget your password, "
                            "an administrator has to set a new one."
                        ),
                    )
            return redirect("account-tokens")
        status = 429 if form.throttled else 400
    else:
        status = 200
    return render(request, "advisor/account_email.html", {"form": form}, status=status)


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
