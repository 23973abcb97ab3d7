"""Mail sent off the request: a Celery task when a broker is configured, in-process otherwise.

A password-reset mail sent inside the request makes the answer measurably slower for an address
that has an account than for one that has none, telling a stranger which addresses are
registered; queued, both answers cost the same few milliseconds. Should the broker be down, the
mail is sent at once rather than lost.

A mail carrying a one-time link is queued without its token: the worker makes the token when it
sends the mail (advisor.account_mail), so no token is ever stored in the broker. A confirmation
mail is queued by the user's id (confirmation_mail_later); password reset by the address asked for
(reset_mail_later), one job whether or not an account has it, the worker looking them up.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import translation

from .task_queue import QueueUnavailable, enqueue

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Site:
    """Where a mailed link points: the scheme and host the request came in on (the host is
    one ALLOWED_HOSTS let through), since a worker has no request to ask."""

    scheme: str
    host: str

    @classmethod
    def of(cls, request) -> Site:
        return cls(scheme="https" if request.is_secure() else "http", host=request.get_host())

    def url(self, path: str) -> str:
        return f"{self.scheme}://{self.host}{path}"


def rendered_mail(subject_template: str, body_template: str, context: dict) -> dict:
    """A mail's subject (on one line, as headers must be) and body from their templates."""
    from django.template.loader import render_to_string

    subject = "".join(render_to_string(subject_template, context).splitlines())
    return {"subject": subject, "body": render_to_string(body_template, context)}


def mail_later(*, subject: str, body: str, to: list[str], from_email: str | None = None) -> None:
    from .tasks import send_mail

    message = {"subject": subject, "body": body, "to": to, "from_email": from_email}
    try:
        enqueue(send_mail, kwargs=message)
    except QueueUnavailable as exc:
        logger.warning("mail not queued (%s): sending it now", exc)
        mail_now(**message)


def confirmation_mail_later(*, user_id: int, site: Site) -> None:
    """Queue the confirmation mail for this user's pending address, in the language of the
    request asking for it."""
    from .account_mail import confirmation_mail_send
    from .tasks import send_confirmation_mail

    _queue_or_send(send_confirmation_mail, confirmation_mail_send, user_id=user_id, site=site)


def reset_mail_later(*, email: str, site: Site) -> None:
    """Queue the password-reset mails for the accounts with this confirmed address, if any: the
    request does the same work (one job) for an address that no account has."""
    from .account_mail import reset_mails_send
    from .tasks import send_reset_mails

    _queue_or_send(send_reset_mails, reset_mails_send, email=email, site=site)


def _queue_or_send(task, send_now, *, site: Site, **job) -> None:
    """Queue a link mail's job, in the language of the request asking for it; should the
    broker be down, send it now rather than lose it."""
    job.update(
        scheme=site.scheme,
        host=site.host,
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )
    try:
        enqueue(task, kwargs=job)
    except QueueUnavailable as exc:
        logger.warning("%s not queued (%s): sending it now", task.name, exc)
        send_now(**job)


def mail_now(*, subject: str, body: str, to: list[str], from_email: str | None = None) -> None:
    EmailMessage(subject, body, from_email, to).send()
