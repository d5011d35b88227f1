"""The PAdES engine with the throw-away PKI (no database): levels B-B, B-T and
B-LT, the leader-then-agency decision per Decree 30, the attachment stamp, the
interrupted (remote) flow, and bad input. Every produced PDF is checked
independently by pdfsig and by pyHanko (signing_support explains how trust is
checked)."""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from asn1crypto.algos import SignedDigestAlgorithm
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.writer import copy_into_new_writer
from pyhanko.sign.diff_analysis import ModificationLevel

from congso.core.tests.system import require_tool
from congso.signatures.pki.hierarchy import KeyType
from congso.signatures.pki.testing import asn1
from congso.signatures.signing import appearance
from congso.signatures.signing.constants import PAdESLevel
from congso.signatures.signing.engine import (
    SignatureSpec,
    TextFill,
    pades_finish,
    pades_prepare,
    pades_sign,
)
from congso.signatures.signing.errors import (
    PdfEncryptedError,
    PdfInvalidError,
    SignatureFieldError,
)
from congso.signatures.signing.images import seal_demo_png, signature_demo_png
from congso.signatures.signing.pdf import (
    MM,
    FieldBox,
    attachment_box,
    field_find,
    fields_reserve,
    page_size,
    pdf_writer,
    seal_box,
)
from congso.signatures.signing.signers import CachedKeySigner, raw_sign
from congso.signatures.tests import poppler
from congso.signatures.tests import signing_support as check

HUE = ZoneInfo("Asia/Ho_Chi_Minh")
A4 = (595.28, 841.89)
LEADER_BOX = FieldBox(0, 360, 420, 530, 490)
NUMBER_BOX = FieldBox(0, 120, 740, 240, 758)


@pytest.fixture(scope="module")
def document() -> bytes:
    return appearance.stamp_pdf(
        "<p style='margin:25mm 20mm 0 30mm; font-size:14pt'>"
        "Số: ____ — Quyết định về việc thử nghiệm chữ ký số tiếng Việt</p>",
        width_pt=A4[0],
        height_pt=A4[1],
    )


@pytest.fixture(scope="module")
def reserved(document: bytes) -> bytes:
    return fields_reserve(
        document,
        signatures=[
            ("leader_signature", LEADER_BOX),
            ("agency_signature", seal_box(LEADER_BOX, 36)),
        ],
        texts=[("document_number", NUMBER_BOX)],
    )


def _signer(pki, identity) -> CachedKeySigner:
    return CachedKeySigner(
        certificate=asn1(identity.certificate),
        key=identity.key,
        chain=[asn1(pki.issuing), asn1(pki.root)],
    )


def _now() -> datetime:
    return datetime.now(HUE).replace(microsecond=0)


def _leader_then_agency(pki, reserved: bytes) -> bytes:
    signature = signature_demo_png("Trần Thị Lan").png
    seal = seal_demo_png("UBND phường Thử Nghiệm").png
    moment = _now()
    first = pades_sign(
        reserved,
        SignatureSpec(
            "leader_signature",
            PAdESLevel.B_T,
            moment,
            appearance_pdf=appearance.image_stamp(
                signature, width_pt=LEADER_BOX.width, height_pt=LEADER_BOX.height
            ),
            reason="Phê duyệt văn bản",
            location="Huế",
        ),
        _signer(pki, pki.leader),
        timestamper=pki.tsa_timestamper(),
    )
    box = seal_box(LEADER_BOX, 36)
    number = appearance.text_stamp(
        "15/QĐ-UBND", width_pt=NUMBER_BOX.width, height_pt=NUMBER_BOX.height
    )
    return pades_sign(
        first,
        SignatureSpec(
            "agency_signature",
            PAdESLevel.B_LT,
            moment + timedelta(minutes=5),
            appearance_pdf=appearance.image_stamp(
                seal, width_pt=box.width, height_pt=box.height
            ),
            reason="Ban hành văn bản",
            fills=(TextFill("document_number", "15/QĐ-UBND", number),),
        ),
        _signer(pki, pki.agency),
        timestamper=pki.tsa_timestamper(),
        validation_context=pki.validation_context(),
    )


def test_leader_then_agency_both_valid_in_pyhanko_and_pdfsig(pki, reserved, tmp_path):
    """The leader's approval signature (B-T) stays valid after the agency fills
    the number and signs (B-LT): pyHanko sees form filling only, pdfsig sees two
    intact signatures, the second covering the whole file, and NSS chains both
    signers to the test root."""
    signed = _leader_then_agency(pki, reserved)

    leader, agency = check.pyhanko_statuses(signed, pki.validation_context())
    assert leader.bottom_line
    assert agency.bottom_line
    assert leader.modification_level == ModificationLevel.FORM_FILLING
    assert leader.docmdp_ok
    assert agency.docmdp_ok
    assert leader.timestamp_validity is not None
    assert leader.timestamp_validity.valid
    assert agency.timestamp_validity is not None
    assert agency.timestamp_validity.valid
    assert check.has_dss(signed)

    seen = poppler.pdfsig(signed, tmp_path)
    assert [s.field for s in seen] == ["leader_signature", "agency_signature"]
    assert all(s.valid for s in seen)
    assert [s.total for s in seen] == [False, False]  # the DSS revision follows
    assert seen[0].signer == "Trần Thị Lan"
    assert all(s.sub_filter == "ETSI.CAdES.detached" for s in seen)
    database = poppler.nss_database(tmp_path, pki.root)
    assert poppler.nss_trusts_signers(signed, tmp_path, database) == [True, True]

    reader = PdfFileReader(io.BytesIO(signed))
    number = field_find(reader, "document_number")
    assert number is not None
    form = {
        f.get_object()["/T"]: f.get_object()
        for f in reader.root["/AcroForm"]["/Fields"]
    }
    assert form["document_number"]["/V"] == "15/QĐ-UBND"


