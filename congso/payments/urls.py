"""URLs of the payments app, included under ``/payments/``."""

from django.urls import include, path

from congso.payments import views

app_name = "payments"

urlpatterns = [
    path("orders/<str:txn_ref>/", views.order_detail, name="order-detail"),
    path("return/", views.payment_return, name="return"),
    path("ipn/", views.payment_notification, name="ipn"),
    path("receipts/<str:number>/", views.receipt_download, name="receipt-download"),
    path("sim/", include("congso.payments.contrib.simulator.urls")),
]
