"""Choices of the national portal sync."""

from django.db import models
from django.utils.translation import gettext_lazy as _

#: Published by the dossiers app after every change of a dossier (reception and
#: each transition): ``{"code": str, "row_version": int}``; handled here.
TOPIC_DOSSIER_CHANGED = "dossiers.dossier_changed"
#: One sync of one dossier at one row version (dedup key per code and version).
TOPIC_NATIONAL_SYNC = "portal.national_sync"


class SyncStatus(models.TextChoices):
    """The outcome of sending one version of a dossier."""

    SENT = "sent", _("Sent")
    FAILED = "failed", _("Refused by the portal")
