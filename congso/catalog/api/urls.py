from django.urls import path

from congso.catalog.api import views

urlpatterns = [
    path("procedures/", views.ProcedureListApi.as_view(), name="api-procedure-list"),
    path(
        "procedures/export.xlsx",
        views.ProcedureExportApi.as_view(),
        name="api-procedure-export",
    ),
    path(
        "procedures/<int:pk>/",
        views.ProcedureDetailApi.as_view(),
        name="api-procedure-detail",
    ),
]
