"""URLs of the national portal simulator, included under ``/portal/national-sim/``."""

from django.urls import path

from congso.portal.national.contrib.simulator import views

urlpatterns = [
    path("", views.national_sim_index, name="national-sim"),
    path("api/", views.national_sim_api, name="national-sim-api"),
]
