from django.urls import path

from congso.dossiers import views

app_name = "dossiers"

urlpatterns = [
    path("", views.dossier_list, name="dossier-list"),
    path("receive/", views.dossier_receive_view, name="dossier-receive"),
    path("register/", views.dossier_register, name="dossier-register"),
    path("<str:code>/", views.dossier_detail, name="dossier-detail"),
    path("<str:code>/actions/", views.dossier_action, name="dossier-action"),
    path("<str:code>/assign/", views.dossier_assign_view, name="dossier-assign"),
    path("<str:code>/slips/<slug:kind>.pdf", views.dossier_slip, name="dossier-slip"),
]
