"""Online submission (nộp trực tuyến): a citizen's draft becomes a ``submitted``
dossier with its code and expected appointment; the desk receives it (the clock
starts then) or refuses it; the citizen pays, follows it and gets the result.
Every page is tried from the wrong side: anonymous, another citizen, an official."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from congso.accounts.models import CitizenProfile, User
from congso.audit.models import AuditEvent
from congso.core.errors import ApplicationError, ConflictError
from congso.core.outbox import outbox_drain
from congso.dossiers.constants import Channel, DossierAction, DossierStatus
from congso.dossiers.models import Dossier, DossierPayment
from congso.dossiers.services import dossier_transition
from congso.dossiers.tests.factories import at, build_one_stop, three_steps
from congso.notifications.models import Notification
from congso.portal.submission import services
from congso.portal.submission.models import (
    CitizenDocument,
    DraftStatus,
    StoreKind,
    SubmissionDraft,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


def make_citizen(username: str, personal_id: str, name: str) -> User:
    user = User.objects.create_user(
        username=username, email=f"{username}@example.vn", full_name=name
    )
    CitizenProfile.objects.create(
        user=user,
        personal_id=personal_id,
        phone="0912345678",
        address="Tổ dân phố 3, phường Phong Điền, thành phố Huế",
        identity_verified=True,
        identity_provider="oidc",
    )
    return user


@pytest.fixture
def world(settings, tmp_path) -> Any:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PAYMENTS_SIM_DIR = tmp_path / "payments-sim"
    settings.PAYMENTS_PROVIDER = "simulator"
    one_stop = build_one_stop()
    version = three_steps(one_stop)
    version.fees.create(kind="charge", name="Lệ phí", amount=8000)

    class World:
        pass

    w = World()
    w.one_stop, w.version = one_stop, version
    w.an = make_citizen("an", "046090001234", "Nguyễn Văn An")
    w.binh = make_citizen("binh", "046090005678", "Trần Thị Bình")
    return w


def _pdf(name: str = "to-khai.pdf", data: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def _ready_draft(w: Any, user: User | None = None) -> SubmissionDraft:
    user = user or w.an
    draft = services.draft_start(owner=user, version_id=w.version.pk)
    required = w.version.components.get(order=1)
    services.draft_file_attach(
        draft_id=draft.pk, owner=user, component_id=required.pk, upload=_pdf()
    )
    return SubmissionDraft.objects.get(pk=draft.pk)


def test_draft_starts_filled_from_the_profile_with_the_only_desk(world):
    """The e-form is prefilled from the citizen's profile; the desk is chosen
    when one desk takes the procedure (the commune's centre, not the other ward)."""
    draft = services.draft_start(owner=world.an, version_id=world.version.pk)
    assert draft.form["name"] == "Nguyễn Văn An"
    assert draft.form["personal_id"] == "046090001234"
    assert draft.receiving_agency_id == world.one_stop.centre.pk


def test_submission_gives_code_and_expected_appointment_at_once(world):
    """Submitted: a code of the receiving desk, channel online, the appointment it
    would get now, clock not started; the citizen is notified and it is audited."""
    draft = _ready_draft(world)
    when = at(3, 3, 9)
    dossier = services.draft_submit(draft_id=draft.pk, owner=world.an, now=when)
    assert dossier.status == DossierStatus.SUBMITTED
    assert dossier.channel == Channel.ONLINE
    assert dossier.citizen == world.an
    assert dossier.code.startswith("H57.10.01-260303-")
    assert dossier.received_at is None
    assert dossier.due_at is not None
    assert dossier.components.get().digitised
    assert list(dossier.events.values_list("action", flat=True)) == [
        DossierAction.SUBMIT
    ]
    draft.refresh_from_db()
    assert draft.status == DraftStatus.SUBMITTED
    assert draft.dossier == dossier
    assert Notification.objects.filter(
        event="dossier.submitted", object_id=dossier.code
    ).exists()
    assert AuditEvent.objects.filter(event_type="dossiers.dossier.submitted").exists()


def test_the_desk_receives_a_submitted_dossier_and_the_clock_starts(world):
    """Receiving starts the clock now: received moment, new appointment from now,
    the desk's step started; then it runs like any dossier."""
    dossier = services.draft_submit(
        draft_id=_ready_draft(world).pk, owner=world.an, now=at(3, 3, 9)
    )
    received = dossier_transition(
        dossier=dossier,
        action=DossierAction.RECEIVE,
        actor=world.one_stop.users["reception"],
        now=at(4, 3, 9),
    )
    assert received.status == DossierStatus.RECEIVED
    assert received.received_at == at(4, 3, 9)
    assert received.due_at > dossier.due_at
    step = received.steps.get(order=1)
    assert step.started_at == at(4, 3, 9)
    assert step.due_at is not None
    forwarded = dossier_transition(
        dossier=received,
        action=DossierAction.FORWARD,
        actor=world.one_stop.users["reception"],
        now=at(4, 3, 10),
    )
    assert forwarded.status == DossierStatus.IN_PROGRESS


def test_the_desk_of_another_ward_cannot_receive_it(world):
    dossier = services.draft_submit(draft_id=_ready_draft(world).pk, owner=world.an)
    with pytest.raises(ApplicationError):
        dossier_transition(
            dossier=dossier,
            action=DossierAction.RECEIVE,
            actor=world.one_stop.users["other_reception"],
        )
    assert Dossier.objects.get(pk=dossier.pk).status == DossierStatus.SUBMITTED


def test_incomplete_draft_is_refused_and_nothing_is_created(world):
    draft = services.draft_start(owner=world.an, version_id=world.version.pk)
    with pytest.raises(ApplicationError) as error:
        services.draft_submit(draft_id=draft.pk, owner=world.an)
    assert error.value.code == "incomplete"
    assert not Dossier.objects.exists()
    assert SubmissionDraft.objects.get(pk=draft.pk).status == DraftStatus.DRAFT


def test_invalid_personal_id_is_refused_at_submission(world):
    draft = _ready_draft(world)
    services.draft_save(
        draft_id=draft.pk,
        owner=world.an,
        values={**draft.form, "personal_id": "04609000123"},
        receiving_agency_id=world.one_stop.centre.pk,
    )
    with pytest.raises(ApplicationError) as error:
        services.draft_submit(draft_id=draft.pk, owner=world.an)
    assert "personal_id" in error.value.extra["errors"]
    assert not Dossier.objects.exists()


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("to-khai.pdf", b"MZ\x90\x00 not a pdf", "file_type"),
        ("to-khai.pdf", PDF + b"0" * (10 * 1024 * 1024), "too_large"),
    ],
)
def test_wrong_or_oversize_uploads_are_refused(world, name, data, code):
    """The type is sniffed from the bytes, not the name; the size is limited."""
    draft = services.draft_start(owner=world.an, version_id=world.version.pk)
    with pytest.raises(ApplicationError) as error:
        services.draft_file_attach(
            draft_id=draft.pk,
            owner=world.an,
            component_id=world.version.components.get(order=1).pk,
            upload=_pdf(name, data),
        )
    assert error.value.code == code
    assert not draft.files.exists()


