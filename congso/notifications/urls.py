from django.urls import path

from congso.notifications import views

app_name = "notifications"

urlpatterns = [
    path("demo-outbox/", views.demo_outbox, name="demo-outbox"),
]
