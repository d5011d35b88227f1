from django.urls import path

from congso.feedback.api import views

urlpatterns = [
    path("feedback/mine/", views.MyFeedbackListApi.as_view(), name="api-feedback-mine"),
    path(
        "feedback/mine/<str:code>/",
        views.MyFeedbackDetailApi.as_view(),
        name="api-feedback-mine-detail",
    ),
    path(
        "feedback/queue/",
        views.FeedbackQueueApi.as_view(),
        name="api-feedback-queue",
    ),
    path(
        "feedback/queue/<str:code>/",
        views.FeedbackQueueDetailApi.as_view(),
        name="api-feedback-queue-detail",
    ),
    path(
        "feedback/queue/<str:code>/actions/",
        views.FeedbackActionApi.as_view(),
        name="api-feedback-action",
    ),
    path(
        "ratings/<str:code>/",
        views.DossierRatingApi.as_view(),
        name="api-rating",
    ),
]
