from django.urls import path

from congso.signatures.validation.api import views

urlpatterns = [
    path(
        "signatures/verify/",
        views.VerificationApi.as_view(),
        name="api-signatures-verify",
    ),
]
