"""The validation report as ETSI TS 119 102-2 (v1.2.1) XML: one
``SignatureValidationReport`` per signature or document time-stamp, and the
certificates, CRLs, OCSP responses and time-stamps used, once each, in
``SignatureValidationObjects``.

pyHanko 0.38 has a generator (``pyhanko.sign.validation.report.tools``, marked
incubating) but it needs the ``etsi`` extra (xsdata), which the stack does not
install, and it writes one report per signature. This module writes the same
elements with the standard library's ElementTree, in the order of the schema's sequences. The XSD is not
available offline, so the tests check well-formedness and structure only."""

from __future__ import annotations

import base64
import re
from datetime import datetime
from typing import Final
from xml.etree import ElementTree as ET

from congso.signatures.validation.checks import Check
from congso.signatures.validation.constants import (
    ETSI_REPORT_NS,
    CheckStatus,
    Indication,
    Process,
    SignatureKind,
)
from congso.signatures.validation.engine import ValidationObject
from congso.signatures.validation.facts import SignatureFacts
from congso.signatures.validation.report import SignatureResult, ValidationReport

DS: Final = "http://www.w3.org/2000/09/xmldsig#"
XADES: Final = "http://uri.etsi.org/01903/v1.3.2#"
NSMAP: Final = {"vr": ETSI_REPORT_NS, "ds": DS, "XAdES": XADES}
DIGEST_URIS: Final = {
    "sha1": "http://www.w3.org/2000/09/xmldsig#sha1",
    "sha224": "http://www.w3.org/2001/04/xmldsig-more#sha224",
    "sha256": "http://www.w3.org/2001/04/xmlenc#sha256",
    "sha384": "http://www.w3.org/2001/04/xmldsig-more#sha384",
    "sha512": "http://www.w3.org/2001/04/xmlenc#sha512",
    "sha3_256": "http://www.w3.org/2007/05/xmldsig-more#sha3-256",
    "sha3_384": "http://www.w3.org/2007/05/xmldsig-more#sha3-384",
    "sha3_512": "http://www.w3.org/2007/05/xmldsig-more#sha3-512",
}
CERTIFICATE_TYPE: Final = "urn:etsi:019102:validationObject:certificate"
APPLIED: Final = "urn:etsi:019102:constraintStatus:applied"
#: Our checks as validation constraints (identifiers are ours; the standard
#: leaves them to the validation policy).
CONSTRAINT_PREFIX: Final = "urn:congso:signatures:validation-constraint:"
CHECK_INDICATIONS: Final = {
    CheckStatus.PASSED: Indication.TOTAL_PASSED,
    CheckStatus.INFO: Indication.TOTAL_PASSED,
    CheckStatus.WARNING: Indication.TOTAL_PASSED,
    CheckStatus.FAILED: Indication.TOTAL_FAILED,
    CheckStatus.INDETERMINATE: Indication.INDETERMINATE,
}


def _vr(name: str) -> str:
    return f"{{{ETSI_REPORT_NS}}}{name}"


#: Characters XML 1.0 does not allow (names in certificates and PDFs are input).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _add(
    parent: ET.Element, name: str, text: str | None = None, **attrs: str
) -> ET.Element:
    namespace, _, local = name.rpartition(":")
    uri = {"ds": DS, "XAdES": XADES}.get(namespace, ETSI_REPORT_NS)
    clean = {key: _clean(value) for key, value in attrs.items()}
    element = ET.SubElement(parent, f"{{{uri}}}{local}", clean)
    if text is not None:
        element.text = _clean(text)
    return element


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _time(moment: datetime) -> str:
    return moment.isoformat()


def _digest(parent: ET.Element, algorithm: str, value: bytes) -> None:
    """A ``DigestAlgAndValue`` (XAdES type) in the report's namespace."""
    element = _add(parent, "DigestAlgAndValue")
    _add(
        element,
        "ds:DigestMethod",
        Algorithm=DIGEST_URIS.get(algorithm, f"urn:congso:digest:{algorithm}"),
    )
    _add(element, "ds:DigestValue", _b64(value))


def _certificate_reference(fingerprint: str) -> str:
    # pyHanko's identifier for certificates: "vo-certificate-" + SHA-256 (hex)
    return f"vo-certificate-{fingerprint}"


def _identifier(parent: ET.Element, facts: SignatureFacts) -> None:
    element = _add(parent, "SignatureIdentifier", id=f"sig-{facts.index + 1}")
    _digest(element, facts.digest_algorithm, facts.signed_attributes_digest)
    _add(element, "ds:SignatureValue", _b64(facts.signature_value))
    _add(element, "HashOnly", "false")
    _add(element, "DocHashOnly", "false")
    _add(element, "DAIdentifier", facts.field_name)


