from django.urls import include, path

from congso.signatures import views

app_name = "signatures"

urlpatterns = [
    path("pki/<path:name>", views.pki_endpoint, name="pki-endpoint"),
    path(
        "signatures/certificates/",
        views.certificate_list_mine,
        name="certificate-list-mine",
    ),
    path("", include("congso.signatures.validation.urls")),
    path("", include("congso.signatures.signing.urls")),
]