def test_levels_b_b_b_t_b_lt(pki, document):
    """B-B has no time-stamp; B-T has a valid signature time-stamp; B-LT has the
    time-stamp and a DSS with the revocation data."""
    signer = _signer(pki, pki.leader)
    results = {}
    for level in PAdESLevel:
        results[level] = pades_sign(
            document,
            SignatureSpec("sig", PAdESLevel(level), _now()),
            signer,
            timestamper=pki.tsa_timestamper(),
            validation_context=pki.validation_context(),
        )
    (bb,) = check.pyhanko_statuses(results[PAdESLevel.B_B], pki.validation_context())
    (bt,) = check.pyhanko_statuses(results[PAdESLevel.B_T], pki.validation_context())
    (blt,) = check.pyhanko_statuses(results[PAdESLevel.B_LT], pki.validation_context())
    assert bb.bottom_line
    assert bb.timestamp_validity is None
    assert bt.bottom_line
    assert bt.timestamp_validity.valid
    assert blt.bottom_line
    assert blt.timestamp_validity.valid
    assert not check.has_dss(results[PAdESLevel.B_T])
    assert check.has_dss(results[PAdESLevel.B_LT])
    reader = PdfFileReader(io.BytesIO(results[PAdESLevel.B_LT]))
    dss = reader.root["/DSS"]
    assert len(dss["/Certs"]) >= 3
    assert "/OCSPs" in dss or "/CRLs" in dss


def test_rsa_signs_with_pss_and_signing_time_is_vietnam_time(pki, document):
    moment = _now()
    signed = pades_sign(
        document, SignatureSpec("sig", PAdESLevel.B_B, moment), _signer(pki, pki.leader)
    )
    info = check.signature_cms(signed)["signer_infos"][0]
    assert info["signature_algorithm"]["algorithm"].native == "rsassa_pss"
    reader = PdfFileReader(io.BytesIO(signed))
    assert reader.embedded_signatures[0].sig_object["/M"].endswith("+07'00'")


def test_ecdsa_key_signs(pki, document, tmp_path):
    official = pki.issue_personal(
        "ec-official", "Lê Văn Trường", key_type=KeyType.EC_P256
    )
    signed = pades_sign(
        document, SignatureSpec("sig", PAdESLevel.B_B, _now()), _signer(pki, official)
    )
    (status,) = check.pyhanko_statuses(signed, pki.validation_context())
    assert status.bottom_line
    assert poppler.pdfsig(signed, tmp_path)[0].valid


