"""The lookup's read model (``PublicDossierView``): written in the transaction of
every change the public sees, identical to the answer read from the dossiers'
tables, served with the timeliness of the moment, rebuilt by a command, and
skipped (the lookup reads the dossiers' tables) when missing or outdated."""

from __future__ import annotations

import html
import json
import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.cache import SessionStore
from django.core.management import call_command
from django.db import connection, transaction
from django.http import HttpResponse
from django.shortcuts import render
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers

from congso.core.outbox import outbox_drain, outbox_publish
from congso.dossiers.constants import DossierAction as A
from congso.dossiers.models import Dossier
from congso.dossiers.services import DossierError, dossier_transition
from congso.dossiers.tests.factories import receive, three_steps
from congso.portal import public_view, shell
from congso.portal.api.serializers import PublicDossierOutput
from congso.portal.forms import LookupForm
from congso.portal.models import PublicDossierView
from congso.portal.selectors import dossier_lookup_get, public_view_outdated_ids
from congso.portal.tests.conftest import Lookup, secrets_of
from congso.portal.views import TEMPLATE

pytestmark = pytest.mark.django_db


def page_url(code: str) -> str:
    return reverse("portal:dossier-lookup-result", args=[code])


def api_url(code: str) -> str:
    return reverse("api-public-dossier-detail", args=[code])


def row(dossier: Dossier) -> PublicDossierView:
    return PublicDossierView.objects.get(dossier=dossier)


def live_body(code: str) -> dict[str, object]:
    """The API answer through the DRF serializer from the dossiers' tables."""
    with translation.override("vi"):
        public = dossier_lookup_get(code=code)
        assert public is not None
        return json.loads(json.dumps(PublicDossierOutput(public).data))


def test_reception_writes_the_row_after_commit(client, one_stop) -> None:
    """A dossier received at the desk is answered from its tables at once, and is
    in the read model once the worker has run, in Vietnamese and the current
    rendering, with nothing private in it."""
    dossier = receive(one_stop, three_steps(one_stop), name="Trần Văn Bình")
    assert not PublicDossierView.objects.filter(dossier=dossier).exists()
    assert client.get(api_url(dossier.code)).json()["code"] == dossier.code
    outbox_drain()
    view = row(dossier)
    assert (view.code, view.row_version) == (dossier.code, dossier.row_version)
    assert (view.rendering, view.language) == (public_view.RENDERING, "vi")
    assert public_view.TIMELINESS_SLOT in view.page
    assert "Trần V** B***" in html.unescape(view.page)
    assert "Trần Văn Bình" not in view.page + view.body
    assert view.due_at == dossier.due_at


def test_every_transition_rewrites_the_row(lookup: Lookup) -> None:
    """After each change the row has the dossier's version and the new status."""
    for dossier in (lookup.waiting, lookup.returned, lookup.refused):
        dossier.refresh_from_db()
        view = row(dossier)
        assert view.row_version == dossier.row_version
        assert json.loads(view.body)["status"] == dossier.status
    waiting = dossier_transition(
        dossier=lookup.waiting,
        action=A.SUPPLEMENT,
        actor=lookup.one_stop.users["reception"],
    )
    assert row(waiting).row_version == waiting.row_version - 1  # until the worker
    outbox_drain()
    view = row(waiting)
    assert view.row_version == waiting.row_version
    body = json.loads(view.body)
    assert (body["status"], body["reason"]) == ("in_progress", "")
    assert body["history"][-1]["action"] == "supplement"


def test_a_failed_transition_leaves_the_row_alone(lookup: Lookup) -> None:
    """A refused change publishes nothing: the row stays as it was."""
    before = row(lookup.returned).body
    with pytest.raises(DossierError):
        dossier_transition(
            dossier=lookup.returned,
            action=A.FORWARD,
            actor=lookup.one_stop.users["reception"],
        )
    outbox_drain()
    assert row(lookup.returned).body == before


