from django.urls import path

from congso.accounts.api import views

urlpatterns = [
    path("me/", views.MeApi.as_view(), name="api-me"),
    path("agencies/", views.AgencyListApi.as_view(), name="api-agency-list"),
    path(
        "agencies/<int:pk>/", views.AgencyDetailApi.as_view(), name="api-agency-detail"
    ),
    path(
        "agencies/<int:pk>/officials/",
        views.AgencyOfficialsApi.as_view(),
        name="api-agency-officials",
    ),
]
