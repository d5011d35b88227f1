"""The ETSI TS 119 102-2 XML report. No XSD is available offline, so these tests
check well-formedness, the namespace, one SignatureValidationReport per
signature, the indications, and that every reference resolves."""

from __future__ import annotations

import base64
import dataclasses

import pytest
from lxml import etree

from congso.signatures.pki.testing import ThrowawayPki
from congso.signatures.tests.pdfs import blank_pdf, sign_pdf
from congso.signatures.validation.constants import ETSI_REPORT_NS
from congso.signatures.validation.etsi import etsi_report_xml
from congso.signatures.validation.selectors import pdf_validate

pytestmark = pytest.mark.django_db

NS = {"vr": ETSI_REPORT_NS, "ds": "http://www.w3.org/2000/09/xmldsig#"}


def report_of(data: bytes) -> tuple[etree._Element, object]:
    report = pdf_validate(data=data)
    xml = etsi_report_xml(report)
    assert xml.startswith(b"<?xml")
    return etree.fromstring(xml), report


def test_one_report_per_signature_and_time_stamp(anchors, pki: ThrowawayPki):
    """Leader (B-B) + agency (B-LTA, with its document time-stamp): three
    SignatureValidationReports, all total-passed, each signer certificate
    present once among the validation objects."""
    leader = sign_pdf(blank_pdf(), pki.leader, field="LanhDao")
    signed = sign_pdf(
        leader,
        pki.agency,
        field="CoQuan",
        timestamper=pki.tsa_timestamper(),
        validation_context=pki.validation_context(),
        lta=True,
    )
    root, report = report_of(signed)
    assert root.tag == f"{{{ETSI_REPORT_NS}}}ValidationReport"
    reports = root.findall("vr:SignatureValidationReport", NS)
    assert len(reports) == len(report.results) == 3
    assert [
        r.findtext("vr:SignatureIdentifier/vr:DAIdentifier", namespaces=NS)
        for r in reports
    ][:2] == ["LanhDao", "CoQuan"]
    assert {
        r.findtext("vr:SignatureValidationStatus/vr:MainIndication", namespaces=NS)
        for r in reports
    } == {"urn:etsi:019102:mainindication:total-passed"}
    assert (
        reports[1].findtext(
            "vr:SignatureValidationProcess/vr:SignatureValidationProcessID",
            namespaces=NS,
        )
        == "urn:etsi:019102:validationprocess:LTA"
    )
    objects = {
        o.get("id"): o
        for o in root.findall("vr:SignatureValidationObjects/vr:ValidationObject", NS)
    }
    assert len(objects) == len(
        root.findall("vr:SignatureValidationObjects/vr:ValidationObject", NS)
    )
    for signature, result in zip(reports, report.results, strict=True):
        reference = signature.find("vr:SignerInformation/vr:SignerCertificate", NS).get(
            "VOReference"
        )
        data = objects[reference].findtext(
            "vr:ValidationObjectRepresentation/vr:base64", namespaces=NS
        )
        signer = result.facts.signer or result.facts.signature_timestamp.tsa
        assert base64.b64decode(data) == signer.der
    assert any(
        o.findtext("vr:ObjectType", namespaces=NS)
        == "urn:etsi:019102:validationObject:OCSPResponse"
        for o in objects.values()
    )


def test_a_failed_signature_carries_its_sub_indication(anchors, pki: ThrowawayPki):
    """Tampered: total-failed with HASH_FAILURE; the failed check is reported as a
    validation constraint."""
    signed = sign_pdf(blank_pdf("Giay phep so 5"), pki.leader, field="Sig")
    root, _ = report_of(signed.replace(b"Giay phep so 5", b"Giay phep so 9"))
    [single] = root.findall("vr:SignatureValidationReport", NS)
    status = single.find("vr:SignatureValidationStatus", NS)
    assert (
        status.findtext("vr:MainIndication", namespaces=NS)
        == "urn:etsi:019102:mainindication:total-failed"
    )
    assert (
        status.findtext("vr:SubIndication", namespaces=NS)
        == "urn:etsi:019102:subindication:HASH_FAILURE"
    )
    constraints = {
        c.findtext("vr:ValidationConstraintIdentifier", namespaces=NS): c.findtext(
            "vr:ValidationStatus/vr:MainIndication", namespaces=NS
        )
        for c in single.findall(
            "vr:ValidationConstraintsEvaluationReport/vr:ValidationConstraint", NS
        )
    }
    assert constraints[
        "urn:congso:signatures:validation-constraint:cryptography"
    ].endswith("total-failed")
    assert constraints["urn:congso:signatures:validation-constraint:x509"].endswith(
        "total-passed"
    )


def test_control_characters_from_the_file_keep_the_xml_well_formed(anchors, pki):
    """Field names and certificate names come from the uploaded file; characters
    XML 1.0 forbids are replaced, not written."""
    signed = sign_pdf(blank_pdf(), pki.leader, field="Sig")
    report = pdf_validate(data=signed)
    [result] = report.results
    odd = dataclasses.replace(
        result, facts=dataclasses.replace(result.facts, field_name="Trường\x01ký\x1f")
    )
    root = etree.fromstring(etsi_report_xml(dataclasses.replace(report, results=[odd])))
    name = root.findtext(
        "vr:SignatureValidationReport/vr:SignatureIdentifier/vr:DAIdentifier",
        namespaces=NS,
    )
    assert name == "Trường\ufffdký\ufffd"