def test_a_document_from_the_store_is_reused_and_flagged(world):
    """Reused from the data store: no upload, and the dossier's component says so
    (DuocLayTuKhoDMQG)."""
    doc = services.store_upload(owner=world.an, upload=_pdf(), title="Tờ khai")
    draft = services.draft_start(owner=world.an, version_id=world.version.pk)
    services.draft_file_reuse(
        draft_id=draft.pk,
        owner=world.an,
        component_id=world.version.components.get(order=1).pk,
        document_id=doc.pk,
    )
    dossier = services.draft_submit(draft_id=draft.pk, owner=world.an)
    assert dossier.components.get().from_store is True


def test_another_citizens_store_document_cannot_be_reused(world):
    doc = services.store_upload(owner=world.binh, upload=_pdf(), title="Của Bình")
    draft = services.draft_start(owner=world.an, version_id=world.version.pk)
    with pytest.raises(ApplicationError) as error:
        services.draft_file_reuse(
            draft_id=draft.pk,
            owner=world.an,
            component_id=world.version.components.get(order=1).pk,
            document_id=doc.pk,
        )
    assert error.value.status_code == 404


def test_a_stale_draft_is_refused(world):
    draft = _ready_draft(world)
    services.draft_save(
        draft_id=draft.pk,
        owner=world.an,
        values=draft.form,
        receiving_agency_id=draft.receiving_agency_id,
        expected_version=draft.row_version,
    )
    with pytest.raises(ConflictError):
        services.draft_save(
            draft_id=draft.pk,
            owner=world.an,
            values=draft.form,
            receiving_agency_id=draft.receiving_agency_id,
            expected_version=draft.row_version,
        )


