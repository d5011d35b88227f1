"""URLconf for the catalogue API tests, until the root API URLconf includes it."""

from django.urls import include, path

urlpatterns = [path("api/v1/", include("congso.catalog.api.urls"))]
