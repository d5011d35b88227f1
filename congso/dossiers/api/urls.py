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
]