# -- pages -------------------------------------------------------------------------


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_submit_through_the_pages(world):
    """Catalogue → "Submit online" → e-form → upload → submit → the dossier page
    shows the code and the expected appointment."""
    client = _client(world.an)
    start = client.post(reverse("portal:draft-start", args=[world.version.pk]))
    assert start.status_code == 302
    draft = SubmissionDraft.objects.get(owner=world.an)
    assert start["Location"] == reverse("portal:draft", args=[draft.pk])
    page = client.get(start["Location"])
    assert page.status_code == 200
    assert "Tờ khai đăng ký khai sinh" in page.content.decode()
    required = world.version.components.get(order=1)
    upload = client.post(
        reverse("portal:draft-file", args=[draft.pk, required.pk]), {"file": _pdf()}
    )
    assert upload.status_code == 302
    form = {
        **draft.form,
        "receiving_agency": world.one_stop.centre.pk,
        "request_summary": "Đăng ký khai sinh cho con",
        "row_version": SubmissionDraft.objects.get(pk=draft.pk).row_version,
        "submit": "1",
    }
    done = client.post(reverse("portal:draft", args=[draft.pk]), form)
    dossier = Dossier.objects.get(citizen=world.an)
    assert done.status_code == 302
    assert done["Location"] == reverse("portal:my-dossier", args=[dossier.code])
    shown = client.get(done["Location"]).content.decode()
    assert dossier.code in shown
    assert dossier.status == DossierStatus.SUBMITTED


def test_bad_upload_through_the_page_gets_a_message_not_a_500(world):
    client = _client(world.an)
    draft = services.draft_start(owner=world.an, version_id=world.version.pk)
    required = world.version.components.get(order=1)
    response = client.post(
        reverse("portal:draft-file", args=[draft.pk, required.pk]),
        {"file": SimpleUploadedFile("x.pdf", b"plain text", content_type="text/plain")},
        follow=True,
    )
    assert response.status_code == 200
    assert not draft.files.exists()
    assert list(response.context["messages"])


def _urls(w: Any) -> list[tuple[str, str]]:
    dossier = services.draft_submit(draft_id=_ready_draft(w).pk, owner=w.an)
    draft = services.draft_start(owner=w.an, version_id=w.version.pk)
    doc = services.store_upload(owner=w.an, upload=_pdf(data=PDF + b"%x"), title="A")
    component = w.version.components.get(order=1)
    return [
        ("get", reverse("portal:draft", args=[draft.pk])),
        ("post", reverse("portal:draft-file", args=[draft.pk, component.pk])),
        ("post", reverse("portal:draft-delete", args=[draft.pk])),
        ("get", reverse("portal:my-dossier", args=[dossier.code])),
        ("post", reverse("portal:my-dossier-pay", args=[dossier.code])),
        ("get", reverse("portal:my-result-download", args=[dossier.code, 1])),
        ("get", reverse("portal:my-result-check", args=[dossier.code, 1])),
        ("get", reverse("portal:store-download", args=[doc.pk])),
        ("post", reverse("portal:store-delete", args=[doc.pk])),
    ]


def test_another_citizen_sees_nothing_of_an_dossier(world):
    """Direct URLs of An's draft, dossier, result and stored document: 404 for
    Bình, and nothing of An's is changed or listed."""
    urls = _urls(world)
    client = _client(world.binh)
    for method, url in urls:
        response = getattr(client, method)(url)
        assert response.status_code == 404, (method, url, response.status_code)
    mine = client.get(reverse("portal:my-dossiers")).content.decode()
    assert "Nguyễn Văn An" not in mine
    assert Dossier.objects.get(citizen=world.an).code not in mine
    assert CitizenDocument.objects.filter(owner=world.an).count() == 1
    assert SubmissionDraft.objects.filter(owner=world.an).count() == 2


def test_anonymous_is_sent_to_the_citizen_login(world):
    for method, url in _urls(world):
        response = getattr(Client(), method)(url)
        assert response.status_code == 302, url
        assert "next=" in response["Location"]


