"""URLs of the payment-gateway simulator, included under ``/payments/sim/``."""

from django.urls import path

from congso.payments.contrib.simulator import views

urlpatterns = [
    path("pay/", views.sim_pay, name="sim-pay"),
    path("pay/<str:txn_ref>/<str:decision>/", views.sim_decide, name="sim-decide"),
    path("api/querydr", views.sim_query, name="sim-query"),
]
