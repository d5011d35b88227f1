"""URLs of the remote-signing simulator, included under ``/signatures/remote-sim/``."""

from django.urls import path

from congso.signatures.signing.contrib.remote_sim import views

app_name = "remote_sim"

urlpatterns = [
    path("api/sign", views.remote_sim_api_sign, name="api-sign"),
    path(
        "api/transactions/<str:transaction_id>",
        views.remote_sim_api_status,
        name="api-status",
    ),
    path(
        "api/transactions/<str:transaction_id>/decision",
        views.remote_sim_api_decide,
        name="api-decide",
    ),
    path("", views.remote_sim_index, name="index"),
    path(
        "<str:transaction_id>/<str:decision>/",
        views.remote_sim_decide,
        name="decide",
    ),
]