def test_an_official_is_refused_the_citizen_pages(world):
    client = _client(world.one_stop.users["reception"])
    for method, url in _urls(world):
        assert getattr(client, method)(url).status_code == 403, url


def test_pay_the_fee_through_the_simulator(world):
    """ "Pay online" → order page → gateway simulator → paid: the payment is
    recorded on the dossier, with a timeline line, and nothing more is due."""
    dossier = services.draft_submit(draft_id=_ready_draft(world).pk, owner=world.an)
    client = _client(world.an)
    order_page = client.post(reverse("portal:my-dossier-pay", args=[dossier.code]))
    assert order_page.status_code == 302
    start = client.post(order_page["Location"])
    assert start.status_code == 302
    assert urlsplit(start["Location"]).path == reverse("payments:sim-pay")
    assert client.get(start["Location"]).status_code == 200
    from congso.payments.models import PaymentOrder

    order = PaymentOrder.objects.get(object_id=dossier.code)
    assert order.amount == 8000
    back = client.post(reverse("payments:sim-decide", args=[order.txn_ref, "success"]))
    client.get(back["Location"])
    outbox_drain()
    payment = DossierPayment.objects.get(dossier=dossier)
    assert payment.amount == 8000
    page = client.get(reverse("portal:my-dossier", args=[dossier.code]))
    assert page.context["due"] == 0
    again = client.post(
        reverse("portal:my-dossier-pay", args=[dossier.code]), follow=True
    )
    assert PaymentOrder.objects.filter(object_id=dossier.code).count() == 1
    assert list(again.context["messages"])


def test_store_keeps_the_same_content_once(world):
    first = services.store_upload(owner=world.an, upload=_pdf(), title="Tờ khai")
    second = services.store_upload(owner=world.an, upload=_pdf(), title="Lần hai")
    assert first.pk == second.pk
    assert first.kind == StoreKind.UPLOADED


def test_the_national_record_says_online_vneid_and_reused(world):
    """KenhThucHien 2, TaiKhoanDuocXacThucVoiVNeID 1 (signed in with the national
    e-identity) and DuocLayTuKhoDMQG 1 for the document taken from the store."""
    from congso.portal.national.mapping import national_record
    from congso.portal.national.selectors import dossier_snapshot_get

    doc = services.store_upload(owner=world.an, upload=_pdf(), title="Tờ khai")
    draft = services.draft_start(owner=world.an, version_id=world.version.pk)
    services.draft_file_reuse(
        draft_id=draft.pk,
        owner=world.an,
        component_id=world.version.components.get(order=1).pk,
        document_id=doc.pk,
    )
    dossier = services.draft_submit(draft_id=draft.pk, owner=world.an)
    record = national_record(dossier_snapshot_get(code=dossier.code))
    assert record["KenhThucHien"] == 2
    assert record["TaiKhoanDuocXacThucVoiVNeID"] == 1
    assert [d["DuocLayTuKhoDMQG"] for d in record["TaiLieuNop"]] == [1]


def test_the_desk_page_offers_receive_and_receives_the_online_dossier(world):
    """The reception officer finds the online dossier in "To receive", opens it
    (applicant's data shown to the desk), and receives it from the page."""
    dossier = services.draft_submit(draft_id=_ready_draft(world).pk, owner=world.an)
    client = _client(world.one_stop.users["reception"])
    queue = client.get(reverse("dossiers:dossier-list"), {"queue": "to_receive"})
    assert dossier.code in queue.content.decode()
    page = client.get(reverse("dossiers:dossier-detail", args=[dossier.code]))
    assert page.status_code == 200
    assert DossierAction.RECEIVE in page.context["detail"].actions
    done = client.post(
        reverse("dossiers:dossier-action", args=[dossier.code]),
        {"action": "receive", "expected_version": dossier.row_version},
    )
    assert done.status_code == 302
    assert Dossier.objects.get(pk=dossier.pk).status == DossierStatus.RECEIVED


