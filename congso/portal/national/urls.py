"""URLs of the national portal sync (names in the ``portal`` namespace)."""

from django.urls import include, path

urlpatterns = [
    path(
        "portal/national-sim/", include("congso.portal.national.contrib.simulator.urls")
    ),
]
