from django.urls import include, path

from congso.portal import views, views_catalogue

app_name = "portal"

urlpatterns = [
    path("tra-cuu/", views.dossier_lookup, name="dossier-lookup"),
    path(
        "tra-cuu/<str:code>/",
        views.dossier_lookup_result,
        name="dossier-lookup-result",
    ),
    path("thu-tuc/", views_catalogue.catalogue_list, name="procedure-list"),
    path("thu-tuc/kiosk/", views_catalogue.catalogue_kiosk, name="procedure-kiosk"),
    path(
        "thu-tuc/<str:key>/", views_catalogue.catalogue_detail, name="procedure-detail"
    ),
    path(
        "thu-tuc/<int:version_id>/mau/<int:component_id>/",
        views_catalogue.catalogue_form_download,
        name="procedure-form",
    ),
    path("dich-vu-cong/", include("congso.portal.submission.urls")),
    path("", include("congso.portal.national.urls")),
]
