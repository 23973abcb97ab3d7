"""An email address a user asked for and has not confirmed yet.

User.email holds only a confirmed address: password reset mail goes nowhere else. A new address
waits here until the link mailed to it is opened (advisor.email_confirmation); until then the
account keeps its previous address, if it had one.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PendingEmail(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pending_email"
    )
    # As long as AbstractUser.email, which it is copied into once confirmed.
    email = models.EmailField(_("email address"), max_length=254)
    # Set anew each time an address is asked for: a confirmation link names the request it was
    # sent for, so links to an address asked for earlier (or replaced since) stop working.
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    # None for an address carried over from before confirmation existed: no link was sent yet.
    last_sent_at = models.DateTimeField(_("link last sent"), null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.email} (unconfirmed, user {self.user_id})"
