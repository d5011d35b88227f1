"""The demo provider's own pages (namespace ``vneid_sim``)."""

from django.urls import path

from congso.accounts.contrib.vneid_sim import views

app_name = "vneid_sim"

urlpatterns = [
    path("dang-nhap/", views.identity_login, name="login"),
    path("dang-xuat/", views.logout, name="logout"),
]
