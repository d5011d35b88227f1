from django.urls import path

from congso.documents.views import exports, incoming, mail, other, outgoing

app_name = "documents"

urlpatterns = [
    path("", other.work, name="work"),
    path("search/", other.search, name="search"),
    path("statistics/", other.statistics, name="statistics"),
    path("files/<int:pk>/", other.file_download_view, name="file-download"),
    path(
        "registers/<str:kind>.<str:fmt>",
        exports.register_download,
        name="register-download",
    ),
    path("statistics.xlsx", exports.statistics_download, name="statistics-download"),
    path("incoming/", incoming.incoming_list, name="incoming-list"),
    path("incoming/new/", incoming.incoming_new, name="incoming-new"),
    path("incoming/<int:pk>/", incoming.incoming_detail, name="incoming-detail"),
    path("incoming/<int:pk>/step/", incoming.incoming_step, name="incoming-step"),
    path("incoming/<int:pk>/slip.pdf", incoming.incoming_slip, name="incoming-slip"),
    path(
        "incoming/<int:pk>/direct/",
        incoming.incoming_direct_view,
        name="incoming-direct",
    ),
    path(
        "incoming/<int:pk>/assignments/<int:assignment_id>/assign/",
        incoming.assignment_assign_view,
        name="assignment-assign",
    ),
    path(
        "incoming/<int:pk>/assignments/<int:assignment_id>/work/",
        incoming.assignment_work_view,
        name="assignment-work",
    ),
    path("mail/", mail.mail_list, name="mail-list"),
    path("mail/<int:pk>/", mail.mail_detail, name="mail-detail"),
    path("mail/<int:pk>/dismiss/", mail.mail_dismiss_view, name="mail-dismiss"),
    path("outgoing/", outgoing.outgoing_list, name="outgoing-list"),
    path("outgoing/new/", outgoing.outgoing_new, name="outgoing-new"),
    path("outgoing/<int:pk>/", outgoing.outgoing_detail, name="outgoing-detail"),
    path("outgoing/<int:pk>/edit/", outgoing.outgoing_edit, name="outgoing-edit"),
    path("outgoing/<int:pk>/action/", outgoing.outgoing_action, name="outgoing-action"),
    path("case-files/", other.case_file_list, name="case-file-list"),
    path("case-files/<int:pk>/", other.case_file_detail, name="case-file-detail"),
    path("case-files/<int:pk>/file/", other.case_file_file, name="case-file-file"),
    path(
        "case-files/<int:pk>/export/",
        exports.case_file_download,
        name="case-file-export",
    ),
    path(
        "case-files/<int:pk>/close/",
        other.case_file_close_view,
        name="case-file-close",
    ),
]
