"""Verification of signed PDFs (ETSI EN 319 102-1 with pyHanko) against the trust
store: verdicts, levels, changes after signing, algorithms; poppler's pdfsig as
a second opinion where it can judge."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from congso.signatures import services
from congso.signatures.pki.hierarchy import Identity, KeyType
from congso.signatures.pki.names import distinguished_name
from congso.signatures.pki.profiles import Profile
from congso.signatures.pki.testing import ThrowawayPki
from congso.signatures.tests.pdfs import blank_pdf, sign_pdf
from congso.signatures.tests.poppler import nss_database, pdfsig
from congso.signatures.validation import selectors
from congso.signatures.validation.constants import (
    CheckCode,
    CheckStatus,
    Indication,
    Level,
    Modification,
    Process,
)
from congso.signatures.validation.errors import (
    CorruptPdfError,
    EncryptedPdfError,
    NoSignatureError,
    NotPdfError,
    PdfTooLargeError,
    TooComplexPdfError,
)
from congso.signatures.validation.report import SignatureResult, ValidationReport
from congso.signatures.validation.selectors import pdf_validate

pytestmark = pytest.mark.django_db


def identity(pki: ThrowawayPki, slug: str, name: str, **options) -> Identity:
    issued, _ = pki.pki.issue(
        slug=slug,
        profile=Profile.PERSONAL,
        subject=distinguished_name(common_name=name, organization="UBND xã Thử"),
        **options,
    )
    return issued


def check(result: SignatureResult, code: CheckCode) -> CheckStatus:
    return CheckStatus(result.verdict.checks_by_code[code].status)


@pytest.fixture(scope="module")
def two_step(pki: ThrowawayPki) -> bytes:
    """The leader's approval signature (B-B), then the agency's (B-T)."""
    leader = sign_pdf(blank_pdf(), pki.leader, field="LanhDao")
    return sign_pdf(
        leader, pki.agency, field="CoQuan", timestamper=pki.tsa_timestamper()
    )


@pytest.fixture(scope="module")
def nss(pki: ThrowawayPki, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return nss_database(tmp_path_factory.mktemp("nss"), pki.root)


@pytest.fixture
def verify(anchors):
    def run(data: bytes) -> ValidationReport:
        return pdf_validate(data=data, file_name="van-ban.pdf")

    return run


def test_leader_then_agency_are_both_valid(verify, two_step, nss, tmp_path):
    """Both approval signatures are TOTAL_PASSED: the leader's (B-B, changed
    after signing only by the agency's signature) and the agency's (B-T, time-stamp
    by the demo TSA). pdfsig agrees on integrity and coverage."""
    report = verify(two_step)
    leader, agency = report.results
    assert report.indication == Indication.TOTAL_PASSED
    assert [r.verdict.indication for r in report.results] == [
        Indication.TOTAL_PASSED
    ] * 2
    assert leader.facts.signer.common_name == "Trần Thị Lan"
    assert leader.facts.signer.title == "Chủ tịch UBND phường"
    assert leader.facts.signer.organisation == "UBND phường Thử Nghiệm"
    assert leader.facts.signer.issuer_common_name == "Công Sở Demo Issuing CA"
    assert (leader.verdict.level, agency.verdict.level) == (
        Level.PADES_B_B,
        Level.PADES_B_T,
    )
    assert leader.verdict.modification == Modification.PERMITTED
    assert agency.verdict.modification == Modification.NONE
    assert (leader.outcome.process, agency.outcome.process) == (
        Process.BASIC,
        Process.WITH_TIME,
    )
    assert agency.facts.signature_timestamp.tsa_name == "Công Sở Demo TSA"
    assert check(agency, CheckCode.TIMESTAMP) == CheckStatus.PASSED
    assert check(leader, CheckCode.TIMESTAMP) == CheckStatus.INFO
    assert [c.common_name for c in leader.outcome.path] == [
        "Trần Thị Lan",
        "Công Sở Demo Issuing CA",
        "Công Sở Demo Root CA",
    ]
    poppler = pdfsig(two_step, tmp_path, nss)
    assert [p.validation for p in poppler] == ["Signature is Valid."] * 2
    assert [p.total for p in poppler] == [False, True]
    assert not any(
        "Trusted" in p.certificate or "Expired" in p.certificate for p in poppler
    )


def test_long_term_levels_and_document_timestamp(verify, pki: ThrowawayPki):
    """B-LT embeds revocation data (DSS); B-LTA adds a document time-stamp, which
    is reported as its own entry and drives the long-term process (§5.6)."""
    lt = sign_pdf(
        blank_pdf(),
        pki.leader,
        field="LT",
        timestamper=pki.tsa_timestamper(),
        validation_context=pki.validation_context(),
    )
    lta = sign_pdf(
        blank_pdf(),
        pki.leader,
        field="LTA",
        timestamper=pki.tsa_timestamper(),
        validation_context=pki.validation_context(),
        lta=True,
    )
    [lt_result] = verify(lt).results
    signature, stamp = verify(lta).results
    assert lt_result.verdict.level == Level.PADES_B_LT
    assert signature.verdict.level == Level.PADES_B_LTA
    assert signature.outcome.process == Process.LONG_TERM
    assert stamp.verdict.level == Level.DOCUMENT_TIMESTAMP
    assert stamp.outcome.process == Process.TIMESTAMP
    assert stamp.facts.signature_timestamp.tsa_name == "Công Sở Demo TSA"
    assert {r.verdict.indication for r in (lt_result, signature, stamp)} == {
        Indication.TOTAL_PASSED
    }


def test_bytes_changed_after_signing_are_a_hash_failure(verify, pki, nss, tmp_path):
    """Changing one signed byte: TOTAL_FAILED / HASH_FAILURE, "modified"; pdfsig
    reports a digest mismatch."""
    signed = sign_pdf(blank_pdf("Quyet dinh so 1"), pki.leader, field="Sig")
    tampered = signed.replace(b"Quyet dinh so 1", b"Quyet dinh so 7")
    assert tampered != signed
    [result] = verify(tampered).results
    assert result.verdict.indication == Indication.TOTAL_FAILED
    assert result.verdict.sub_indication == "HASH_FAILURE"
    assert result.verdict.modification == Modification.NOT_PERMITTED
    assert check(result, CheckCode.CRYPTOGRAPHY) == CheckStatus.FAILED
    assert [p.validation for p in pdfsig(tampered, tmp_path, nss)] == [
        "Digest Mismatch."
    ]


def test_revoked_signer(verify, pki: ThrowawayPki):
    """Revoked before the check, no proof the signature came first:
    INDETERMINATE / REVOKED_NO_POE (EN 319 102-1 §5.3), with the revocation date."""
    revoked = identity(pki, "verify-revoked", "Người Bị Thu Hồi")
    signed = sign_pdf(blank_pdf(), revoked, field="Sig")
    pki.pki.issuing.revoke(
        serial_number=revoked.certificate.serial_number,
        revoked_at=datetime.now(UTC) - timedelta(minutes=1),
    )
    [result] = verify(signed).results
    assert result.verdict.indication == Indication.INDETERMINATE
    assert result.verdict.sub_indication == "REVOKED_NO_POE"
    assert result.outcome.revocation is not None
    assert check(result, CheckCode.REVOCATION) == CheckStatus.INDETERMINATE


def test_revocation_after_a_timestamp_keeps_the_signature_valid(verify, pki):
    """A time-stamp proves the signature existed before the revocation: valid
    (with time, §5.5), the revocation shown as a warning."""
    later = identity(pki, "verify-revoked-later", "Thu Hồi Sau")
    now = datetime.now(UTC)
    stamper = pki.tsa_timestamper(now=now - timedelta(minutes=2))
    signed = sign_pdf(blank_pdf(), later, field="Sig", timestamper=stamper)
    pki.pki.issuing.revoke(
        serial_number=later.certificate.serial_number,
        revoked_at=now - timedelta(minutes=1),
    )
    [result] = verify(signed).results
    assert result.verdict.indication == Indication.TOTAL_PASSED
    assert check(result, CheckCode.REVOCATION) == CheckStatus.WARNING


def test_untrusted_root(verify, foreign_pki: ThrowawayPki, nss, tmp_path):
    """A hierarchy outside the trust store: INDETERMINATE / NO_CERTIFICATE_CHAIN_FOUND;
    pdfsig (trusting only our root) does not trust the issuer either."""
    signed = sign_pdf(blank_pdf(), foreign_pki.leader, field="Sig")
    [result] = verify(signed).results
    assert result.verdict.indication == Indication.INDETERMINATE
    assert result.verdict.sub_indication == "NO_CERTIFICATE_CHAIN_FOUND"
    assert check(result, CheckCode.X509) == CheckStatus.INDETERMINATE
    [poppler] = pdfsig(signed, tmp_path, nss)
    assert poppler.certificate == "Certificate issuer isn't Trusted."


def test_expired_certificate(verify, pki: ThrowawayPki, nss, tmp_path):
    """Expired yesterday: INDETERMINATE / OUT_OF_BOUNDS_NO_POE without a
    time-stamp, and also with a time-stamp made after the expiry (pyHanko's
    with-time process alone would pass it). pdfsig: expired."""
    now = datetime.now(UTC)
    expired = identity(
        pki,
        "verify-expired",
        "Hết Hạn",
        window=(now - timedelta(days=400), now - timedelta(days=1)),
    )
    plain = sign_pdf(blank_pdf(), expired, field="Sig")
    stamped = sign_pdf(
        blank_pdf(), expired, field="Sig", timestamper=pki.tsa_timestamper()
    )
    for data in (plain, stamped):
        [result] = verify(data).results
        assert result.verdict.indication == Indication.INDETERMINATE
        assert result.verdict.sub_indication == "OUT_OF_BOUNDS_NO_POE"
        assert check(result, CheckCode.VALIDITY) == CheckStatus.INDETERMINATE
    [poppler] = pdfsig(plain, tmp_path, nss)
    assert poppler.certificate == "Certificate has Expired"


def test_signature_added_after_a_certification_breaks_it(verify, pki):
    """The leader certifies (DocMDP, form filling allowed); the agency then adds a
    new visible signature field: the certification is TOTAL_FAILED /
    FORMAT_FAILURE (a change not permitted), the agency's signature is valid."""
    certified = sign_pdf(blank_pdf(), pki.leader, field="LanhDao", certify=True)
    after = sign_pdf(
        certified, pki.agency, field="CoQuan", new_box=(100, 100, 300, 160)
    )
    leader, agency = verify(after).results
    assert leader.facts.certifying
    assert leader.verdict.indication == Indication.TOTAL_FAILED
    assert leader.verdict.sub_indication == "FORMAT_FAILURE"
    assert leader.verdict.modification == Modification.NOT_PERMITTED
    assert check(leader, CheckCode.MODIFICATION) == CheckStatus.FAILED
    assert agency.verdict.indication == Indication.TOTAL_PASSED


