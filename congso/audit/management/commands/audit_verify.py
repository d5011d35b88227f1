"""``manage.py audit_verify``: walk the audit hash chain; exit non-zero if broken."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from congso.audit.verify import DEFAULT_BATCH_SIZE, VerifyResult, audit_verify


class Command(BaseCommand):
    help = "Verify the audit trail hash chain and name the first bad entry."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)

    def handle(self, *args: Any, **options: Any) -> None:
        result = audit_verify(batch_size=options["batch_size"])
        if not result.ok:
            raise CommandError(_broken_message(result))
        self.stdout.write(
            ngettext(
                "Audit chain intact: %(count)d entry verified.",
                "Audit chain intact: %(count)d entries verified.",
                result.checked,
            )
            % {"count": result.checked}
        )


def _broken_message(result: VerifyResult) -> str:
    reason = str(result.reason.label) if result.reason else ""
    if result.first_bad_seq is None:
        return _("Audit chain broken: %(reason)s.") % {"reason": reason}
    if result.occurred_at is None:
        return _("Audit chain broken at entry #%(seq)d: %(reason)s.") % {
            "seq": result.first_bad_seq,
            "reason": reason,
        }
    occurred = date_format(timezone.localtime(result.occurred_at), "d/m/Y H:i:s")
    return _(
        "Audit chain broken at entry #%(seq)d (%(event_type)s, %(occurred_at)s): "
        "%(reason)s."
    ) % {
        "seq": result.first_bad_seq,
        "event_type": result.event_type,
        "occurred_at": occurred,
        "reason": reason,
    }
