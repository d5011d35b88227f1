"""Pages from every side: the citizen's own, another citizen, anonymous, an
official of another agency, the wrong role; constant queries on list pages; bad
input answered with a 4xx and nothing stored."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from congso.feedback.constants import FeedbackStatus
from congso.feedback.models import DossierRating, Feedback
from congso.feedback.tests.factories import (
    citizen as make_citizen,
)
from congso.feedback.tests.factories import (
    finished_dossier,
    pdf,
    submit,
    walk,
)

pytestmark = pytest.mark.django_db


def _login(client, user) -> None:
    client.force_login(user)


# -- citizen pages ------------------------------------------------------------------


def test_submit_page_sends_feedback(client, one_stop, citizen):
    _login(client, citizen)
    page = client.get(reverse("feedback:submit"))
    assert page.status_code == 200
    assert page.context["form"].initial["contact_name"] == "Nguyễn Thị Hoà"
    response = client.post(
        reverse("feedback:submit"),
        {
            "category": "staff_conduct",
            "agency": one_stop.commune.pk,
            "title": "Thái độ cán bộ",
            "content": "Cán bộ trả lời thiếu lịch sự.",
            "contact_name": "Nguyễn Thị Hoà",
            "contact_phone": "0905123678",
            "attachments": [pdf()],
        },
    )
    item = Feedback.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("feedback:my-detail", args=[item.code])
    assert item.attachments.count() == 1


@pytest.mark.parametrize(
    "change",
    [
        {"title": "x" * 201},
        {"content": ""},
        {"agency": "", "dossier_code": ""},
        {"dossier_code": "KHONG-CO"},
        {"contact_phone": "abc"},
    ],
)
def test_bad_submissions_get_400_and_nothing_is_stored(
    client, one_stop, citizen, change
):
    _login(client, citizen)
    data = {
        "category": "procedure",
        "agency": one_stop.commune.pk,
        "title": "Tiêu đề",
        "content": "Nội dung",
        "contact_name": "Hoà",
        **change,
    }
    response = client.post(reverse("feedback:submit"), data)
    assert response.status_code == 400
    assert response.context["form"].errors
    assert not Feedback.objects.exists()


def test_a_wrong_file_type_gets_400(client, one_stop, citizen):
    from django.core.files.uploadedfile import SimpleUploadedFile

    _login(client, citizen)
    response = client.post(
        reverse("feedback:submit"),
        {
            "category": "procedure",
            "agency": one_stop.commune.pk,
            "title": "Tiêu đề",
            "content": "Nội dung",
            "contact_name": "Hoà",
            "attachments": [SimpleUploadedFile("a.pdf", b"<html>not a pdf</html>")],
        },
    )
    assert response.status_code == 400
    assert "attachments" in response.context["form"].errors
    assert not Feedback.objects.exists()


def test_officials_and_anonymous_do_not_submit(client, one_stop):
    response = client.get(reverse("feedback:submit"))
    assert response.status_code == 302
    assert "login" in response["Location"]
    _login(client, one_stop.users["reception"])
    assert client.get(reverse("feedback:submit")).status_code == 403


def test_my_feedback_is_mine_only(client, one_stop, citizen, other_citizen):
    item = submit(one_stop, citizen, files=[pdf()])
    attachment = item.attachments.get()
    _login(client, citizen)
    assert (
        client.get(reverse("feedback:my-detail", args=[item.code])).status_code == 200
    )
    download = client.get(
        reverse("feedback:my-attachment", args=[item.code, attachment.pk])
    )
    assert download.status_code == 200
    _login(client, other_citizen)
    assert (
        client.get(reverse("feedback:my-detail", args=[item.code])).status_code == 404
    )
    assert (
        client.get(
            reverse("feedback:my-attachment", args=[item.code, attachment.pk])
        ).status_code
        == 404
    )
    assert item.code not in client.get(reverse("feedback:my-list")).content.decode()


def test_the_citizen_adds_information_from_the_page(client, one_stop, citizen):
    item = walk(
        one_stop, submit(one_stop, citizen), FeedbackStatus.SUPPLEMENT_REQUESTED
    )
    _login(client, citizen)
    url = reverse("feedback:my-supplement", args=[item.code])
    stale = client.post(url, {"note": "Ảnh", "expected_version": 0})
    assert stale.status_code == 409
    response = client.post(url, {"note": "Ảnh", "expected_version": item.row_version})
    assert response.status_code == 302
    assert Feedback.objects.get().status == FeedbackStatus.IN_HANDLING


def _count(client, url: str) -> int:
    client.get(url)  # warm the per-process caches (tree, calendar)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_list_pages_run_the_same_queries_for_1_and_20_rows(
    client, one_stop, citizen, settings
):
    settings.VERSION_TOKEN_MS = 0  # read the tree's token every time: stable counts
    first = walk(one_stop, submit(one_stop, citizen), FeedbackStatus.PUBLISHED)
    pages = {
        citizen: [reverse("feedback:my-list"), reverse("feedback:public-list")],
        one_stop.users["leader"]: [
            reverse("feedback:queue") + "?queue=all",
            reverse("feedback:detail", args=[first.code]),
        ],
    }
    counts = {}
    for user, urls in pages.items():
        _login(client, user)
        for url in urls:
            counts[url] = _count(client, url)
    for _ in range(19):
        walk(one_stop, submit(one_stop, citizen), FeedbackStatus.PUBLISHED)
    for user, urls in pages.items():
        _login(client, user)
        for url in urls:
            assert _count(client, url) == counts[url], url


def test_public_list_masks_names_and_shows_only_published(client, one_stop, citizen):
    published = walk(one_stop, submit(one_stop, citizen), FeedbackStatus.PUBLISHED)
    hidden = walk(
        one_stop, submit(one_stop, citizen, title="Chưa công khai"), "answered"
    )
    html = client.get(reverse("feedback:public-list")).content.decode()
    assert published.title in html
    assert hidden.title not in html
    assert "Nguyễn T** H**" in html
    assert "Nguyễn Thị Hoà" not in html
    assert (
        client.get(reverse("feedback:public-detail", args=[hidden.code])).status_code
        == 404
    )
    detail = client.get(reverse("feedback:public-detail", args=[published.code]))
    assert "0905123678" not in detail.content.decode()


def test_voting_from_the_public_page(client, one_stop, citizen):
    item = walk(one_stop, submit(one_stop, citizen), FeedbackStatus.PUBLISHED)
    url = reverse("feedback:public-vote", args=[item.code])
    assert client.post(url, {"value": "like"}).status_code == 302  # to the login
    _login(client, citizen)
    assert client.post(url, {"value": "like"}).status_code == 302
    assert client.post(url, {"value": "like"}).status_code == 409
    assert client.post(url, {"value": "meh"}).status_code == 400
    item.refresh_from_db()
    assert item.like_count == 1


# -- rating page --------------------------------------------------------------------


def test_the_rating_page_is_the_owners_only(client, one_stop, citizen, other_citizen):
    dossier = finished_dossier(one_stop, citizen)
    url = reverse("feedback:rate", args=[dossier.code])
    assert client.get(url).status_code == 302  # anonymous: to the login
    _login(client, other_citizen)
    assert client.get(url).status_code == 404
    assert client.post(url, {"level": "satisfied"}).status_code == 404
    _login(client, one_stop.users["reception"])
    assert client.get(url).status_code == 404
    _login(client, citizen)
    assert client.get(url).status_code == 200
    assert client.post(url, {"level": "very_satisfied"}).status_code == 302
    assert DossierRating.objects.get().level == "very_satisfied"
    assert client.post(url, {"level": "??"}).status_code == 400


def test_an_unfinished_dossier_cannot_be_rated_from_the_page(client, one_stop, citizen):
    from congso.dossiers.models import Dossier
    from congso.dossiers.tests.factories import receive, three_steps

    dossier = receive(one_stop, three_steps(one_stop))
    Dossier.objects.filter(pk=dossier.pk).update(citizen=citizen)
    _login(client, citizen)
    response = client.post(
        reverse("feedback:rate", args=[dossier.code]), {"level": "satisfied"}
    )
    assert response.status_code == 400
    assert not DossierRating.objects.exists()


def test_counter_rating_by_the_desk_only(client, one_stop):
    dossier = finished_dossier(one_stop, None)
    url = reverse("feedback:counter-rating", args=[dossier.code])
    _login(client, one_stop.users["other_reception"])
    assert client.get(url).status_code == 404
    _login(client, one_stop.users["reception"])
    assert client.post(url, {"level": "satisfied"}).status_code == 302
    assert DossierRating.objects.get().channel == "counter"


# -- official pages -----------------------------------------------------------------


def test_official_pages_from_the_wrong_side(client, one_stop, citizen):
    item = submit(one_stop, citizen)
    detail = reverse("feedback:detail", args=[item.code])
    assert client.get(detail).status_code == 302
    _login(client, citizen)
    assert client.get(reverse("feedback:queue")).status_code == 403
    assert client.get(detail).status_code == 404
    _login(client, one_stop.users["other_reception"])  # another agency
    assert client.get(detail).status_code == 404
    assert item.code not in client.get(reverse("feedback:queue")).content.decode()
    _login(client, one_stop.users["land"])  # a specialist elsewhere, no desk role
    assert client.get(reverse("feedback:queue")).status_code == 403
    _login(client, one_stop.users["reception"])
    assert client.get(detail).status_code == 200
    assert (
        item.code
        in client.get(reverse("feedback:queue") + "?queue=new").content.decode()
    )


def test_the_desk_accepts_and_the_leader_answers_and_publishes(
    client, one_stop, citizen
):
    item = submit(one_stop, citizen)
    url = reverse("feedback:action", args=[item.code])
    _login(client, one_stop.users["reception"])
    assert (
        client.post(url, {"action": "accept", "expected_version": 0}).status_code == 302
    )
    refused = client.post(url, {"action": "publish", "expected_version": 1})
    assert refused.status_code == 400  # not answered yet
    assert refused.context["form"].non_field_errors()
    _login(client, one_stop.users["leader"])
    client.post(
        url, {"action": "answer", "note": "Đã chấn chỉnh.", "expected_version": 1}
    )
    response = client.post(url, {"action": "publish", "expected_version": 2})
    assert response.status_code == 302
    assert Feedback.objects.get().status == FeedbackStatus.PUBLISHED


def test_the_desk_cannot_publish(client, one_stop, citizen):
    item = walk(one_stop, submit(one_stop, citizen), FeedbackStatus.ANSWERED)
    _login(client, one_stop.users["reception"])
    response = client.post(
        reverse("feedback:action", args=[item.code]),
        {"action": "publish", "expected_version": item.row_version},
    )
    assert response.status_code == 403
    assert Feedback.objects.get().status == FeedbackStatus.ANSWERED


def test_dashboard_for_leaders_of_the_agency_only(client, one_stop, citizen):
    walk(one_stop, submit(one_stop, citizen), FeedbackStatus.PUBLISHED)
    _login(client, one_stop.users["reception"])
    assert client.get(reverse("feedback:dashboard")).status_code == 403
    _login(client, citizen)
    assert client.get(reverse("feedback:dashboard")).status_code == 403
    _login(client, one_stop.users["leader"])
    assert client.get(reverse("feedback:dashboard")).status_code == 200
    march = {"agency": one_stop.commune.pk, "start": "01/03/2026", "end": "31/03/2026"}
    page = client.get(reverse("feedback:dashboard"), march)
    assert page.status_code == 200
    board = page.context["board"]
    assert board.feedback.total == 1
    wrong = client.get(
        reverse("feedback:dashboard"),
        {
            "agency": one_stop.other_commune.pk,
            "start": "01/03/2026",
            "end": "31/03/2026",
        },
    )
    assert wrong.status_code == 404  # not one of the leader's agencies
    bad = client.get(
        reverse("feedback:dashboard"),
        {"agency": one_stop.commune.pk, "start": "2026-31-03", "end": "01/03/2026"},
    )
    assert bad.status_code == 400
    ratings = client.get(reverse("feedback:rating-list"), march)
    assert ratings.status_code == 200


def test_home_panels_for_the_desk_and_the_citizen(client, one_stop, citizen):
    submit(one_stop, citizen)
    _login(client, one_stop.users["reception"])
    home = client.get(reverse("accounts:home"))
    assert reverse("feedback:queue") in home.content.decode()
    _login(client, make_citizen("congdan3"))
    assert client.get(reverse("accounts:home")).status_code == 200