@pytest.mark.parametrize("weakness", ["rsa_1024", "sha1"])
def test_weak_algorithms_are_flagged(verify, pki: ThrowawayPki, weakness):
    """RSA below 2048 bits and SHA-1 (domain §2): INDETERMINATE /
    CRYPTO_CONSTRAINTS_FAILURE, the algorithms check failed with the reason."""
    if weakness == "rsa_1024":
        weak = identity(
            pki,
            "verify-rsa1024",
            "Khóa Ngắn",
            key=rsa.generate_private_key(public_exponent=65537, key_size=1024),  # noqa: S505  # weak on purpose
        )
        signed = sign_pdf(blank_pdf(), weak, field="Sig")
    else:
        signed = sign_pdf(blank_pdf(), pki.leader, field="Sig", md_algorithm="sha1")
    [result] = verify(signed).results
    assert result.verdict.indication == Indication.INDETERMINATE
    assert result.verdict.sub_indication.startswith("CRYPTO_CONSTRAINTS_FAILURE")
    assert check(result, CheckCode.ALGORITHMS) == CheckStatus.FAILED
    detail = result.verdict.checks_by_code[CheckCode.ALGORITHMS].detail
    assert ("1024" in detail) if weakness == "rsa_1024" else ("SHA-1" in detail)