def test_citizens_cannot_reach_dossiers_through_back_office_urls_or_the_api(world):
    """Neither the owner nor another citizen gets the officials' page, slips,
    documents or API record of an online dossier (only the citizen pages)."""
    dossier = services.draft_submit(draft_id=_ready_draft(world).pk, owner=world.an)
    urls = [
        reverse("dossiers:dossier-detail", args=[dossier.code]),
        reverse("dossiers:dossier-slip", args=[dossier.code, "receipt"]),
        reverse("dossiers:dossier-attachment-download", args=[dossier.code, 1]),
        f"/api/v1/dossiers/{dossier.code}/",
    ]
    for user in (world.an, world.binh):
        client = _client(user)
        for url in urls:
            response = client.get(url)
            assert response.status_code in (403, 404), (user, url)
            assert "046090001234" not in response.content.decode()


def _waiting_for_supplement(w: Any) -> Dossier:
    dossier = services.draft_submit(
        draft_id=_ready_draft(w).pk, owner=w.an, now=at(3, 3, 9)
    )
    u = w.one_stop.users
    for action, who, when in (
        (DossierAction.RECEIVE, "reception", at(3, 3, 10)),
        (DossierAction.FORWARD, "reception", at(3, 3, 11)),
    ):
        dossier = dossier_transition(
            dossier=dossier, action=action, actor=u[who], now=when
        )
    return dossier_transition(
        dossier=dossier,
        action=DossierAction.REQUEST_SUPPLEMENT,
        actor=u["specialist"],
        note="Thiếu bản sao giấy chứng sinh",
        now=at(4, 3, 9),
    )


def test_the_citizen_hands_in_the_supplement_online_and_the_clock_resumes(world):
    """The page shows why; the upload joins the dossier, the dossier goes back to
    processing and the appointment moves by the working time spent waiting."""
    waiting = _waiting_for_supplement(world)
    client = _client(world.an)
    page = client.get(reverse("portal:my-dossier", args=[waiting.code]))
    assert page.context["waiting_reason"] == "Thiếu bản sao giấy chứng sinh"
    assert page.context["supplement_form"] is not None
    done = client.post(
        reverse("portal:my-dossier-supplement", args=[waiting.code]),
        {"title_1": "Giấy chứng sinh", "file_1": _pdf("gcs.pdf"), "note": "Đã bổ sung"},
    )
    assert done.status_code == 302
    dossier = Dossier.objects.get(pk=waiting.pk)
    assert dossier.status == DossierStatus.IN_PROGRESS
    assert dossier.resumed_at is not None
    assert dossier.due_at >= waiting.due_at
    assert dossier.components.filter(name="Bổ sung: Giấy chứng sinh").exists()
    last = dossier.events.order_by("-occurred_at", "-id").first()
    assert last.action == DossierAction.SUPPLEMENT
    assert last.actor == world.an


def test_a_supplement_without_documents_or_from_another_citizen_is_refused(world):
    waiting = _waiting_for_supplement(world)
    url = reverse("portal:my-dossier-supplement", args=[waiting.code])
    assert _client(world.binh).post(url, {"file_1": _pdf()}).status_code == 404
    _client(world.an).post(url, {"note": "không có tệp"})
    bad = _client(world.an).post(
        url, {"file_1": SimpleUploadedFile("x.pdf", b"text", content_type="text/plain")}
    )
    assert bad.status_code == 302
    dossier = Dossier.objects.get(pk=waiting.pk)
    assert dossier.status == DossierStatus.SUPPLEMENT_REQUESTED
    assert dossier.components.count() == 1


def test_an_in_person_dossier_cannot_be_supplemented_online(world):
    """The online supplement is for dossiers submitted online by that account."""
    from congso.dossiers.services import ComponentData, dossier_supplement_online
    from congso.dossiers.tests.factories import receive

    u = world.one_stop.users
    dossier = dossier_transition(
        dossier=receive(world.one_stop, world.version),
        action=DossierAction.FORWARD,
        actor=u["reception"],
    )
    dossier = dossier_transition(
        dossier=dossier,
        action=DossierAction.REQUEST_SUPPLEMENT,
        actor=u["specialist"],
        note="Thiếu giấy tờ",
    )
    with pytest.raises(ApplicationError) as error:
        dossier_supplement_online(
            dossier=dossier,
            citizen=world.an,
            components=[ComponentData(name="Bổ sung", form="copy")],
        )
    assert error.value.code == "not_owner"
    assert Dossier.objects.get(pk=dossier.pk).status == (
        DossierStatus.SUPPLEMENT_REQUESTED
    )


