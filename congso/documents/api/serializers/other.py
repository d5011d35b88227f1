"""Serializers of search, statistics and case files (hồ sơ công việc)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from congso.core.search.selectors import MAX_LIMIT, SearchHit
from congso.core.serializers import NFCCharField
from congso.documents.api.serializers.common import absolute, node_name
from congso.documents.constants import (
    OBJECT_INCOMING,
    DocumentType,
    IncomingStatus,
    OutgoingStatus,
    Retention,
)
from congso.documents.models import CaseFile

#: Both lifecycles' statuses (a search may cover both kinds of document).
STATUSES = sorted(set(IncomingStatus.values) | set(OutgoingStatus.values))


class DocumentPeriodInput(serializers.Serializer):  # type: ignore[type-arg]
    date_from = serializers.DateField(required=False, allow_null=True, default=None)
    date_to = serializers.DateField(required=False, allow_null=True, default=None)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        start, end = attrs.get("date_from"), attrs.get("date_to")
        if start is not None and end is not None and start > end:
            raise serializers.ValidationError(
                {"date_to": [_("The start date must not be after the end date.")]}
            )
        return attrs


class DocumentSearchInput(DocumentPeriodInput):
    """``q``: words (accents optional), "a phrase", or a number and symbol
    (``05/QĐ-UBND``); nothing else is interpreted. ``direction``: incoming or
    outgoing documents only; ``kind``: a document type; ``issuer``: the whole
    name of the issuing agency; dates (of the document) inclusive."""

    q = NFCCharField(max_length=500, required=False, allow_blank=True, default="")
    direction = serializers.ChoiceField(
        choices=[("incoming", _("Incoming")), ("outgoing", _("Outgoing"))],
        required=False,
        allow_blank=True,
        default="",
    )
    kind = serializers.ChoiceField(
        choices=DocumentType.choices, required=False, allow_blank=True, default=""
    )
    issuer = NFCCharField(max_length=255, required=False, allow_blank=True, default="")
    status = serializers.ChoiceField(
        choices=STATUSES, required=False, allow_blank=True, default=""
    )
    page = serializers.IntegerField(
        required=False, min_value=1, max_value=50, default=1
    )
    page_size = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_LIMIT, default=20
    )


class DocumentSearchHitOutput(serializers.Serializer):  # type: ignore[type-arg]
    """One document found; ``title_html`` and ``snippet`` are safe HTML with
    ``<mark>`` around the words found; ``url``: the document in the API."""

    direction = serializers.SerializerMethodField()
    id = serializers.IntegerField(source="object_id")
    title = serializers.CharField()
    title_html = serializers.CharField()
    snippet = serializers.CharField()
    number = serializers.CharField()
    number_match = serializers.BooleanField()
    issuer = serializers.CharField()
    kind = serializers.CharField()
    status = serializers.CharField()
    doc_date = serializers.DateField(allow_null=True)
    url = serializers.SerializerMethodField()

    def get_direction(self, hit: SearchHit) -> str:
        return "incoming" if hit.object_type == OBJECT_INCOMING else "outgoing"

    def get_url(self, hit: SearchHit) -> str:
        name = f"api-document-{self.get_direction(hit)}-detail"
        return absolute(self.context, reverse(name, args=[int(hit.object_id)]))


class DocumentSearchOutput(serializers.Serializer):  # type: ignore[type-arg]
    """A page of hits; ``total`` is a lower bound when ``total_is_lower_bound``
    ("at least 500")."""

    total = serializers.IntegerField()
    total_is_lower_bound = serializers.BooleanField()
    page = serializers.IntegerField()
    hits = DocumentSearchHitOutput(many=True)


class DocumentAgencyFiguresOutput(serializers.Serializer):  # type: ignore[type-arg]
    agency = serializers.IntegerField(source="agency_id")
    agency_name = serializers.SerializerMethodField()
    incoming = serializers.IntegerField()
    incoming_electronic = serializers.IntegerField()
    incoming_electronic_share = serializers.FloatField(allow_null=True)
    incoming_on_network = serializers.IntegerField()
    incoming_on_network_share = serializers.FloatField(allow_null=True)
    incoming_registered_late = serializers.IntegerField()
    incoming_overdue = serializers.IntegerField()
    outgoing = serializers.IntegerField()
    outgoing_electronic = serializers.IntegerField()
    outgoing_electronic_share = serializers.FloatField(allow_null=True)

    def get_agency_name(self, obj: Any) -> str:
        return node_name(self.context, obj.agency_id)


class DocumentUnitFiguresOutput(serializers.Serializer):  # type: ignore[type-arg]
    unit = serializers.IntegerField(source="unit_id")
    unit_name = serializers.SerializerMethodField()
    assigned = serializers.IntegerField()
    done = serializers.IntegerField()
    done_late = serializers.IntegerField()
    open_overdue = serializers.IntegerField()

    def get_unit_name(self, obj: Any) -> str:
        return node_name(self.context, obj.unit_id)


class DocumentStatisticsOutput(serializers.Serializer):  # type: ignore[type-arg]
    """Document work in the period (received and issued documents; units'
    handling of documents directed in it)."""

    date_from = serializers.DateField()
    date_to = serializers.DateField()
    agencies = DocumentAgencyFiguresOutput(many=True)
    units = DocumentUnitFiguresOutput(many=True)


class CaseFileOutput(serializers.Serializer):  # type: ignore[type-arg]
    """A case file (hồ sơ công việc) with its retention (thời hạn bảo quản)."""

    id = serializers.IntegerField()
    agency = serializers.IntegerField(source="agency_id")
    year = serializers.IntegerField()
    notation = serializers.CharField()
    title = serializers.CharField()
    retention = serializers.CharField()
    retention_years = serializers.IntegerField(allow_null=True)
    maintenance = serializers.CharField()
    rights = serializers.CharField()
    creator = serializers.CharField()
    start_date = serializers.DateField(allow_null=True)
    end_date = serializers.DateField(allow_null=True)
    description = serializers.CharField()
    status = serializers.CharField()
    created_at = serializers.DateTimeField()
    closed_at = serializers.DateTimeField(allow_null=True)
    document_count = serializers.SerializerMethodField()

    def get_document_count(self, obj: CaseFile) -> int:
        count = getattr(obj, "document_count", None)
        return int(count) if count is not None else obj.items.count()


class CaseFileOpenInput(serializers.Serializer):  # type: ignore[type-arg]
    """``agency``: needed only by an official of several agencies;
    ``retention_years`` with ``retention`` = ``years``."""

    agency = serializers.IntegerField(required=False, min_value=1)
    notation = NFCCharField(max_length=20)
    title = NFCCharField(max_length=500)
    retention = serializers.ChoiceField(choices=Retention.choices)
    retention_years = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=200, default=None
    )
    creator = NFCCharField(max_length=100, required=False, allow_blank=True, default="")
    description = NFCCharField(
        max_length=500, required=False, allow_blank=True, default=""
    )
    rights = NFCCharField(max_length=30, required=False, allow_blank=True, default="")


class CaseFileAddInput(serializers.Serializer):  # type: ignore[type-arg]
    """One document of the agency: ``incoming`` or ``outgoing`` (its id)."""

    incoming = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    outgoing = serializers.IntegerField(required=False, allow_null=True, min_value=1)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if bool(attrs.get("incoming")) == bool(attrs.get("outgoing")):
            raise serializers.ValidationError(
                _("Give either an incoming or an outgoing document.")
            )
        return attrs


class CaseFileItemOutput(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.IntegerField()
    case_file = serializers.IntegerField(source="case_file_id")
    order = serializers.IntegerField()
    incoming = serializers.IntegerField(source="incoming_id", allow_null=True)
    outgoing = serializers.IntegerField(source="outgoing_id", allow_null=True)
    added_at = serializers.DateTimeField()


class CaseFileCloseInput(serializers.Serializer):  # type: ignore[type-arg]
    end_date = serializers.DateField(required=False, allow_null=True, default=None)


def period_default(today: date) -> tuple[date, date]:
    """From 1 January of this year to today."""
    return date(today.year, 1, 1), today
