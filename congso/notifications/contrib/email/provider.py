"""E-mail through Django's e-mail framework: SMTP in production
(``CONGSO_EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend`` and the
``CONGSO_EMAIL_*`` server settings), files in ``var/mail`` in development, memory
in tests. The ``Message-ID`` is derived from the notification id, so a message
sent again after a crash is recognisable as the same one."""

from __future__ import annotations

import smtplib

from django.conf import settings
from django.core.mail import EmailMessage

from congso.notifications.constants import Channel
from congso.notifications.providers.base import (
    DeliveryError,
    DeliveryResult,
    OutgoingMessage,
    PermanentDeliveryError,
)


def message_id_for(idempotency_key: str) -> str:
    """``<notification-id@domain-of-the-sender>``."""
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip("> ") or "congso"
    return f"<{idempotency_key}@{domain}>"


class EmailProvider:
    name = "email"
    channel = Channel.EMAIL.value

    def send(self, message: OutgoingMessage) -> DeliveryResult:
        message_id = message_id_for(message.idempotency_key)
        email = EmailMessage(
            subject=message.subject,
            body=message.body,
            to=[message.address],
            headers={"Message-ID": message_id},
        )
        try:
            sent = email.send(fail_silently=False)
        except smtplib.SMTPRecipientsRefused as exc:
            raise PermanentDeliveryError(f"Recipient refused: {exc}") from exc
        except OSError as exc:  # smtplib.SMTPException is an OSError
            raise DeliveryError(f"E-mail not sent: {exc}") from exc
        if not sent:
            raise DeliveryError("E-mail backend accepted no message.")
        return DeliveryResult(provider_message_id=message_id)
