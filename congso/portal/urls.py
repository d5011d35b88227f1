from django.urls import path

from congso.portal import views

app_name = "portal"

urlpatterns = [
    path("tra-cuu/", views.dossier_lookup, name="dossier-lookup"),
    path(
        "tra-cuu/<str:code>/",
        views.dossier_lookup_result,
        name="dossier-lookup-result",
    ),
]
