"""Rendering notification texts from ``templates/notifications/<event>/<channel>.txt``.

- ``email.txt``: the first line is the subject, the rest the body;
- ``sms.txt``: written in Vietnamese, sent folded to GSM-7 without marks
  (:func:`congso.notifications.text.sms_fold`; see that module for why);
- ``zalo.txt``: full Vietnamese.

Templates receive strings only: instants are formatted ``dd/mm/yyyy HH:MM`` in
``Asia/Ho_Chi_Minh`` and dates ``dd/mm/yyyy`` here, so templates stay simple.
Texts are NFC; blank runs of lines are collapsed."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from congso.core.text import nfc
from congso.notifications.constants import Channel
from congso.notifications.text import sms_fold

EVENT_RE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$")
_BLANK_RUNS = re.compile(r"\n{3,}")
SUBJECT_MAX = 250


@dataclass(frozen=True)
class Rendered:
    subject: str
    body: str


def template_name(event: str, channel: str) -> str:
    if not EVENT_RE.match(event):
        raise ValueError(f"Invalid notification event key {event!r}.")
    return f"notifications/{event}/{Channel(channel).value}.txt"


def format_value(value: object) -> str:
    """Context values as the texts show them."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return nfc(str(value))


def lookup_url_for(object_type: str, object_id: str) -> str:
    """The public lookup page of a dossier on ``CONGSO_PUBLIC_BASE_URL`` (reversed
    by URL name: the portal sits above this app), or ``""`` when that setting is
    empty or the object is not a dossier; the caller may pass ``lookup_url``."""
    if object_type != "dossiers.dossier" or not settings.PUBLIC_BASE_URL:
        return ""
    try:
        path = reverse("portal:dossier-lookup-result", kwargs={"code": object_id})
    except NoReverseMatch:
        return ""
    return f"{settings.PUBLIC_BASE_URL}{path}"


def _clean(text: str) -> str:
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip()


def render_notification(
    *, event: str, channel: str, context: Mapping[str, object]
) -> Rendered:
    """Render one channel's text; :class:`TemplateDoesNotExist` when the event has
    no template for ``channel``."""
    template = get_template(template_name(event, channel))
    values = {key: format_value(value) for key, value in context.items()}
    text = nfc(_clean(template.render(values)))
    if channel == Channel.EMAIL:
        subject, _newline, body = text.partition("\n")
        return Rendered(subject=subject.strip()[:SUBJECT_MAX], body=body.strip())
    if channel == Channel.SMS:
        return Rendered(subject="", body=sms_fold(" ".join(text.split())))
    return Rendered(subject="", body=text)


__all__ = ["Rendered", "TemplateDoesNotExist", "render_notification"]
