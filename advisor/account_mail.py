"""The mails that carry a one-time link, built where they are sent: in the worker.

A task gets what names the account (the address asked for a reset; the user's id for a
confirmation), the site's scheme and host and the language, and makes the token here, from the
database as it is when the mail goes out. No token ever sits in the
broker, in a task's arguments or in a retry. When the account no longer qualifies by then
(deactivated, address removed, confirmation cancelled), nothing is sent.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import ngettext

from .email_confirmation import CONFIRMATION_LINK_MAX_AGE, confirmation_token
from .email_models import PendingEmail
from .mailing import Site, mail_now, rendered_mail


def duration_text(seconds: int) -> str:
    """A link's lifetime as a mail or a page says it: "3 days", "1 hour", "90 minutes"."""
    if seconds >= 86400 and seconds % 86400 == 0:
        days = seconds // 86400
        return ngettext("%(count)d day", "%(count)d days", days) % {"count": days}
    if seconds >= 3600 and seconds % 3600 == 0:
        hours = seconds // 3600
        return ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}
    minutes = max(1, seconds // 60)
    return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}


def reset_link_lifetime() -> str:
    return duration_text(settings.PASSWORD_RESET_TIMEOUT)


def confirmation_link_lifetime() -> str:
    return duration_text(CONFIRMATION_LINK_MAX_AGE)


def _reset_mail(user, site: Site) -> dict:
    context = {
        "email": user.email,
        "domain": site.host,
        "site_name": site.host,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "user": user,
        "token": default_token_generator.make_token(user),
        "protocol": site.scheme,
        "link_lifetime": reset_link_lifetime(),
    }
    message = rendered_mail(
        "registration/password_reset_subject.txt",
        "registration/password_reset_email.txt",
        context,
    )
    return {**message, "to": [user.email]}


def _confirmation_mail(user_id: int, site: Site) -> dict | None:
    pending = (
        PendingEmail.objects.select_related("user")
        .filter(user_id=user_id, user__is_active=True)
        .first()
    )
    if pending is None:
        return None
    path = reverse("account-email-confirm", kwargs={"token": confirmation_token(pending)})
    context = {
        "username": pending.user.get_username(),
        "email": pending.email,
        "link": site.url(path),
        "domain": site.host,
        "link_lifetime": confirmation_link_lifetime(),
    }
    message = rendered_mail(
        "registration/email_confirmation_subject.txt",
        "registration/email_confirmation_email.txt",
        context,
    )
    return {**message, "to": [pending.email]}


def confirmation_mail_send(*, user_id: int, scheme: str, host: str, language: str) -> bool:
    """Build and send the confirmation mail; False when nothing is pending any more."""
    with translation.override(language):
        message = _confirmation_mail(user_id, Site(scheme=scheme, host=host))
    if message is None:
        return False
    mail_now(**message)
    return True


def reset_mails_send(*, email: str, scheme: str, host: str, language: str) -> int:
    """A reset mail to every account Django's reset form would mail at this address (active,
    with a usable password and this confirmed address); how many were sent."""
    from django.contrib.auth.forms import PasswordResetForm

    site = Site(scheme=scheme, host=host)
    with translation.override(language):
        messages = [_reset_mail(user, site) for user in PasswordResetForm().get_users(email)]
    for message in messages:
        mail_now(**message)
    return len(messages)
