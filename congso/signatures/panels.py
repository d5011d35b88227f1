"""Home-page work panel of the signatures app: the official's certificates."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congso.accounts.models import User
from congso.core.panels import PanelItem, WorkPanel
from congso.signatures.selectors import certificate_list_valid_for_user


def my_certificates_panel(request: HttpRequest) -> WorkPanel | None:
    """Every official: how many valid personal certificates they hold today."""
    user = request.user
    if not isinstance(user, User):
        return None
    count = certificate_list_valid_for_user(user=user, on=timezone.localdate()).count()
    return WorkPanel(
        title=_("My certificates"),
        items=[
            PanelItem(
                label=_("Valid certificates"),
                value=count,
                url=reverse("signatures:certificate-list-mine"),
                tone="ok" if count else "warn",
            )
        ],
        order=90,
    )
