"""The signing service with the database: a Decree 30 decision approved by the
leader and issued by the document clerk, the dossier result, signature images,
and every refusal (Vietnamese message, nothing signed, no audit event).

Vietnamese texts come from locale/fragments/signatures_signing.po (merged into the
project catalogue by the lead)."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel

from congso.audit.models import AuditEvent
from congso.signatures import errors as pki_errors
from congso.signatures import services as pki_services
from congso.signatures.constants import RevocationReason
from congso.signatures.signing import errors
from congso.signatures.signing.constants import (
    EVENT_SIGNED,
    FIELD_AGENCY,
    FIELD_APPROVAL,
    PAdESLevel,
    SignaturePurpose,
)
from congso.signatures.signing.documents import DecisionDraft, decision_pdf
from congso.signatures.signing.images import seal_demo_png, signature_demo_png
from congso.signatures.signing.models import SignatureImage
from congso.signatures.signing.pdf import MM, field_find, seal_box
from congso.signatures.signing.services import (
    sign_dossier_result,
    sign_pdf,
    signature_image_set,
)
from congso.signatures.signing.specs import IssueDetails, Placement
from congso.signatures.tests import poppler
from congso.signatures.tests import signing_support as check
from congso.signatures.tests.signing_support import world_fixture  # noqa: F401

pytestmark = pytest.mark.django_db

DRAFT = DecisionDraft(
    governing="UBND thành phố Huế",
    issuing="Ủy ban nhân dân phường Thử Nghiệm",
    subject="Về việc thử nghiệm chữ ký số",
    authority="Chủ tịch Ủy ban nhân dân phường Thử Nghiệm",
    signer_prefix="TM. Ủy ban nhân dân",
    signer_title="Chủ tịch",
    signer_name="Trần Thị Lan",
    articles=("Quyết định này có hiệu lực kể từ ngày ký.",),
    recipients=("Lưu: VT",),
)


@pytest.fixture(scope="module")
def decision() -> bytes:
    return decision_pdf(DRAFT)


def _refused(call, error_class, vietnamese: str):
    events = AuditEvent.objects.filter(event_type=EVENT_SIGNED).count()
    with pytest.raises(error_class) as caught:
        call()
    assert vietnamese in str(caught.value.message)
    assert AuditEvent.objects.filter(event_type=EVENT_SIGNED).count() == events
    return caught.value


def _approve(world, pdf: bytes, **options) -> bytes:
    return sign_pdf(
        pdf=pdf,
        certificate=world.personal,
        actor=world.leader,
        purpose=SignaturePurpose.PERSONAL_APPROVAL,
        **options,
    )


def _issue(world, pdf: bytes, **options) -> bytes:
    options.setdefault("issue", IssueDetails(number="15/QĐ-UBND", place="Thử Nghiệm"))
    return sign_pdf(
        pdf=pdf,
        certificate=world.agency,
        actor=world.clerk,
        purpose=SignaturePurpose.AGENCY_ISSUE,
        **options,
    )


def test_decision_reserves_the_decree_30_fields(decision):
    reader = PdfFileReader(io.BytesIO(decision))
    leader = field_find(reader, FIELD_APPROVAL)
    agency = field_find(reader, FIELD_AGENCY)
    assert leader is not None
    assert agency is not None
    # Rounded to whole points by pyHanko's field spec.
    expected = seal_box(leader.box, 36)
    for got, want in zip(agency.box.rect, expected.rect, strict=True):
        assert got == pytest.approx(want, abs=1)
    # The seal covers the left third of the signer's image, at 36 mm.
    assert agency.box.x2 == pytest.approx(leader.box.x1 + leader.box.width / 3, abs=1)
    assert agency.box.width == pytest.approx(36 * MM, abs=1)
    assert field_find(reader, "document_number") is not None
    assert field_find(reader, "issue_date") is not None


def test_leader_then_agency_decision(world, decision, tmp_path):
    """The two-step issuance: both signatures valid for pyHanko and pdfsig, the
    leader's one sees form filling only, B-T then B-LT, images and number in
    place, and one audit event per signature with both hashes."""
    signature_image_set(
        image=signature_demo_png("Trần Thị Lan").png,
        owner_user=world.leader,
        actor=None,
    )
    signature_image_set(
        image=seal_demo_png("UBND phường Thử Nghiệm").png,
        owner_agency=world.ward,
        actor=None,
    )
    approved = _approve(world, decision, level=PAdESLevel.B_T)
    issued = _issue(world, approved, level=PAdESLevel.B_LT)

    leader, agency = check.pyhanko_statuses(issued, world.pki.validation_context())
    assert leader.bottom_line
    assert agency.bottom_line
    assert leader.modification_level == ModificationLevel.FORM_FILLING
    assert leader.timestamp_validity.valid
    assert agency.timestamp_validity.valid
    assert check.has_dss(issued)
    seen = poppler.pdfsig(issued, tmp_path)
    assert [s.field for s in seen] == [FIELD_APPROVAL, FIELD_AGENCY]
    assert all(s.valid for s in seen)
    database = poppler.nss_database(tmp_path, world.pki.root)
    assert poppler.nss_trusts_signers(issued, tmp_path, database) == [True, True]

    reader = PdfFileReader(io.BytesIO(issued))
    fields = {
        f.get_object()["/T"]: f.get_object()
        for f in reader.root["/AcroForm"]["/Fields"]
    }
    assert fields["document_number"]["/V"] == "15/QĐ-UBND"
    assert fields["issue_date"]["/V"].startswith("Thử Nghiệm, ngày ")
    sig = reader.embedded_signatures
    assert sig[0].sig_object["/Reason"] == "Phê duyệt văn bản"
    assert sig[1].sig_object["/Reason"] == "Ban hành văn bản"

    events = list(AuditEvent.objects.filter(event_type=EVENT_SIGNED).order_by("seq"))
    assert [e.data["purpose"] for e in events] == ["personal_approval", "agency_issue"]
    assert events[1].data["document_number"] == "15/QĐ-UBND"
    assert events[1].data["level"] == "B-LT"


def test_without_images_the_name_is_drawn(world, decision):
    assert not SignatureImage.objects.exists()
    approved = _approve(world, decision, level=PAdESLevel.B_B)
    (status,) = check.pyhanko_statuses(approved, world.pki.validation_context())
    assert status.bottom_line


def test_agency_signature_placed_by_coordinates(world, decision):
    """Without a reserved agency field, the seal field is created beside the
    leader's signature (left third, real size)."""
    doc = decision_pdf(DRAFT)  # reserved, but sign into a new field name
    approved = _approve(world, doc, level=PAdESLevel.B_B)
    leader_box = field_find(PdfFileReader(io.BytesIO(approved)), FIELD_APPROVAL).box
    box = seal_box(leader_box, 40)
    issued = _issue(
        world,
        approved,
        level=PAdESLevel.B_B,
        placement=Placement(field_name="agency_seal_2", box=box),
    )
    statuses = check.pyhanko_statuses(issued, world.pki.validation_context())
    assert all(s.bottom_line for s in statuses)
    reader = PdfFileReader(io.BytesIO(issued))
    assert field_find(reader, "agency_seal_2").box.x2 == pytest.approx(box.x2, abs=1)