@pytest.mark.parametrize(
    ("options", "mechanism"),
    [({"pss": True}, "RSASSA-PSS"), ({}, "RSA PKCS#1 v1.5"), ("ec", "ECDSA")],
)
def test_pss_pkcs1_and_ecdsa_are_accepted(
    verify, pki: ThrowawayPki, options, mechanism
):
    """Tokens still sign PKCS#1 v1.5; the circular asks for PSS; ECDSA P-256 is
    allowed: all three are valid."""
    if options == "ec":
        signer, options = (
            identity(pki, "verify-ec", "Khóa EC", key_type=KeyType.EC_P256),
            {},
        )
    else:
        signer = pki.leader
    [result] = verify(sign_pdf(blank_pdf(), signer, field="Sig", **options)).results
    assert result.verdict.indication == Indication.TOTAL_PASSED
    assert mechanism in result.verdict.checks_by_code[CheckCode.ALGORITHMS].detail


def test_disabled_anchors_make_signatures_untrusted(verify, anchors, two_step):
    """Disabling the issuing CA (the file embeds it) or the root in the trust
    store: INDETERMINATE / NO_CERTIFICATE_CHAIN_FOUND."""
    root, issuing = anchors
    services.trust_anchor_update(anchor=issuing, changes={"enabled": False}, actor=None)
    first = verify(two_step).results[0]
    assert first.verdict.indication == Indication.INDETERMINATE
    assert first.verdict.sub_indication == "NO_CERTIFICATE_CHAIN_FOUND"
    services.trust_anchor_update(anchor=issuing, changes={"enabled": True}, actor=None)
    services.trust_anchor_update(anchor=root, changes={"enabled": False}, actor=None)
    assert verify(two_step).indication == Indication.INDETERMINATE


