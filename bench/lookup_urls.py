"""The project's URLs plus ``/bench/hello``, the floor of ``bench.lookup``: a view
that returns a constant through the full middleware stack (``/healthz`` runs
``SELECT 1`` and so is not a hello world)."""

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, path

from congso.conf.urls import handler400, handler403, handler404, handler500
from congso.conf.urls import urlpatterns as project_urlpatterns


def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"Hello, world", content_type="text/plain; charset=utf-8")


urlpatterns: list[URLPattern | URLResolver] = [
    path("bench/hello", hello),
    *project_urlpatterns,
]

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
