"""Pages of the notifications app."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from congso.notifications.selectors import demo_message_list


@login_required
def demo_outbox(request: HttpRequest) -> HttpResponse:
    """The demo SMS and Zalo messages (hộp thư mô phỏng), newest first, for staff."""
    if not request.user.has_perm("notifications.view_demo_outbox"):
        raise PermissionDenied
    page = Paginator(demo_message_list(), 50).get_page(request.GET.get("page"))
    return render(request, "notifications/demo_outbox.html", {"page": page})