def test_attachment_signature_and_dossier_result(world, decision, tmp_path):
    """A separate file signed by the agency without image, number and ISO time
    top right; the dossier result uses the same appearance."""
    signed = sign_dossier_result(
        pdf=decision,
        agency_id=world.ward.pk,
        number="H57.99-261125-0001",
        actor=world.clerk,
    )
    (status,) = check.pyhanko_statuses(signed, world.pki.validation_context())
    assert status.bottom_line
    assert status.timestamp_validity.valid
    (seen,) = [
        s
        for s in poppler.pdfsig(signed, tmp_path)
        if s.field == "agency_attachment_signature"
    ]
    assert seen.valid
    event = AuditEvent.objects.filter(event_type=EVENT_SIGNED).latest("seq")
    assert event.data["purpose"] == "agency_attachment"
    assert event.data["document_number"] == "H57.99-261125-0001"


def test_dossier_result_without_agency_certificate(world, decision):
    from congso.accounts.tests.factories import agency

    other = agency("UBND phường Không Chứng Thư")
    _refused(
        lambda: sign_dossier_result(
            pdf=decision, agency_id=other.pk, number="X", actor=world.clerk
        ),
        errors.NoAgencyCertificateError,
        "không có chứng thư số cơ quan",
    )


# Refusals -----------------------------------------------------------------------------


def test_someone_elses_personal_certificate(world, decision):
    _refused(
        lambda: sign_pdf(
            pdf=decision,
            certificate=world.personal,
            actor=world.clerk,
            purpose=SignaturePurpose.PERSONAL_APPROVAL,
        ),
        errors.CertificateNotYoursError,
        "chứng thư số cá nhân của mình",
    )


def test_agency_certificate_needs_a_clerk_or_leader_of_the_agency(world, decision):
    from congso.accounts.constants import Role
    from congso.accounts.tests.factories import official

    specialist = official("chuyenvien", role=Role.SPECIALIST, at=world.ward)
    _refused(
        lambda: (
            _issue(world, decision)
            if False
            else sign_pdf(
                pdf=decision,
                certificate=world.agency,
                actor=specialist,
                purpose=SignaturePurpose.AGENCY_ISSUE,
                issue=IssueDetails(number="1/QĐ-UBND"),
            )
        ),
        errors.CertificateNotYoursError,
        "chứng thư số cá nhân của mình",
    )


