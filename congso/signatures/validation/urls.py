"""Public verification pages, included from ``congso.signatures.urls`` (names in the
``signatures`` namespace)."""

from django.urls import path

from congso.signatures.validation import views

urlpatterns = [
    path(
        "signatures/verify/",
        views.verification_upload,
        name="verification-upload",
    ),
    path(
        "signatures/verify/report/<str:token>.xml",
        views.verification_report_xml,
        name="verification-report-xml",
    ),
]
