"""Documents API under ``/api/v1/documents/`` (URL names ``api-document-…``)."""

from django.urls import path

from congso.documents.api.views import incoming, other, outgoing

urlpatterns = [
    path(
        "documents/incoming/",
        incoming.IncomingListApi.as_view(),
        name="api-document-incoming-list",
    ),
    path(
        "documents/incoming/<int:pk>/",
        incoming.IncomingDetailApi.as_view(),
        name="api-document-incoming-detail",
    ),
    path(
        "documents/incoming/<int:pk>/actions/",
        incoming.IncomingActionApi.as_view(),
        name="api-document-incoming-action",
    ),
    path(
        "documents/assignments/<int:pk>/actions/",
        incoming.AssignmentActionApi.as_view(),
        name="api-document-assignment-action",
    ),
    path(
        "documents/files/<int:pk>/download/",
        incoming.FileDownloadApi.as_view(),
        name="api-document-file-download",
    ),
    path(
        "documents/outgoing/",
        outgoing.OutgoingListApi.as_view(),
        name="api-document-outgoing-list",
    ),
    path(
        "documents/outgoing/<int:pk>/",
        outgoing.OutgoingDetailApi.as_view(),
        name="api-document-outgoing-detail",
    ),
    path(
        "documents/outgoing/<int:pk>/actions/",
        outgoing.OutgoingActionApi.as_view(),
        name="api-document-outgoing-action",
    ),
    path(
        "documents/search/",
        other.DocumentSearchApi.as_view(),
        name="api-document-search",
    ),
    path(
        "documents/statistics/",
        other.DocumentStatisticsApi.as_view(),
        name="api-document-statistics",
    ),
    path(
        "documents/case-files/",
        other.CaseFileListApi.as_view(),
        name="api-document-case-file-list",
    ),
    path(
        "documents/case-files/<int:pk>/documents/",
        other.CaseFileDocumentApi.as_view(),
        name="api-document-case-file-documents",
    ),
    path(
        "documents/case-files/<int:pk>/close/",
        other.CaseFileCloseApi.as_view(),
        name="api-document-case-file-close",
    ),
]