def test_the_citizen_withdraws_only_with_the_tick_and_only_their_own(world):
    dossier = services.draft_submit(draft_id=_ready_draft(world).pk, owner=world.an)
    url = reverse("portal:my-dossier-withdraw", args=[dossier.code])
    assert _client(world.binh).post(url, {"confirm": "on"}).status_code == 404
    _client(world.an).post(url, {"note": "Nộp nhầm"})  # no tick: nothing happens
    assert Dossier.objects.get(pk=dossier.pk).status == DossierStatus.SUBMITTED
    _client(world.an).post(url, {"note": "Nộp nhầm", "confirm": "on"})
    withdrawn = Dossier.objects.get(pk=dossier.pk)
    assert withdrawn.status == DossierStatus.WITHDRAWN
    assert withdrawn.finished_at is not None
    page = _client(world.an).get(reverse("portal:my-dossier", args=[dossier.code]))
    assert page.context["withdraw_form"] is None
    assert page.context["due"] == 0


def test_the_citizen_sees_the_messages_sent_about_the_dossier(world):
    """Each notification (e-mail, SMS, Zalo) is a line of the dossier's page,
    with the address masked."""
    dossier = services.draft_submit(draft_id=_ready_draft(world).pk, owner=world.an)
    page = _client(world.an).get(reverse("portal:my-dossier", args=[dossier.code]))
    lines = page.context["notifications"]
    assert {n.event for n in lines} == {"dossier.submitted"}
    assert len(lines) >= 2  # e-mail and SMS at least
    html = page.content.decode()
    assert "an@example.vn" not in html
    assert "0912345678" not in html


def test_a_dossier_just_submitted_can_be_looked_up_by_its_code(world):
    """The code shown at submission works on the public lookup at once (page and
    API), without the personal data."""
    dossier = services.draft_submit(draft_id=_ready_draft(world).pk, owner=world.an)
    page = Client().get(reverse("portal:dossier-lookup-result", args=[dossier.code]))
    assert page.status_code == 200
    assert dossier.code in page.content.decode()
    assert "046090001234" not in page.content.decode()
    api = Client().get(f"/api/v1/public/dossiers/{dossier.code}/")
    assert api.status_code == 200
    assert api.json()["status"] == DossierStatus.SUBMITTED


def test_back_from_signing_in_the_start_address_leads_on(world):
    """Signing in cannot repeat the POST of "Submit online": the GET of the same
    address leads to the citizen's open draft of it, else to the procedure."""
    client = _client(world.an)
    url = reverse("portal:draft-start", args=[world.version.pk])
    first = client.get(url)
    assert first["Location"] == reverse(
        "portal:procedure-detail", args=[str(world.version.pk)]
    )
    assert not SubmissionDraft.objects.exists()
    client.post(url)
    draft = SubmissionDraft.objects.get()
    assert client.get(url)["Location"] == reverse("portal:draft", args=[draft.pk])


def test_citizen_pages_have_a_plain_title_and_unique_ids(world):
    """Each page's <title> is text only, and no element id is repeated (labels
    and headings are referred to by id, for screen readers)."""
    import re

    dossier = services.draft_submit(draft_id=_ready_draft(world).pk, owner=world.an)
    draft = services.draft_start(owner=world.an, version_id=world.version.pk)
    client = _client(world.an)
    for url in (
        reverse("portal:my-dossiers"),
        reverse("portal:my-dossier", args=[dossier.code]),
        reverse("portal:draft", args=[draft.pk]),
        reverse("portal:store"),
    ):
        html = client.get(url).content.decode()
        [title] = re.findall(r"<title>(.*?)</title>", html, re.DOTALL)
        assert "<" not in title, url
        ids = re.findall(r'\sid="([^"]+)"', html)
        assert len(ids) == len(set(ids)), (
            url,
            sorted(i for i in ids if ids.count(i) > 1),
        )


def test_stored_file_names_lose_paths_and_take_the_real_extension(world):
    """A name typed by a browser on Windows, or a PDF named ``.png``, is kept
    without its path and with the extension of what the file really is."""
    doc = services.store_upload(
        owner=world.an, upload=_pdf("C:\\Users\\an\\giấy tờ.png"), title="Giấy tờ"
    )
    assert doc.original_name == "giấy tờ.pdf"