def test_pkcs7_signatures_are_accepted_with_a_warning(verify, pki):
    """adbe.pkcs7.detached (common with older Vietnamese tools) is checked the
    same way, labelled as not PAdES."""
    [result] = verify(
        sign_pdf(blank_pdf(), pki.leader, field="Sig", pkcs7=True)
    ).results
    assert result.verdict.indication == Indication.TOTAL_PASSED
    assert result.verdict.level == Level.PKCS7
    assert check(result, CheckCode.FORMAT) == CheckStatus.WARNING
    assert result.verdict.warnings


def test_editing_restrictions_without_a_password_are_opened(verify, pki):
    """Encrypted with an empty user password (editing restrictions only): the
    signature is checked."""
    signed = sign_pdf(
        blank_pdf(user_password=""), pki.leader, field="Sig", encrypted=True
    )
    report = verify(signed)
    assert report.document.encrypted
    assert report.indication == Indication.TOTAL_PASSED


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"GIF89a not a pdf", NotPdfError),
        (b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n", CorruptPdfError),
        (b"%PDF-1.7\n" + b"\x00" * 200, CorruptPdfError),
        ("unsigned", NoSignatureError),
        ("password", EncryptedPdfError),
        ("huge", PdfTooLargeError),
    ],
)
def test_files_that_cannot_be_checked_are_refused(verify, data, error):
    """Not a PDF (by its bytes), damaged, unsigned, password-protected, too large:
    a refusal with a Vietnamese message, never a crash."""
    if data == "unsigned":
        data = blank_pdf()
    elif data == "password":
        data = blank_pdf(user_password="mat-khau")
    elif data == "huge":
        data = b"%PDF-1.7\n" + b"0" * (10 * 1024 * 1024)
    with pytest.raises(error) as refused:
        verify(data)
    assert str(refused.value.message)


def test_too_many_signatures_are_refused(verify, two_step, monkeypatch):
    """Diff analysis grows with each signature (domain §9): over the limit the
    file is refused."""
    monkeypatch.setattr(selectors, "MAX_SIGNATURES", 1)
    with pytest.raises(TooComplexPdfError):
        verify(two_step)


def test_a_broken_signature_does_not_stop_the_others(verify, pki, monkeypatch):
    """An unexpected error of the library on one signature makes it
    INDETERMINATE; the report is still produced."""
    from congso.signatures.validation import engine

    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(engine, "ades_basic_validation", explode)
    [result] = verify(sign_pdf(blank_pdf(), pki.leader, field="Sig")).results
    assert result.verdict.indication == Indication.INDETERMINATE
    assert result.outcome.error == "RuntimeError"
