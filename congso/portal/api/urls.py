from django.urls import path

from congso.portal.api import views

urlpatterns = [
    path(
        "public/dossiers/<str:code>/",
        views.PublicDossierApi.as_view(),
        name="api-public-dossier-detail",
    ),
]