def test_wrong_certificate_kind_for_the_purpose(world, decision):
    _refused(
        lambda: sign_pdf(
            pdf=decision,
            certificate=world.agency,
            actor=world.clerk,
            purpose=SignaturePurpose.PERSONAL_APPROVAL,
        ),
        errors.CertificateKindError,
        "chứng thư số cá nhân",
    )


def test_issue_needs_a_number(world, decision):
    _refused(
        lambda: _issue(world, decision, issue=None),
        errors.DocumentNumberRequiredError,
        "số và ký hiệu",
    )


def test_expired_certificate(world, decision):
    later = world.personal.not_after + timedelta(days=1)
    _refused(
        lambda: _approve(world, decision, now=later),
        pki_errors.CertificateExpiredError,
        "hết hạn",
    )


def _fresh_personal(world, slug: str):
    """A certificate of its own, so revoking it touches no other test."""
    from congso.signatures.constants import CertificateKind
    from congso.signatures.pki.hierarchy import DEMO_PKCS12_PASSWORD

    identity = world.pki.issue_personal(slug, "Nguyễn Văn Thu Hồi")
    certificate = pki_services.certificate_import_pkcs12(
        data=identity.pkcs12(),
        password=DEMO_PKCS12_PASSWORD,
        kind=CertificateKind.PERSONAL,
        owner_user=world.leader,
        actor=None,
    )
    return identity, certificate


def _approve_with(world, certificate, pdf: bytes) -> bytes:
    return sign_pdf(
        pdf=pdf,
        certificate=certificate,
        actor=world.leader,
        purpose=SignaturePurpose.PERSONAL_APPROVAL,
    )


def test_certificate_revoked_in_congso(world, decision):
    """A revocation recorded in Công Sở stops signing at once (before the CA's
    CRL or OCSP says so)."""
    _identity, certificate = _fresh_personal(world, "revoked-in-congso")
    pki_services.certificate_revoke(
        certificate=certificate, reason=RevocationReason.KEY_COMPROMISE, actor=None
    )
    certificate.refresh_from_db()
    _refused(
        lambda: _approve_with(world, certificate, decision),
        pki_errors.CertificateRevokedError,
        "thu hồi",
    )


def test_certificate_revoked_at_the_ca_only(world, decision):
    """The live check asks the CA (OCSP/CRL) before signing."""
    identity, certificate = _fresh_personal(world, "revoked-at-ca")
    world.pki.pki.issuing.revoke(
        serial_number=identity.certificate.serial_number,
        revoked_at=timezone.now() - timedelta(minutes=1),
    )
    _refused(
        lambda: _approve_with(world, certificate, decision),
        pki_errors.CertificateRevokedError,
        "thu hồi",
    )


def test_bad_documents(world):
    from pyhanko.pdf_utils.writer import copy_into_new_writer

    _refused(
        lambda: _approve(world, b"%PDF-1.7 garbage"),
        errors.PdfInvalidError,
        "không phải là tệp PDF hợp lệ",
    )
    writer = copy_into_new_writer(PdfFileReader(io.BytesIO(decision_pdf(DRAFT))))
    writer.encrypt("owner", "user")
    out = io.BytesIO()
    writer.write(out)
    _refused(
        lambda: _approve(world, out.getvalue()), errors.PdfEncryptedError, "mã hóa"
    )


def test_timestamp_service_down_signs_nothing(world, decision, settings):
    settings.SIGNATURES_TSA_URL = "http://127.0.0.1:9/tsa"
    settings.SIGNATURES_FETCH_TIMEOUT = 1
    _refused(
        lambda: _approve(world, decision, level=PAdESLevel.B_T),
        errors.TimestampUnavailableError,
        "dấu thời gian",
    )


# Images --------------------------------------------------------------------------------


def test_signature_image_replaces_the_previous_one(world):
    first = signature_image_set(
        image=signature_demo_png("Lan").png, owner_user=world.leader, actor=world.leader
    )
    second = signature_image_set(
        image=signature_demo_png("Trần Lan").png,
        owner_user=world.leader,
        actor=world.leader,
    )
    first.refresh_from_db()
    assert first.replaced_at is not None
    assert second.replaced_at is None
    assert (
        AuditEvent.objects.filter(event_type="signatures.signature_image.set").count()
        == 2
    )


def test_signature_image_must_be_a_transparent_png(world):
    from PIL import Image

    opaque = io.BytesIO()
    Image.new("RGB", (200, 80), "white").save(opaque, format="PNG")
    jpeg = io.BytesIO()
    Image.new("RGB", (200, 80), "white").save(jpeg, format="JPEG")
    for data in (opaque.getvalue(), jpeg.getvalue(), b"not an image"):
        with pytest.raises(errors.SignatureImageError) as caught:
            signature_image_set(image=data, owner_user=world.leader, actor=world.leader)
        assert "PNG" in str(caught.value.message)
    assert not SignatureImage.objects.exists()
