"""The lookup's read model follows the dossiers in their own transaction.

A signal, not a service call, because the dossiers app sits below the portal and
may not call it (conventions §4); the read model is a persisted cache of what the
public sees, the kind of decoupled infrastructure signals are kept for (§3). The
outbox topic ``dossiers.dossier_changed`` would deliver the same news after commit
and so leave the lookup behind the dossier until the worker runs."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from congso.dossiers.models import Dossier
from congso.dossiers.services.citizen import dossier_changed
from congso.portal.public_view import public_view_refresh


@receiver(dossier_changed, dispatch_uid="congso.portal_public_view")
def _dossier_changed(sender: Any, dossier: Dossier, **_kwargs: Any) -> None:
    public_view_refresh(dossier_id=dossier.pk)
