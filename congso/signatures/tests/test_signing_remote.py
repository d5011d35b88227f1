"""Remote signing through the simulator (mobile-approval style): the request is
prepared and stored pending, the outbox sends the hash, the "signer" approves or
rejects on the simulator page (or its API), and polling embeds the signature —
once — or records the rejection or expiry with a Vietnamese message."""

from __future__ import annotations

import base64
import json
import uuid
from datetime import timedelta

import pytest
from cryptography.hazmat.primitives import serialization
from django.test import Client
from django.urls import reverse

from congso.audit.models import AuditEvent
from congso.core.models import OutboxMessage
from congso.core.outbox import deadline_scanners, outbox_drain
from congso.signatures import services as pki_services
from congso.signatures.constants import CertificateKind
from congso.signatures.services import RemoteKeyRef
from congso.signatures.signing import errors
from congso.signatures.signing.constants import (
    EVENT_SIGNED,
    TOPIC_REQUEST_SUBMIT,
    PAdESLevel,
    SignaturePurpose,
    SigningRequestStatus,
)
from congso.signatures.signing.contrib.remote_sim.provider import simulator_get
from congso.signatures.signing.documents import DecisionDraft, decision_pdf
from congso.signatures.signing.models import SigningRequest
from congso.signatures.signing.requests import (
    signing_request_create,
    signing_request_poll,
    signing_request_submit,
    signing_request_sweep,
)
from congso.signatures.tests import poppler
from congso.signatures.tests import signing_support as check
from congso.signatures.tests.signing_support import world_fixture  # noqa: F401

pytestmark = pytest.mark.django_db
S = SigningRequestStatus


@pytest.fixture(scope="module")
def decision() -> bytes:
    return decision_pdf(
        DecisionDraft(
            issuing="UBND phường Thử Nghiệm",
            subject="Thử nghiệm ký số từ xa",
            authority="Chủ tịch UBND phường Thử Nghiệm",
            signer_prefix="TM. Ủy ban nhân dân",
            signer_title="Chủ tịch",
            signer_name="Trần Thị Lan",
        )
    )


@pytest.fixture
def simulator(settings, tmp_path):
    settings.SIGNATURES_REMOTE_SIM_DIR = tmp_path / "remote-sim"
    return simulator_get()


def _remote_certificate(world, simulator, marker: str = ""):
    """A certificate whose key only the simulator holds."""
    identity = world.pki.issue_personal(
        f"remote-{uuid.uuid4().hex[:8]}", "Trần Thị Lan"
    )
    credential = f"lan-{uuid.uuid4().hex[:6]}{marker}"
    simulator.credential_add(
        credential_id=credential,
        holder="Trần Thị Lan",
        certificate=identity.certificate,
        key=identity.key,
    )
    return pki_services.certificate_import(
        data=identity.certificate.public_bytes(serialization.Encoding.PEM),
        kind=CertificateKind.PERSONAL,
        owner_user=world.leader,
        key_ref=RemoteKeyRef(provider="simulator", credential_id=credential),
        actor=None,
    )


def _request(world, certificate, pdf, level=PAdESLevel.B_LT):
    return signing_request_create(
        pdf=pdf,
        certificate=certificate,
        actor=world.leader,
        purpose=SignaturePurpose.PERSONAL_APPROVAL,
        title="Quyết định thử nghiệm ký số từ xa",
        level=level,
    )


def test_approve_on_the_phone_then_poll_embeds_once(
    world, simulator, decision, tmp_path
):
    certificate = _remote_certificate(world, simulator)
    request = _request(world, certificate, decision)
    assert request.status == S.PENDING
    assert OutboxMessage.objects.filter(topic=TOPIC_REQUEST_SUBMIT).count() == 1
    outbox_drain()
    request.refresh_from_db()
    assert request.transaction_id
    assert signing_request_poll(request_id=request.pk).status == S.PENDING

    page = Client().get(reverse("signatures:remote_sim:index"))
    assert page.status_code == 200
    assert "Quyết định thử nghiệm ký số từ xa" in page.content.decode()
    answer = Client().post(
        reverse(
            "signatures:remote_sim:decide", args=[request.transaction_id, "approve"]
        )
    )
    assert answer.status_code == 302

    done = signing_request_poll(request_id=request.pk)
    assert done.status == S.SIGNED
    signed = bytes(done.signed_pdf)
    (status,) = check.pyhanko_statuses(signed, world.pki.validation_context())
    assert status.bottom_line
    assert status.timestamp_validity.valid
    assert check.has_dss(signed)
    (seen,) = poppler.pdfsig(signed, tmp_path)
    assert seen.valid
    assert seen.signer == "Trần Thị Lan"

    # A second poller, a second delivery: nothing changes.
    again = signing_request_poll(request_id=request.pk)
    assert bytes(again.signed_pdf) == signed
    signing_request_submit(request_id=request.pk)
    assert AuditEvent.objects.filter(event_type=EVENT_SIGNED).count() == 1
    assert len(simulator.transaction_list()) == 1


def test_rejected_on_the_phone(world, simulator, decision):
    certificate = _remote_certificate(world, simulator)
    request = _request(world, certificate, decision, level=PAdESLevel.B_T)
    outbox_drain()
    request.refresh_from_db()
    response = Client().post(
        reverse("signatures:remote_sim:api-decide", args=[request.transaction_id]),
        data=json.dumps({"approve": False}),
        content_type="application/json",
    )
    assert response.json()["status"] == "rejected"
    done = signing_request_poll(request_id=request.pk)
    assert done.status == S.REJECTED
    assert done.signed_pdf is None
    assert "Người ký đã từ chối yêu cầu ký số" in done.message