def _constraints(parent: ET.Element, checks: list[Check]) -> None:
    report = _add(parent, "ValidationConstraintsEvaluationReport")
    for check in checks:
        constraint = _add(report, "ValidationConstraint")
        _add(
            constraint, "ValidationConstraintIdentifier", CONSTRAINT_PREFIX + check.code
        )
        status = _add(constraint, "ConstraintStatus")
        _add(status, "Status", APPLIED)
        indication = CHECK_INDICATIONS.get(CheckStatus(check.status))
        if indication is not None:
            result = _add(constraint, "ValidationStatus")
            _add(result, "MainIndication", indication.etsi_urn)


def _attributes(parent: ET.Element, facts: SignatureFacts) -> None:
    element = _add(parent, "SignatureAttributes")
    if facts.claimed_signing_time is not None:
        signing = _add(element, "SigningTime", Signed="true")
        _add(signing, "Time", _time(facts.claimed_signing_time))
    if facts.signature_timestamp is not None and facts.kind == SignatureKind.SIGNATURE:
        stamp = _add(element, "SignatureTimeStamp", Signed="false")
        _add(stamp, "TimeStampValue", _time(facts.signature_timestamp.time))
    if facts.message_digest:
        digest = _add(element, "MessageDigest", Signed="true")
        _add(digest, "Digest", _b64(facts.message_digest))
    if facts.kind == SignatureKind.DOCUMENT_TIMESTAMP and facts.signature_timestamp:
        stamp = _add(element, "DocTimeStamp", Signed="true")
        _add(stamp, "TimeStampValue", _time(facts.signature_timestamp.time))
    for name, value, child in (
        ("Reason", facts.reason, "ReasonElement"),
        ("ContactInfo", facts.contact_info, "ContactInfoElement"),
    ):
        if value:
            _add(_add(element, name, Signed="true"), child, value)
    if facts.sub_filter:
        _add(
            _add(element, "SubFilter", Signed="true"),
            "SubFilterElement",
            facts.sub_filter,
        )
    _add(element, "ByteRange", " ".join(str(n) for n in facts.byte_range))


def _signature_report(
    parent: ET.Element, result: SignatureResult, moment: datetime
) -> None:
    facts, outcome, verdict = result.facts, result.outcome, result.verdict
    element = _add(parent, "SignatureValidationReport")
    _identifier(element, facts)
    _constraints(element, verdict.checks)
    times = _add(element, "ValidationTimeInfo")
    _add(times, "ValidationTime", _time(moment))
    best = _add(times, "BestSignatureTime")
    _add(best, "POETime", _time(outcome.best_signature_time or moment))
    _add(best, "TypeOfProof", "urn:etsi:019102:poetype:validation")
    document = _add(element, "SignersDocument")
    _digest(document, facts.digest_algorithm, facts.document_digest)
    _attributes(element, facts)
    signer = facts.signer or (
        facts.signature_timestamp.tsa if facts.signature_timestamp else None
    )
    if signer is not None:
        information = _add(element, "SignerInformation", Pseudonym="false")
        _add(
            information,
            "SignerCertificate",
            VOReference=_certificate_reference(signer.fingerprint_sha256),
        )
        _add(information, "Signer", signer.subject)
    process = _add(element, "SignatureValidationProcess")
    _add(process, "SignatureValidationProcessID", Process(outcome.process).etsi_urn)
    status = _add(element, "SignatureValidationStatus")
    _add(status, "MainIndication", verdict.indication.etsi_urn)
    if verdict.sub_indication:
        _add(
            status,
            "SubIndication",
            f"urn:etsi:019102:subindication:{verdict.sub_indication}",
        )


def _objects(report: ValidationReport) -> list[ValidationObject]:
    objects: dict[str, ValidationObject] = {}
    for result in report.results:
        for item in result.outcome.validation_objects:
            objects.setdefault(item.identifier, item)
        facts = result.facts
        signer = facts.signer or (
            facts.signature_timestamp.tsa if facts.signature_timestamp else None
        )
        if signer is not None:
            identifier = _certificate_reference(signer.fingerprint_sha256)
            objects.setdefault(
                identifier, ValidationObject(identifier, CERTIFICATE_TYPE, signer.der)
            )
    return list(objects.values())


def etsi_report_xml(report: ValidationReport) -> bytes:
    """The report as UTF-8 XML (with declaration)."""
    for prefix, uri in NSMAP.items():
        ET.register_namespace(prefix, uri)
    root = ET.Element(_vr("ValidationReport"))
    for result in report.results:
        _signature_report(root, result, report.validation_time)
    objects = _objects(report)
    if objects:
        container = _add(root, "SignatureValidationObjects")
        for item in objects:
            element = _add(container, "ValidationObject", id=item.identifier)
            _add(element, "ObjectType", item.object_type)
            representation = _add(element, "ValidationObjectRepresentation")
            _add(representation, "base64", _b64(item.data))
    ET.indent(root)
    xml: bytes = ET.tostring(root, encoding="UTF-8", xml_declaration=True)
    return xml
