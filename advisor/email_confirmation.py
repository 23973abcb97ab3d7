"""Confirming an account's email address before password reset mail may go to it.

A new address waits as a PendingEmail until the link mailed to it is opened; only then does it
become User.email, and the account keeps its previous address until then. When the confirmed
address changes or is removed, the old address is told, with no link in the mail: whoever
took over a session and the password must not be able to move the account's mail unnoticed,
and a notice with a link could itself be used to do something.

Links are signed with Django's signing (a TimestampSigner with a salt of its own): they carry
the user's id and the moment the address was asked for, never the address, and they stop
working once used (the pending row is gone), once another address is asked for or the request
is cancelled (the moment no longer matches), and after CONFIRMATION_LINK_MAX_AGE.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .auth import login_failure_record, login_locked_seconds, try_again_in
from .email_models import PendingEmail
from .mailing import Site, confirmation_mail_later, mail_later, rendered_mail

# Long enough for a mail read after a weekend, short enough that a forgotten mail in an inbox
# that changed hands is of no use.
CONFIRMATION_LINK_MAX_AGE = 3 * 24 * 60 * 60  # seconds

_SALT = "advisor.email_confirmation"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class LinkUnusable(Exception):
    """A confirmation link that cannot be used, and which of the reasons a page can explain."""

    BROKEN = "broken"  # altered, or copied only in part
    EXPIRED = "expired"
    SPENT = "spent"  # used, cancelled, or replaced by a newer request

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class ConfirmationThrottled(Exception):
    def __init__(self, seconds: int):
        super().__init__(seconds)
        self.seconds = seconds

    @property
    def message(self) -> str:
        why = _("Too many confirmation emails were sent lately for this account or to this "
                "address.")  # fmt: skip
        return f"{why} {try_again_in(self.seconds)}"


# --- links ------------------------------------------------------------------------------------


def _micros(moment: datetime) -> int:
    # Whole microseconds, exact (no float), as the database stores them.
    return (moment - _EPOCH) // timedelta(microseconds=1)


def confirmation_token(pending: PendingEmail) -> str:
    signer = signing.TimestampSigner(salt=_SALT)
    return signer.sign_object({"u": pending.user_id, "r": _micros(pending.requested_at)})


def _pending_for_token(token: str, *, lock: bool = False) -> PendingEmail:
    signer = signing.TimestampSigner(salt=_SALT)
    try:
        data = signer.unsign_object(token, max_age=CONFIRMATION_LINK_MAX_AGE)
    except signing.SignatureExpired:
        raise LinkUnusable(LinkUnusable.EXPIRED) from None
    except signing.BadSignature:
        raise LinkUnusable(LinkUnusable.BROKEN) from None
    if not isinstance(data, dict) or not all(isinstance(data.get(k), int) for k in ("u", "r")):
        raise LinkUnusable(LinkUnusable.BROKEN)
    rows = PendingEmail.objects.select_related("user").filter(
        user_id=data["u"], user__is_active=True
    )
    if lock:
        rows = rows.select_for_update()
    pending = rows.first()
    if pending is None or _micros(pending.requested_at) != data["r"]:
        raise LinkUnusable(LinkUnusable.SPENT)
    return pending


def confirmation_pending(*, token: str) -> PendingEmail:
    """The address a link would confirm, without confirming it; raises LinkUnusable."""
    return _pending_for_token(token)


# --- throttle ---------------------------------------------------------------------------------


def confirmation_throttle_keys(*, user, email: str) -> list[dict[str, str]]:
    """The counters of auth's log-in throttle a confirmation mail is charged to. One per account:
    it caps the mail one account can make us send. One per address: it caps the mail one inbox
    gets from every account naming it, so sign-ups cannot be used to flood a stranger. No
    username has a colon and no client address is "*", so log-in never reaches them."""
    return [
        {"username": f"email-confirmation:{user.pk}", "ip": "*"},
        {"username": f"email-confirmation:{email}", "ip": "*"},
    ]


def confirmation_locked_seconds(*, user, email: str) -> int:
    return max(
        login_locked_seconds(**key) for key in confirmation_throttle_keys(user=user, email=email)
    )


def _send_confirmation(pending: PendingEmail, *, site: Site) -> None:
    for key in confirmation_throttle_keys(user=pending.user, email=pending.email):
        login_failure_record(**key)
    pending.last_sent_at = timezone.now()
    pending.save(update_fields=["last_sent_at"])
    confirmation_mail_later(user_id=pending.user_id, site=site)


# --- services ---------------------------------------------------------------------------------


def pending_email_get(*, user) -> PendingEmail | None:
    return PendingEmail.objects.filter(user=user).first()


def pending_email_store(*, user, email: str) -> PendingEmail:
    """Make `email` the address waiting for confirmation, sending nothing. Links sent for an
    earlier request stop working."""
    pending, _created = PendingEmail.objects.update_or_create(
        user=user,
        defaults={"email": email, "requested_at": timezone.now(), "last_sent_at": None},
    )
    return pending


def pending_email_set(*, user, email: str, site: Site) -> PendingEmail:
    """Ask for `email` to become the account's address and mail it a link. Raises
    ConfirmationThrottled, having changed nothing, when too many links went out lately."""
    locked = confirmation_locked_seconds(user=user, email=email)
    if locked:
        raise ConfirmationThrottled(locked)
    pending = pending_email_store(user=user, email=email)
    _send_confirmation(pending, site=site)
    return pending


def confirmation_resend(*, user, site: Site) -> PendingEmail | None:
    """Mail the waiting address another link (earlier ones keep working until one is used or
    they expire: they go to the same inbox). None when no address is waiting."""
    pending = pending_email_get(user=user)
    if pending is None:
        return None
    locked = confirmation_locked_seconds(user=user, email=pending.email)
    if locked:
        raise ConfirmationThrottled(locked)
    _send_confirmation(pending, site=site)
    return pending


def confirmation_send_unsent(*, site: Site) -> int:
    """Mail a link to every address still waiting without one (those carried over from before
    addresses were confirmed, see migration 0005), once each; how many were queued. Not
    throttled: an operator runs it once after the deploy."""
    unsent = PendingEmail.objects.select_related("user").filter(
        last_sent_at__isnull=True, user__is_active=True
    )
    count = 0
    for pending in unsent.iterator():
        pending.last_sent_at = timezone.now()
        pending.save(update_fields=["last_sent_at"])
        confirmation_mail_later(user_id=pending.user_id, site=site)
        count += 1
    return count


def pending_email_cancel(*, user) -> PendingEmail | None:
    pending = pending_email_get(user=user)
    if pending is not None:
        pending.delete()
    return pending


def email_confirm(*, token: str, site: Site) -> PendingEmail:
    """Make the address a link was sent to the account's address; raises LinkUnusable. The
    returned row is deleted (it says which user and which address)."""
    with transaction.atomic():
        pending = _pending_for_token(token, lock=True)
        user = pending.user
        old_email = user.email
        # The reset token hashes the address: reset links mailed to the old one die with it.
        user.email = pending.email
        user.save(update_fields=["email"])
        pending.delete()
    if old_email and old_email != pending.email:
        _notify_old_address(user=user, old_email=old_email, removed=False, site=site)
    return pending


def email_remove(*, user, site: Site) -> bool:
    """Remove the account's address and any waiting one; True when there was one to remove."""
    with transaction.atomic():
        cancelled = PendingEmail.objects.filter(user=user).delete()[0]
        old_email = user.email
        if old_email:
            user.email = ""
            user.save(update_fields=["email"])
    if old_email:
        _notify_old_address(user=user, old_email=old_email, removed=True, site=site)
    return bool(old_email or cancelled)


def _notify_old_address(*, user, old_email: str, removed: bool, site: Site) -> None:
    """Rendered here, in the language of the request, and queued: it holds no secret."""
    context = {
        "username": user.get_username(),
        "removed": removed,
        "when": timezone.now(),
        "domain": site.host,
    }
    message = rendered_mail(
        "registration/email_changed_subject.txt", "registration/email_changed_email.txt", context
    )
    mail_later(**message, to=[old_email])
