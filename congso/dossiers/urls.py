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
    path(
        "<str:code>/comments/",
        views.dossier_comment_add_view,
        name="dossier-comment-add",
    ),
    path(
        "<str:code>/attachments/",
        views.dossier_attachment_add_view,
        name="dossier-attachment-add",
    ),
    path(
        "<str:code>/attachments/<int:pk>/",
        views.dossier_attachment_download,
        name="dossier-attachment-download",
    ),
    path(
        "<str:code>/attachments/<int:pk>/withdraw/",
        views.dossier_attachment_withdraw_view,
        name="dossier-attachment-withdraw",
    ),
]
