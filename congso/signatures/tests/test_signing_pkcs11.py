"""Signing with keys on a PKCS#11 token, tested on SoftHSM2 (stack §3.7): a token
per test in a temporary token directory, keys generated on the token (never
extractable), RSA (PSS) and ECDSA (raw ``CKM_ECDSA``, which SoftHSM 2.6 needs).
Wrong PIN, missing token, missing key and missing module are refused in
Vietnamese and nothing is signed."""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from congso.audit.models import AuditEvent
from congso.core.tests.system import require
from congso.signatures import services as pki_services
from congso.signatures.constants import CertificateKind
from congso.signatures.pki.names import distinguished_name
from congso.signatures.pki.profiles import Profile, certificate_builder
from congso.signatures.services import Pkcs11KeyRef
from congso.signatures.signing import errors
from congso.signatures.signing.constants import (
    EVENT_SIGNED,
    PAdESLevel,
    SignaturePurpose,
)
from congso.signatures.signing.documents import DecisionDraft, decision_pdf
from congso.signatures.signing.services import sign_pdf
from congso.signatures.tests import poppler
from congso.signatures.tests import signing_support as check
from congso.signatures.tests.signing_support import world_fixture  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.softhsm]
MODULE = "/usr/lib/softhsm/libsofthsm2.so"
SO_PIN, PIN = "87654321", "1234"


@pytest.fixture(scope="module")
def softhsm(tmp_path_factory):
    """SoftHSM2 reading a configuration in a temporary directory (set before the
    library is first initialised in this process)."""
    require(
        Path(MODULE).exists() and shutil.which("softhsm2-util") is not None,
        "SoftHSM2 missing: apt-get install --no-install-recommends softhsm2",
    )
    directory = tmp_path_factory.mktemp("softhsm")
    (directory / "tokens").mkdir()
    conf = directory / "softhsm2.conf"
    conf.write_text(
        f"directories.tokendir = {directory / 'tokens'}\n"
        "objectstore.backend = file\nlog.level = ERROR\n",
        encoding="utf-8",
    )
    previous = os.environ.get("SOFTHSM2_CONF")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    yield conf
    if previous is None:
        os.environ.pop("SOFTHSM2_CONF", None)
    else:
        os.environ["SOFTHSM2_CONF"] = previous


@pytest.fixture
def token(softhsm, settings) -> str:
    """A fresh token for this test, visible to the already loaded library."""
    import pkcs11

    label = f"congso-{uuid.uuid4().hex[:8]}"
    subprocess.run(
        [
            "softhsm2-util",
            "--init-token",
            "--free",
            "--label",
            label,
            "--so-pin",
            SO_PIN,
            "--pin",
            PIN,
        ],
        check=True,
        capture_output=True,
        env={**os.environ, "SOFTHSM2_CONF": str(softhsm)},
    )
    pkcs11.lib(MODULE).reinitialize()
    settings.PKCS11_MODULE = MODULE
    return label


def _key_on_token(label: str, *, ec: bool):
    """A key pair generated on the token; returns the public key."""
    import pkcs11
    from pkcs11 import Attribute, KeyType
    from pkcs11.util.ec import encode_ec_public_key, encode_named_curve_parameters

    token = pkcs11.lib(MODULE).get_token(token_label=label)
    with token.open(user_pin=PIN, rw=True) as session:
        if ec:
            parameters = session.create_domain_parameters(
                KeyType.EC,
                {Attribute.EC_PARAMS: encode_named_curve_parameters("secp256r1")},
                local=True,
            )
            public, _ = parameters.generate_keypair(
                store=True, label="sign", id=b"\x01"
            )
            return serialization.load_der_public_key(encode_ec_public_key(public))
        public, _ = session.generate_keypair(
            KeyType.RSA, 2048, store=True, label="sign", id=b"\x01"
        )
        return rsa.RSAPublicNumbers(
            int.from_bytes(public[Attribute.PUBLIC_EXPONENT], "big"),
            int.from_bytes(public[Attribute.MODULUS], "big"),
        ).public_key()