def test_the_stored_answer_is_the_live_answer(client, lookup: Lookup) -> None:
    """What the read model serves equals what the dossiers' tables give: the API
    body equals DRF's serializer output, the page equals the fallback's page."""
    for dossier in (lookup.waiting, lookup.returned, lookup.refused):
        stored = client.get(api_url(dossier.code))
        assert stored["Content-Type"] == "application/json"
        assert stored.json() == live_body(dossier.code)
        page = client.get(page_url(dossier.code)).content.decode()
        PublicDossierView.objects.filter(dossier=dossier).delete()
        fallback = client.get(page_url(dossier.code)).content.decode()
        assert normalise(page) == normalise(fallback)
        assert client.get(api_url(dossier.code)).json() == live_body(dossier.code)


def normalise(page: str) -> str:
    """Without the CSRF token, masked afresh for every page."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)


def test_missing_row_falls_back_to_the_dossier_tables(client, lookup: Lookup) -> None:
    """Without a row (a dossier from before the migration) the lookup reads the
    dossiers' tables: 1 + 3 queries, the same answer, and still writes nothing."""
    code = lookup.returned.code
    PublicDossierView.objects.filter(dossier=lookup.returned).delete()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page_url(code))
    assert response.status_code == 200
    assert len(queries) == 4
    assert "Đã trả kết quả" in html.unescape(response.content.decode())
    assert not PublicDossierView.objects.filter(dossier=lookup.returned).exists()


def test_outdated_rendering_or_language_is_not_served(client, lookup: Lookup) -> None:
    """A row of another rendering is skipped (a marker planted in it never shows),
    and so is a Vietnamese row for an English visitor."""
    PublicDossierView.objects.filter(dossier=lookup.waiting).update(
        rendering=public_view.RENDERING - 1, page="STALE", body='{"stale":1}'
    )
    page = client.get(page_url(lookup.waiting.code)).content.decode()
    assert "STALE" not in page
    assert "stale" not in client.get(api_url(lookup.waiting.code)).json()
    english = client.get(page_url(lookup.returned.code), HTTP_ACCEPT_LANGUAGE="en")
    assert "Result returned" in english.content.decode()
    data = client.get(api_url(lookup.returned.code), HTTP_ACCEPT_LANGUAGE="en").json()
    assert data["status_label"] == "Returned"


def test_timeliness_is_that_of_the_moment(client, lookup: Lookup) -> None:
    """The row is not rewritten when an open dossier's appointment passes; the
    answer turns to overdue by itself."""
    code = lookup.waiting.code
    dossier = Dossier.objects.get(code=code)
    dossier_transition(
        dossier=dossier, action=A.SUPPLEMENT, actor=lookup.one_stop.users["reception"]
    )
    dossier.refresh_from_db()
    assert client.get(api_url(code)).json()["timeliness"] == "within_deadline"
    assert "Trong hạn" in html.unescape(client.get(page_url(code)).content.decode())
    with time_machine.travel(dossier.due_at + timedelta(days=1), tick=False):
        data = client.get(api_url(code)).json()
        assert (data["timeliness"], data["timeliness_label"]) == ("overdue", "Quá hạn")
        page = html.unescape(client.get(page_url(code)).content.decode())
        assert "Quá hạn" in page


def test_rebuild_command_writes_missing_and_outdated_rows(lookup: Lookup) -> None:
    """The backfill: rows deleted or of an old rendering are written again, and
    equal to those the transactions wrote."""
    before = {v.code: v.body for v in PublicDossierView.objects.all()}
    PublicDossierView.objects.filter(dossier=lookup.waiting).delete()
    PublicDossierView.objects.filter(dossier=lookup.refused).update(rendering=0)
    outdated = public_view_outdated_ids(rendering=public_view.RENDERING, language="vi")
    assert outdated == sorted([lookup.waiting.pk, lookup.refused.pk])
    call_command("portal_public_view_rebuild", verbosity=0)
    assert {v.code: v.body for v in PublicDossierView.objects.all()} == before
    assert (
        public_view_outdated_ids(rendering=public_view.RENDERING, language="vi") == []
    )
    call_command("portal_public_view_rebuild", "--all", verbosity=0)
    assert PublicDossierView.objects.count() == 3


