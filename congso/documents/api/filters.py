"""Filters of the document lists (django-filter), applied to the scoped
querysets of :mod:`congso.documents.selectors.documents`. Dates are typed in
the Vietnamese order (dd/mm/yyyy) or ISO (yyyy-mm-dd); a wrong value is a 400
in the project's error format."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from congso.core.text import fold_vi, nfc
from congso.documents.constants import (
    DocumentType,
    IncomingChannel,
    IncomingStatus,
    OutgoingStatus,
    Secrecy,
    Urgency,
)
from congso.documents.models import IncomingDocument, OutgoingDocument


class _DocumentFilter(django_filters.FilterSet):  # type: ignore[misc]  # untyped package
    urgency = django_filters.ChoiceFilter(choices=Urgency.choices, label=_("urgency"))
    secrecy = django_filters.ChoiceFilter(choices=Secrecy.choices, label=_("secrecy"))
    doc_type = django_filters.ChoiceFilter(
        choices=DocumentType.choices, label=_("document type")
    )


class IncomingFilter(_DocumentFilter):
    """Incoming register: status, urgency, secrecy, type, way of arrival, arrival
    dates (inclusive) and the issuing agency (part of its name, without regard to
    case or accents)."""

    status = django_filters.ChoiceFilter(
        choices=IncomingStatus.choices, label=_("status")
    )
    channel = django_filters.ChoiceFilter(
        choices=IncomingChannel.choices, label=_("arrived by")
    )
    date_from = django_filters.DateFilter(
        field_name="received_at", lookup_expr="date__gte", label=_("arrived from")
    )
    date_to = django_filters.DateFilter(
        field_name="received_at", lookup_expr="date__lte", label=_("arrived until")
    )
    issuer = django_filters.CharFilter(
        method="filter_issuer", max_length=255, label=_("issuing agency")
    )

    class Meta:
        model = IncomingDocument
        fields = [
            "status",
            "urgency",
            "secrecy",
            "doc_type",
            "channel",
            "date_from",
            "date_to",
            "issuer",
        ]

    def filter_issuer(
        self, queryset: QuerySet[IncomingDocument], name: str, value: str
    ) -> QuerySet[IncomingDocument]:
        folded = " ".join(fold_vi(nfc(value)).split())
        return queryset.filter(issuer_folded__contains=folded) if folded else queryset


class OutgoingFilter(_DocumentFilter):
    """Outgoing documents: status, urgency, secrecy, type and issue dates
    (inclusive; drafts have none, so a date filter leaves them out)."""

    status = django_filters.ChoiceFilter(
        choices=OutgoingStatus.choices, label=_("status")
    )
    date_from = django_filters.DateFilter(
        field_name="issued_date", lookup_expr="gte", label=_("issued from")
    )
    date_to = django_filters.DateFilter(
        field_name="issued_date", lookup_expr="lte", label=_("issued until")
    )

    class Meta:
        model = OutgoingDocument
        fields = ["status", "urgency", "secrecy", "doc_type", "date_from", "date_to"]