def _certificate_on_token(world, label: str, *, ec: bool, key_label: str = "sign"):
    public = _key_on_token(label, ec=ec)
    issuing = world.pki.pki.issuing
    now = datetime.now(UTC)
    builder = certificate_builder(
        profile=Profile.PERSONAL,
        subject=distinguished_name(common_name="Trần Thị Lan", organization="UBND"),
        public_key=public,
        issuer=issuing.as_issuer,
        urls=world.pki.pki.urls,
        not_before=now - timedelta(minutes=5),
        not_after=now + timedelta(days=30),
    )
    certificate = issuing.issue(builder)
    return pki_services.certificate_import(
        data=certificate.public_bytes(serialization.Encoding.PEM),
        kind=CertificateKind.PERSONAL,
        owner_user=world.leader,
        key_ref=Pkcs11KeyRef(token_label=label, key_label=key_label),
        actor=None,
    )


@pytest.fixture(scope="module")
def decision() -> bytes:
    return decision_pdf(
        DecisionDraft(
            issuing="UBND phường Thử Nghiệm",
            subject="Thử nghiệm ký số bằng thiết bị",
            authority="Chủ tịch UBND phường Thử Nghiệm",
            signer_prefix="TM. Ủy ban nhân dân",
            signer_title="Chủ tịch",
            signer_name="Trần Thị Lan",
        )
    )


def _sign(world, certificate, pdf, pin=PIN, level=PAdESLevel.B_T):
    return sign_pdf(
        pdf=pdf,
        certificate=certificate,
        actor=world.leader,
        purpose=SignaturePurpose.PERSONAL_APPROVAL,
        level=level,
        pin=pin,
    )


@pytest.mark.parametrize("ec", [False, True], ids=["rsa", "ecdsa"])
def test_token_key_signs(world, token, decision, tmp_path, ec):
    certificate = _certificate_on_token(world, token, ec=ec)
    signed = _sign(world, certificate, decision)
    (status,) = check.pyhanko_statuses(signed, world.pki.validation_context())
    assert status.bottom_line
    assert status.timestamp_validity.valid
    (seen,) = poppler.pdfsig(signed, tmp_path)
    assert seen.valid
    algorithm = check.signature_cms(signed)["signer_infos"][0]["signature_algorithm"]
    assert algorithm["algorithm"].native == ("sha256_ecdsa" if ec else "rsassa_pss")
    event = AuditEvent.objects.filter(event_type=EVENT_SIGNED).latest("seq")
    assert event.data["key_source"] == "pkcs11"


def _refused(call, error_class, vietnamese):
    events = AuditEvent.objects.filter(event_type=EVENT_SIGNED).count()
    with pytest.raises(error_class) as caught:
        call()
    assert vietnamese in str(caught.value.message)
    assert AuditEvent.objects.filter(event_type=EVENT_SIGNED).count() == events


def test_wrong_pin(world, token, decision):
    certificate = _certificate_on_token(world, token, ec=False)
    _refused(
        lambda: _sign(world, certificate, decision, pin="0000"),
        errors.Pkcs11PinError,
        "Mã PIN của thiết bị ký số không đúng",
    )


def test_missing_token(world, token, decision):
    certificate = _certificate_on_token(world, token, ec=True)
    certificate.pkcs11_token_label = "no-such-token"
    _refused(
        lambda: _sign(world, certificate, decision),
        errors.Pkcs11TokenNotFoundError,
        "không tìm thấy",
    )


def test_missing_key(world, token, decision):
    certificate = _certificate_on_token(world, token, ec=False, key_label="other")
    _refused(
        lambda: _sign(world, certificate, decision),
        errors.Pkcs11KeyNotFoundError,
        "Không tìm thấy khóa ký",
    )


def test_missing_module(world, token, decision, settings):
    certificate = _certificate_on_token(world, token, ec=False)
    settings.PKCS11_MODULE = "/usr/lib/no-such-pkcs11.so"
    _refused(
        lambda: _sign(world, certificate, decision),
        errors.Pkcs11ModuleError,
        "Không nạp được thư viện PKCS#11",
    )
