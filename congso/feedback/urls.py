from django.urls import path

from congso.feedback import views, views_official

app_name = "feedback"

urlpatterns = [
    # Citizens (Vietnamese paths, like the portal's).
    path("phan-anh/", views.public_list, name="public-list"),
    path("phan-anh/gui/", views.submit, name="submit"),
    path("phan-anh/cua-toi/", views.my_list, name="my-list"),
    path("phan-anh/cua-toi/<str:code>/", views.my_detail, name="my-detail"),
    path(
        "phan-anh/cua-toi/<str:code>/bo-sung/",
        views.my_supplement,
        name="my-supplement",
    ),
    path(
        "phan-anh/cua-toi/<str:code>/phan-anh-lai/",
        views.my_reraise,
        name="my-reraise",
    ),
    path(
        "phan-anh/cua-toi/<str:code>/tep/<int:pk>/",
        views.my_attachment,
        name="my-attachment",
    ),
    path("phan-anh/<str:code>/", views.public_detail, name="public-detail"),
    path("phan-anh/<str:code>/binh-chon/", views.public_vote, name="public-vote"),
    path("danh-gia/<str:code>/", views.rate, name="rate"),
    # Officials.
    path("feedback/", views_official.queue, name="queue"),
    path("feedback/dashboard/", views_official.dashboard, name="dashboard"),
    path("feedback/ratings/", views_official.rating_list, name="rating-list"),
    path(
        "feedback/counter-rating/<str:code>/",
        views_official.counter_rating,
        name="counter-rating",
    ),
    path("feedback/<str:code>/", views_official.detail, name="detail"),
    path("feedback/<str:code>/actions/", views_official.action, name="action"),
    path(
        "feedback/<str:code>/files/<int:pk>/",
        views_official.attachment,
        name="attachment",
    ),
]
