from django.urls import path

from congso.accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.home, name="home"),
    path("org/", views.agency_list, name="agency-list"),
    path("org/<int:pk>/", views.agency_detail, name="agency-detail"),
    path("org/<int:pk>/officials/", views.agency_officials, name="agency-officials"),
    path("org/<int:pk>/audit/", views.agency_audit, name="agency-audit"),
]