def test_rendering_error_does_not_stop_the_desk(lookup: Lookup, monkeypatch) -> None:
    """A broken template never touches the transition (it is rendered after
    commit); the worker removes the row (the lookup falls back) and logs."""

    def broken(_public: object) -> str:
        raise ValueError("template error")

    monkeypatch.setattr(public_view, "render_page", broken)
    waiting = dossier_transition(
        dossier=lookup.waiting,
        action=A.SUPPLEMENT,
        actor=lookup.one_stop.users["reception"],
    )
    assert waiting.status == "in_progress"
    outbox_drain()
    assert not PublicDossierView.objects.filter(dossier=waiting).exists()


def test_online_payment_reaches_the_public_history(client, one_stop) -> None:
    """The payment's line of the timeline reaches the read model (the payment is
    a new version of the dossier), in the citizen's words (the label, not the
    code)."""
    dossier = receive(one_stop, three_steps(one_stop))
    payload = {
        "order_id": 9,
        "object_type": "dossiers.dossier",
        "object_id": dossier.code,
        "amount": 50_000,
        "channel": 2,
        "paid_at": timezone.now().isoformat(),
        "receipt_number": "BL2026-0000009",
    }
    with transaction.atomic():
        outbox_publish(topic="payments.payment_completed", payload=payload)
    outbox_drain()
    history = json.loads(row(dossier).body)["history"]
    assert history[-1]["action"] == "pay"
    with translation.override("vi"):
        assert history[-1]["description"] == str(A.PAY.label)
    assert client.get(api_url(dossier.code)).json()["history"] == history


def test_cached_layout_page_equals_the_template_page(lookup: Lookup) -> None:
    """The anonymous page built from the cached layout is the page the full
    template renders, with the request's own CSRF token and return path."""
    code = lookup.refused.code
    request = RequestFactory().get(page_url(code))
    request.user = AnonymousUser()
    request.session = SessionStore()
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    with translation.override("vi"):
        found = public_view.lookup_page_fragment(code=code)
        assert found is not None
        fast = shell.page(request, typed=code, code=found[0], html=found[1])
        context = {
            "form": LookupForm(initial={"ma": code}),
            "dossier_code": found[0],
            "dossier_html": found[1],
        }
        full = render(request, TEMPLATE, context).content.decode()
    assert normalise(fast) == normalise(full)
    assert re.search(r'name="csrfmiddlewaretoken" value="\w{64}"', fast)
    assert f'name="next" type="hidden" value="{page_url(code)}"' in fast


def test_cached_layout_escapes_what_the_visitor_typed(client, lookup: Lookup) -> None:
    """A code typed in lower case is shown as typed, the dossier's own code in the
    title; nothing private, and the shell's markers never leak."""
    code = lookup.waiting.code
    content = client.get(page_url(code.lower())).content.decode()
    assert f'value="{code.lower()}"' in content
    assert code in content
    assert "CONGSOSHELLMARK" not in content
    assert [s for s in secrets_of(lookup) if s in html.unescape(content)] == []


def test_signed_in_users_get_their_own_navigation(client, lookup: Lookup) -> None:
    """The cached layout is for anonymous visitors: an official sees the stored
    answer inside the navigation of a signed-in user."""
    user = lookup.one_stop.users["land"]
    client.force_login(user)
    response = client.get(page_url(lookup.returned.code))
    assert response.status_code == 200
    assert TEMPLATE in [t.name for t in response.templates]
    assert user.get_full_name() in response.content.decode()


def test_fast_page_sends_the_never_cache_headers(client, lookup: Lookup) -> None:
    """The headers written directly are those of ``add_never_cache_headers``."""
    expected = HttpResponse()
    add_never_cache_headers(expected)
    response = client.get(page_url(lookup.waiting.code))
    assert response["Cache-Control"] == expected["Cache-Control"]
    assert "Expires" in response