def test_attachment_stamp_top_right_of_page_one(pki, document, tmp_path):
    """An attachment: the agency signs with the number and ISO 8601 +07:00 time,
    Times-metric 10 pt, top right of page 1, inside the margins."""
    moment = datetime(2026, 10, 8, 7, 30, 5, tzinfo=ZoneInfo("UTC"))
    text = appearance.attachment_text("123/UBND-VP", moment)
    assert text == "123/UBND-VP 2026-10-08T14:30:05+07:00"
    stamp, width, height = appearance.attachment_stamp(text)
    width_pt, height_pt = page_size(pdf_writer(document), 0)
    box = attachment_box(width_pt, height_pt, width, height)
    assert box.x2 == pytest.approx(width_pt - 15 * MM)
    assert box.y2 == pytest.approx(height_pt - 8 * MM)
    assert 150 < width < 260
    assert height == pytest.approx(14)
    signed = pades_sign(
        document,
        SignatureSpec(
            "attachment", PAdESLevel.B_B, moment, box=box, appearance_pdf=stamp
        ),
        _signer(pki, pki.agency),
    )
    (status,) = check.pyhanko_statuses(signed, pki.validation_context())
    assert status.bottom_line
    require_tool("pdftotext", "poppler-utils")
    import subprocess

    path = tmp_path / "a.pdf"
    path.write_bytes(stamp)
    out = subprocess.run(
        ["pdftotext", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "123/UBND-VP 2026-10-08T14:30:05+07:00" in out
    fonts = subprocess.run(
        ["pdffonts", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Congso-Serif" in fonts
    assert "yes yes" in fonts


def test_remote_interrupted_flow_embeds_the_returned_signature(pki, document):
    """Prepare → the hash of the signed attributes signed elsewhere → finish:
    a valid B-LT signature."""
    moment = _now()
    chain = [asn1(pki.issuing), asn1(pki.root)]
    prepared = pades_prepare(
        document,
        SignatureSpec("remote", PAdESLevel.B_LT, moment),
        certificate=asn1(pki.leader.certificate),
        chain=chain,
    )
    mechanism = SignedDigestAlgorithm.load(prepared.signature_mechanism)
    value = raw_sign(pki.leader.key, mechanism, prepared.signed_attrs, "sha256")
    signed = pades_finish(
        prepared,
        value,
        certificate=asn1(pki.leader.certificate),
        chain=chain,
        level=PAdESLevel.B_LT,
        timestamper=pki.tsa_timestamper(),
        validation_context=pki.validation_context(),
    )
    (status,) = check.pyhanko_statuses(signed, pki.validation_context())
    assert status.bottom_line
    assert status.timestamp_validity.valid
    assert check.has_dss(signed)


def test_signatures_are_approvals_never_certifications(pki, document):
    """Domain §5: officials sign with approval signatures; no DocMDP entry
    (``/Perms``) is ever written, so a later signature is form filling."""
    approved = pades_sign(
        document,
        SignatureSpec("leader_signature", PAdESLevel.B_B, _now()),
        _signer(pki, pki.leader),
    )
    reader = PdfFileReader(io.BytesIO(approved))
    assert "/Perms" not in reader.root
    assert "/Reference" not in reader.embedded_signatures[0].sig_object


# Bad input ----------------------------------------------------------------------------


def test_corrupt_pdf_is_refused(pki):
    for data in (b"not a pdf", b"%PDF-1.7\n" + b"\x00" * 500, b""):
        with pytest.raises(PdfInvalidError):
            pades_sign(
                data,
                SignatureSpec("s", PAdESLevel.B_B, _now()),
                _signer(pki, pki.leader),
            )


def test_truncated_pdf_is_refused(pki, document):
    with pytest.raises(PdfInvalidError):
        pades_sign(
            document[: len(document) // 2],
            SignatureSpec("s", PAdESLevel.B_B, _now()),
            _signer(pki, pki.leader),
        )


def test_encrypted_pdf_is_refused(pki, document):
    writer = copy_into_new_writer(PdfFileReader(io.BytesIO(document)))
    writer.encrypt("owner-secret", "user-secret")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(PdfEncryptedError):
        pades_sign(
            out.getvalue(),
            SignatureSpec("s", PAdESLevel.B_B, _now()),
            _signer(pki, pki.leader),
        )


def test_signed_field_cannot_be_signed_again(pki, reserved):
    once = pades_sign(
        reserved,
        SignatureSpec("leader_signature", PAdESLevel.B_B, _now()),
        _signer(pki, pki.leader),
    )
    with pytest.raises(SignatureFieldError):
        pades_sign(
            once,
            SignatureSpec("leader_signature", PAdESLevel.B_B, _now()),
            _signer(pki, pki.leader),
        )


def test_too_small_estimate_falls_back_to_pyhankos_sizing(pki, document, monkeypatch):
    from congso.signatures.signing import engine

    monkeypatch.setattr(engine, "reserve_bytes", lambda *a, **k: 2000)
    signed = pades_sign(
        document,
        SignatureSpec("s", PAdESLevel.B_T, _now()),
        _signer(pki, pki.leader),
        timestamper=pki.tsa_timestamper(),
    )
    (status,) = check.pyhanko_statuses(signed, pki.validation_context())
    assert status.bottom_line


# The CMS assembled from pre-encoded parts ---------------------------------------------


@pytest.mark.parametrize("with_timestamp", [False, True])
def test_fast_cms_is_byte_identical_to_pyhankos(pki, with_timestamp):
    """CachedKeySigner's template gives exactly the signed attributes and the
    ContentInfo pyHanko's own assembly gives for the same inputs."""
    import hashlib

    from pyhanko.sign.signers import SimpleSigner
    from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes

    from congso.signatures.signing.engine import run_sync

    signer = _signer(pki, pki.leader)
    settings = PdfCMSSignedAttributes(signing_time=_now())
    digest = hashlib.sha256(b"document").digest()

    def attrs():
        return run_sync(
            signer.signed_attrs(
                digest, "sha256", attr_settings=settings, use_pades=True
            )
        )

    by_pyhanko = attrs()  # the first signature builds them and records the template
    assert "sha256" in signer._templates
    from_template = attrs()
    assert from_template.dump() == by_pyhanko.dump()
    signature = signer.sign_raw(from_template.dump(), "sha256")
    unsigned = (
        run_sync(
            signer.unsigned_attrs(
                "sha256", signature, from_template, timestamper=pki.tsa_timestamper()
            )
        )
        if with_timestamp
        else None
    )
    arguments = {
        "digest_algorithm": "sha256",
        "cms_version": "v1",
        "signed_attrs": from_template,
        "signature": signature,
        "unsigned_attrs": unsigned,
        "encap_content_info": {"content_type": "data"},
    }
    fast = signer._package_signature(**arguments)
    reference = SimpleSigner._package_signature(signer, **arguments)
    assert fast.dump() == reference.dump()
