"""URLs of the citizen's pages, included by ``portal.urls`` under ``/dich-vu-cong/``."""

from django.urls import path

from congso.portal.submission import views

urlpatterns = [
    path("", views.my_dossiers, name="my-dossiers"),
    path("nop/<int:version_id>/", views.draft_start, name="draft-start"),
    path("nhap/<int:draft_id>/", views.draft_page, name="draft"),
    path("nhap/<int:draft_id>/xoa/", views.draft_delete, name="draft-delete"),
    path(
        "nhap/<int:draft_id>/tai-lieu/<int:component_id>/",
        views.draft_file,
        name="draft-file",
    ),
    path("ho-so/<str:code>/", views.my_dossier, name="my-dossier"),
    path("ho-so/<str:code>/thanh-toan/", views.dossier_pay, name="my-dossier-pay"),
    path("ho-so/<str:code>/rut/", views.dossier_withdraw, name="my-dossier-withdraw"),
    path(
        "ho-so/<str:code>/bo-sung/",
        views.dossier_supplement,
        name="my-dossier-supplement",
    ),
    path(
        "ho-so/<str:code>/ket-qua/<int:pk>/",
        views.result_download,
        name="my-result-download",
    ),
    path(
        "ho-so/<str:code>/ket-qua/<int:pk>/xac-thuc/",
        views.result_check,
        name="my-result-check",
    ),
    path("kho-du-lieu/", views.store, name="store"),
    path("kho-du-lieu/<int:pk>/", views.store_download, name="store-download"),
    path("kho-du-lieu/<int:pk>/xoa/", views.store_delete, name="store-delete"),
]
