"""Mail sent off the request: a Celery task when a broker is configured, in-process otherwise.

A password-reset mail sent inside the request makes the answer measurably slower for an address
that has an account than for one that has none, telling a stranger which addresses are
registered; queued, both answers cost the same few milliseconds. Should the broker be down, the
mail is sent at once rather than lost.
"""

from __future__ import annotations

import logging

from django.core.mail import EmailMessage

from .task_queue import QueueUnavailable, enqueue

logger = logging.getLogger(__name__)


def mail_later(*, subject: str, body: str, to: list[str], from_email: str | None = None) -> None:
    from .tasks import send_mail

    message = {"subject": subject, "body": body, "to": to, "from_email": from_email}
    try:
        enqueue(send_mail, kwargs=message)
    except QueueUnavailable as exc:
        logger.warning("mail not queued (%s): sending it now", exc)
        mail_now(**message)


def mail_now(*, subject: str, body: str, to: list[str], from_email: str | None = None) -> None:
    EmailMessage(subject, body, from_email, to).send()
