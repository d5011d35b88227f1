from django.templatetags.static import static
from django.urls import path
from django.views.generic import RedirectView

from congso.core import views

app_name = "core"

urlpatterns = [
    path("healthz", views.health, name="health"),
    # Browsers ask for /favicon.ico whatever the page says (PDFs, the API docs).
    path(
        "favicon.ico",
        RedirectView.as_view(url=static("img/favicon.svg"), permanent=True),
    ),
]