def test_expires_after_the_deadline(world, simulator, decision):
    certificate = _remote_certificate(world, simulator)
    request = _request(world, certificate, decision)
    outbox_drain()
    request.refresh_from_db()
    late = request.deadline + timedelta(seconds=1)
    done = signing_request_poll(request_id=request.pk, now=late)
    assert done.status == S.EXPIRED
    assert "đã hết hạn" in done.message
    # An approval that comes too late is not embedded.
    simulator.transaction_decide(request.transaction_id, approve=True)
    assert signing_request_poll(request_id=request.pk).status == S.EXPIRED


def test_auto_markers_and_bad_signature(world, simulator, decision):
    approved = _request(
        world,
        _remote_certificate(world, simulator, ":auto-approve"),
        decision,
        PAdESLevel.B_B,
    )
    bad = _request(
        world,
        _remote_certificate(world, simulator, ":bad-signature"),
        decision,
        PAdESLevel.B_B,
    )
    outbox_drain()
    result = signing_request_sweep()
    assert result.signed == 1
    assert result.failed == 1
    bad.refresh_from_db()
    approved.refresh_from_db()
    assert approved.status == S.SIGNED
    assert bad.status == S.FAILED
    assert "không khớp với chứng thư số" in bad.message


def test_unreachable_provider_is_retried(world, simulator, decision):
    request = _request(
        world, _remote_certificate(world, simulator, ":unreachable"), decision
    )
    with pytest.raises(errors.RemoteProviderError) as caught:
        signing_request_submit(request_id=request.pk)
    assert "Không kết nối được dịch vụ ký số từ xa" in str(caught.value.message)
    outbox_drain()
    message = OutboxMessage.objects.get(topic=TOPIC_REQUEST_SUBMIT)
    assert message.attempts == 1
    assert message.status == "pending"
    request.refresh_from_db()
    assert request.status == S.PENDING


def test_daily_scanner_expires_forgotten_requests(world, simulator, decision):
    request = _request(world, _remote_certificate(world, simulator), decision)
    scanner = deadline_scanners.get("signatures.signing_requests")
    assert scanner(request.deadline + timedelta(hours=2)) == 1
    request.refresh_from_db()
    assert request.status == S.EXPIRED


def test_remote_certificate_cannot_sign_locally(world, simulator, decision):
    from congso.signatures.signing.services import sign_pdf

    certificate = _remote_certificate(world, simulator)
    with pytest.raises(errors.NoSigningKeyError):
        sign_pdf(
            pdf=decision,
            certificate=certificate,
            actor=world.leader,
            purpose=SignaturePurpose.PERSONAL_APPROVAL,
        )
    assert not SigningRequest.objects.exists()


# The simulator's pages and API --------------------------------------------------------


def test_simulator_answers_only_on_loopback(simulator):
    url = reverse("signatures:remote_sim:index")
    assert Client().get(url).status_code == 200
    assert Client(REMOTE_ADDR="10.1.2.3").get(url).status_code == 404
    assert Client(HTTP_X_FORWARDED_FOR="203.0.113.9").get(url).status_code == 404
    api = reverse("signatures:remote_sim:api-sign")
    assert (
        Client(REMOTE_ADDR="10.1.2.3")
        .post(api, data="{}", content_type="application/json")
        .status_code
        == 404
    )


def test_simulator_api_round_trip(world, simulator):
    from asn1crypto.algos import SignedDigestAlgorithm

    identity = world.pki.issue_personal("remote-api", "Lê Văn Trường")
    simulator.credential_add(
        credential_id="truong-api",
        holder="Lê Văn Trường",
        certificate=identity.certificate,
        key=identity.key,
    )
    mechanism = SignedDigestAlgorithm({"algorithm": "sha256_rsa"}).dump()
    body = {
        "credential_id": "truong-api",
        "hash": base64.b64encode(b"\x01" * 32).decode(),
        "hash_algorithm": "sha256",
        "signature_algorithm": base64.b64encode(mechanism).decode(),
        "title": "Công văn thử",
        "idempotency_key": "k-1",
        "expires_at": "2099-01-01T00:00:00+00:00",
    }
    api = reverse("signatures:remote_sim:api-sign")
    created = Client().post(api, data=json.dumps(body), content_type="application/json")
    assert created.status_code == 201
    again = Client().post(api, data=json.dumps(body), content_type="application/json")
    assert again.json()["transaction_id"] == created.json()["transaction_id"]
    transaction_id = created.json()["transaction_id"]
    status = reverse("signatures:remote_sim:api-status", args=[transaction_id])
    assert Client().get(status).json()["status"] == "pending"
    Client().post(
        reverse("signatures:remote_sim:api-decide", args=[transaction_id]),
        data=json.dumps({"approve": True}),
        content_type="application/json",
    )
    answer = Client().get(status).json()
    assert answer["status"] == "approved"
    assert len(base64.b64decode(answer["signature"])) == 256
    bad = dict(body, hash="AAAA", idempotency_key="k-2")
    assert (
        Client()
        .post(api, data=json.dumps(bad), content_type="application/json")
        .status_code
        == 400
    )
