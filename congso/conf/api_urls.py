"""REST API root: ``/api/v1/…``, the OpenAPI schema and its browsable docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api-schema"),
        name="api-docs",
    ),
    path("v1/", include("congso.accounts.api.urls")),
    path("v1/", include("congso.calendar.api.urls")),
    path("v1/", include("congso.catalog.api.urls")),
    path("v1/", include("congso.dossiers.api.urls")),
    path("v1/", include("congso.documents.api.urls")),
    path("v1/", include("congso.feedback.api.urls")),
    path("v1/", include("congso.portal.api.urls")),
    path("v1/", include("congso.signatures.validation.api.urls")),
]
