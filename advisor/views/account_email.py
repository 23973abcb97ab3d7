"""The account's email address: set, change or remove it behind the current password, and
confirm a new one by the link mailed to it (advisor.email_confirmation)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from ..account_mail import confirmation_link_lifetime
from ..auth import (
    client_ip,
)
from ..email_confirmation import (
    ConfirmationThrottled,
    LinkUnusable,
    confirmation_pending,
    confirmation_resend,
    email_confirm,
    email_remove,
    pending_email_cancel,
    pending_email_get,
    pending_email_set,
)
from ..forms import ThrottledPasswordCheck, email_field
from ..mailing import Site


class EmailChangeForm(ThrottledPasswordCheck, forms.Form):
    """Set, change or clear the address reset mail goes to. It asks for the password: whoever
    holds only a session (a borrowed laptop, a stolen cookie) must not be able to point the
    account's reset mail at an inbox of their own and so take the account for good. Wrong
    passwords count against log-in's throttle, so this is no side door for guessing them."""

    email = email_field(
        label=gettext_lazy("Email address"),
        help_text=gettext_lazy(
            "Where a password reset link is sent. A new address is used once you open the link "
            "we send it. Leave it empty to remove the address: then only an administrator can "
            "set a new password if you forget yours."
        ),
    )
    current_password = forms.CharField(
        label=gettext_lazy("Current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, ip: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.ip = ip

    def clean_email(self):
        return BaseUserManager.normalize_email(self.cleaned_data["email"])

    def clean_current_password(self):
        return self.checked_password("current_password")


def _email_form(request, data=None) -> EmailChangeForm:
    return EmailChangeForm(
        data, initial={"email": request.user.email}, user=request.user, ip=client_ip(request)
    )


def _email_page(request, *, form: EmailChangeForm, status: int = 200, resend_error: str = ""):
    context = {
        "form": form,
        "pending": pending_email_get(user=request.user),
        "link_lifetime": confirmation_link_lifetime(),
        "resend_error": resend_error,
    }
    return render(request, "advisor/account_email.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def email_address(request):
    if request.method == "GET":
        return _email_page(request, form=_email_form(request))
    form = _email_form(request, request.POST)
    if not form.is_valid():
        return _email_page(request, form=form, status=429 if form.throttled else 400)
    user = request.user
    new_email = form.cleaned_data["email"]
    if not new_email:
        if email_remove(user=user, site=Site.of(request)):
            messages.success(
                request,
                _(
                    "Your email address is removed. If you forget your password, "
                    "an administrator has to set a new one."
                ),
            )
        else:
            messages.info(request, _("Your email address is unchanged."))
    elif new_email == user.email:
        cancelled = pending_email_cancel(user=user)
        if cancelled is None:
            messages.info(request, _("Your email address is unchanged."))
        else:
            messages.info(
                request,
                _("Your email address stays %(email)s; the change to %(pending)s is cancelled.")
                % {"email": user.email, "pending": cancelled.email},
            )
    else:
        try:
            pending_email_set(user=user, email=new_email, site=Site.of(request))
        except ConfirmationThrottled as exc:
            form.add_error("email", ValidationError(exc.message, code="throttled"))
            return _email_page(request, form=form, status=429)
        said = {"email": new_email, "lifetime": confirmation_link_lifetime(), "now": user.email}
        if user.email:
            text = _(
                "A confirmation link is on its way to %(email)s: open it within %(lifetime)s "
                "to make it your address. Until then, password reset links go to %(now)s."
            )
        else:
            text = _(
                "A confirmation link is on its way to %(email)s: open it within %(lifetime)s "
                "to make it your address."
            )
        messages.success(request, text % said)
    return redirect("account-tokens")


@login_required
@require_POST
def email_resend(request):
    try:
        pending = confirmation_resend(user=request.user, site=Site.of(request))
    except ConfirmationThrottled as exc:
        return _email_page(
            request,
            form=_email_form(request),
            status=429,
            resend_error=exc.message,
        )
    if pending is None:
        messages.info(request, _("No email address is waiting for confirmation."))
    else:
        messages.success(
            request,
            _("A new confirmation link is on its way to %(email)s.") % {"email": pending.email},
        )
    return redirect("account-email")


@login_required
@require_POST
def email_cancel(request):
    pending = pending_email_cancel(user=request.user)
    if pending is None:
        messages.info(request, _("No email address is waiting for confirmation."))
    else:
        messages.success(
            request,
            _("The change to %(email)s is cancelled: the links sent to it no longer work.")
            % {"email": pending.email},
        )
    return redirect("account-email")


@require_http_methods(["GET", "POST"])
def email_confirm_link(request, token: str):
    """Opening the link shows what it would do; the button on that page does it. Mail scanners
    and link previews fetch links on their own, and an address must be confirmed by someone who
    read the mail, not by a robot in a mistyped inbox. No log-in is asked for: the signed link
    is the proof, whoever's browser it is opened in."""
    try:
        if request.method == "GET":
            return render(
                request,
                "registration/email_confirm.html",
                {"pending": confirmation_pending(token=token)},
            )
        pending = email_confirm(token=token, site=Site.of(request))
    except LinkUnusable as exc:
        # Tampered with, used, replaced or expired: bad input, a 4xx with what to do next.
        context = {"reason": exc.reason, "link_lifetime": confirmation_link_lifetime()}
        return render(request, "registration/email_confirm.html", context, status=400)
    account = pending.user
    if request.user.is_authenticated and request.user.pk == account.pk:
        messages.success(
            request,
            _("%(email)s is confirmed: password reset links now go there.")
            % {"email": pending.email},
        )
        return redirect("account-tokens")
    messages.success(
        request,
        _(
            "%(email)s is confirmed as the email address of the account %(username)s: its "
            "password reset links now go there. No log-in was needed; the link was the proof."
        )
        % {"email": pending.email, "username": account.get_username()},
    )
    return redirect("login")
