"""Output pieces shared by incoming and outgoing documents: stored files, the
trace, and agency names read from the organisation tree of the day."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from rest_framework import serializers

from congso.documents.models import DocumentFile, IncomingDocument, OutgoingDocument


def node_name(context: dict[str, Any], agency_id: int | None) -> str:
    """The name of an agency or unit on the day of the request ("" if unknown);
    the view puts the day's organisation tree in ``context["tree"]``."""
    tree = context.get("tree")
    if tree is None or agency_id is None:
        return ""
    node = tree.nodes.get(agency_id)
    return node.name if node is not None else ""


def absolute(context: dict[str, Any], path: str) -> str:
    request = context.get("request")
    return request.build_absolute_uri(path) if request is not None else path


class DocumentFileOutput(serializers.Serializer):  # type: ignore[type-arg]
    """A stored file of a document; ``download_url`` streams it (recorded in the
    audit trail for a secret document)."""

    id = serializers.IntegerField()
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    name = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()
    ocr_status = serializers.CharField()
    created_at = serializers.DateTimeField()
    download_url = serializers.SerializerMethodField()

    def get_download_url(self, obj: DocumentFile) -> str:
        path = reverse("api-document-file-download", args=[obj.pk])
        return absolute(self.context, path)


class DocumentEventOutput(serializers.Serializer):  # type: ignore[type-arg]
    """One line of the document's trace (TraceHeaderList)."""

    action = serializers.CharField()
    at = serializers.DateTimeField()
    actor = serializers.IntegerField(source="actor_id", allow_null=True)
    actor_label = serializers.CharField()
    agency = serializers.IntegerField(source="agency_id", allow_null=True)
    note = serializers.CharField()
    data = serializers.JSONField()  # type: ignore[assignment]  # a field, not .data


class RelatedDocumentOutput(serializers.Serializer):  # type: ignore[type-arg]
    """Another document named by this one (a reply, a document answered or
    replaced). The subject of a secret one is left out: the reader of this
    document may not be allowed to read that one."""

    id = serializers.IntegerField()
    number_symbol = serializers.CharField()
    subject = serializers.SerializerMethodField()
    secrecy = serializers.CharField()
    status = serializers.CharField()

    def get_subject(self, obj: IncomingDocument | OutgoingDocument) -> str:
        return "" if obj.is_secret else obj.subject
