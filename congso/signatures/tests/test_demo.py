"""The demo: ``pki_demo_setup`` creates the PKI under the var dir, puts its CAs in
the trust store and gives the demo officials and agencies certificates with
encrypted software keys; a second run changes nothing; ``demo_load`` calls it."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from django.core.management import call_command

from congso.accounts.demo import OFFICIALS, DemoLoader
from congso.audit.models import AuditEvent
from congso.signatures.constants import AnchorFamily, CertificateKind, KeySource
from congso.signatures.demo import DEMO_AGENCIES, pki_demo_setup
from congso.signatures.models import Certificate, TrustAnchor
from congso.signatures.pki.testing import asn1
from congso.signatures.selectors import certificate_private_key

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_settings(settings, tmp_path):
    settings.SIGNATURES_PKI_DIR = tmp_path / "pki"
    settings.PKI_BASE_URL = "http://127.0.0.1:8000"
    settings.SIGNATURES_REVOCATION_FETCH = False
    return settings


def _snapshot(directory):
    return {
        str(p.relative_to(directory)): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


def test_demo_pki_on_the_demo_organisation_is_idempotent(demo_settings):
    DemoLoader().run()
    first = pki_demo_setup()
    assert first.pki_created
    assert first.anchors_added == 2
    assert first.certificates_imported == len(OFFICIALS) + len(DEMO_AGENCIES)
    assert first.skipped == []
    directory = demo_settings.SIGNATURES_PKI_DIR
    assert (directory / "root" / "key.pem").stat().st_mode & 0o777 == 0o600
    files = _snapshot(directory)
    events = AuditEvent.objects.count()

    second = pki_demo_setup()
    assert (second.pki_created, second.anchors_added, second.certificates_imported) == (
        False,
        0,
        0,
    )
    assert _snapshot(directory) == files
    assert AuditEvent.objects.count() == events

    assert set(TrustAnchor.objects.values_list("family", "role")) == {
        (AnchorFamily.DEMO, "root"),
        (AnchorFamily.DEMO, "intermediate"),
    }
    personal = Certificate.objects.filter(kind=CertificateKind.PERSONAL)
    assert personal.count() == len(OFFICIALS)
    assert set(personal.values_list("key_source", flat=True)) == {KeySource.SOFTWARE}
    leader = personal.get(owner_user__username="lanhdao")
    assert leader.subject_common_name == "Trần Thị Lan"
    assert "O=UBND phường Phong Điền" in leader.subject
    head = personal.get(owner_user__username="truongphong")
    assert "OU=Phòng Văn hóa – Xã hội" in head.subject  # an internal unit
    assert "O=UBND phường Phong Điền" in head.subject
    assert leader.key_algorithm == "RSA-2048"
    ec_cert = personal.get(owner_user__username="truongphong")
    assert ec_cert.key_algorithm == "EC P-256"
    assert isinstance(
        certificate_private_key(certificate=ec_cert), ec.EllipticCurvePrivateKey
    )
    agencies = Certificate.objects.filter(kind=CertificateKind.AGENCY)
    assert sorted(agencies.values_list("subject_common_name", flat=True)) == sorted(
        DEMO_AGENCIES
    )
    name = asn1(
        agencies.get(subject_common_name="UBND phường Phong Điền").x509()
    ).subject
    common_names = [
        a["value"]
        for rdn in name.chosen
        for a in rdn
        if a["type"].native == "common_name"
    ]
    assert common_names[0].name == "utf8_string"
    assert (directory / "issued" / "official-lanhdao" / "bundle.p12").exists()


def test_without_demo_organisation_only_the_pki_and_anchors(demo_settings):
    result = pki_demo_setup()
    assert result.pki_created
    assert result.certificates_imported == 0
    assert len(result.skipped) == len(OFFICIALS) + len(DEMO_AGENCIES)
    assert TrustAnchor.objects.count() == 2


def test_demo_load_calls_pki_demo_setup(demo_settings, monkeypatch):
    """``demo_load`` runs the upper apps' demo commands by name."""
    from congso.accounts.management.commands import demo_load

    called: list[str] = []
    monkeypatch.setattr(
        demo_load, "_run_if_installed", lambda name, **_: called.append(name)
    )
    monkeypatch.setattr(demo_load.DemoLoader, "run", lambda self: False)
    call_command("demo_load", "--force", verbosity=0)
    assert "pki_demo_setup" in called
    call_command("pki_demo_setup", verbosity=0)
    assert (demo_settings.SIGNATURES_PKI_DIR / "pki.json").exists()
