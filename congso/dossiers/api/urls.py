from django.urls import path

from congso.dossiers.api import views

urlpatterns = [
    path("dossiers/", views.DossierListApi.as_view(), name="api-dossier-list"),
    path(
        "dossiers/<str:code>/",
        views.DossierDetailApi.as_view(),
        name="api-dossier-detail",
    ),
    path(
        "dossiers/<str:code>/actions/",
        views.DossierActionApi.as_view(),
        name="api-dossier-action",
    ),
    path(
        "dossiers/<str:code>/comments/",
        views.DossierCommentListApi.as_view(),
        name="api-dossier-comment-list",
    ),
    path(
        "dossiers/<str:code>/attachments/",
        views.DossierAttachmentListApi.as_view(),
        name="api-dossier-attachment-list",
    ),
    path(
        "dossiers/<str:code>/attachments/<int:pk>/download/",
        views.DossierAttachmentDownloadApi.as_view(),
        name="api-dossier-attachment-download",
    ),
    path(
        "dossiers/<str:code>/attachments/<int:pk>/withdraw/",
        views.DossierAttachmentWithdrawApi.as_view(),
        name="api-dossier-attachment-withdraw",
    ),
]
