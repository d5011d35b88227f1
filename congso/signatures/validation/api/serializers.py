"""Output of the verification API: the verdict per signature, the checks of the
detailed report and the diagnostic data, kept apart (domain §9)."""

from __future__ import annotations

from drf_spectacular.utils import inline_serializer
from rest_framework import serializers


class VerificationInput(serializers.Serializer):  # type: ignore[type-arg]
    file = serializers.FileField(help_text="The signed PDF (at most 10 MB)")


class CertificateOutput(serializers.Serializer):  # type: ignore[type-arg]
    subject = serializers.CharField(help_text="RFC 4514")
    common_name = serializers.CharField()
    title = serializers.CharField()
    organisation = serializers.CharField()
    organisational_unit = serializers.CharField()
    issuer = serializers.CharField(help_text="RFC 4514")
    issuer_common_name = serializers.CharField()
    issuer_organisation = serializers.CharField()
    serial_number = serializers.CharField(help_text="hexadecimal")
    not_before = serializers.DateTimeField()
    not_after = serializers.DateTimeField()
    fingerprint_sha256 = serializers.CharField()
    key = serializers.CharField(source="key_label", help_text="RSA-2048, EC P-256 …")
    signature_algorithm = serializers.CharField()


class TimestampOutput(serializers.Serializer):  # type: ignore[type-arg]
    time = serializers.DateTimeField()
    tsa_name = serializers.CharField(help_text="Time-stamp authority")
    hash_algorithm = serializers.CharField()
    policy = serializers.CharField(help_text="OID of the TSA policy")


class CheckOutput(serializers.Serializer):  # type: ignore[type-arg]
    code = serializers.CharField(
        help_text="format, identification, x509, cryptography, algorithms, "
        "validity, revocation, timestamp, modification"
    )
    name = serializers.CharField(source="label")
    status = serializers.CharField(
        help_text="passed, failed, indeterminate, warning, info, not_evaluated"
    )
    status_label = serializers.CharField()
    detail = serializers.CharField()


class RevocationOutput(serializers.Serializer):  # type: ignore[type-arg]
    revoked_at = serializers.DateTimeField()
    reason = serializers.CharField()
    ca_revoked = serializers.BooleanField()


class DiagnosticsOutput(serializers.Serializer):  # type: ignore[type-arg]
    """Raw facts and pyHanko's answer, before Công Sở's judgement."""

    signature_field = serializers.CharField(source="facts.field_name")
    sub_filter = serializers.CharField(source="facts.sub_filter")
    byte_range = serializers.ListField(
        child=serializers.IntegerField(), source="facts.byte_range"
    )
    signed_revision = serializers.IntegerField(source="facts.signed_revision")
    certifying = serializers.BooleanField(source="facts.certifying")
    docmdp_permission = serializers.CharField(source="facts.docmdp_permission")
    digest_algorithm = serializers.CharField(source="facts.digest_algorithm")
    signature_mechanism = serializers.CharField(source="facts.signature_mechanism")
    embedded_certificates = CertificateOutput(
        many=True, source="facts.embedded_certificates"
    )
    process = serializers.CharField(source="outcome.process")
    ades_status = serializers.CharField(
        source="outcome.status", help_text="PASSED, FAILED or INDETERMINATE"
    )
    ades_sub_indication = serializers.CharField(source="outcome.sub_indication")
    failure_message = serializers.CharField(source="outcome.failure_message")
    best_signature_time = serializers.DateTimeField(
        source="outcome.best_signature_time", allow_null=True
    )
    intact = serializers.BooleanField(source="outcome.intact", allow_null=True)
    crypto_valid = serializers.BooleanField(
        source="outcome.crypto_valid", allow_null=True
    )
    path = CertificateOutput(
        many=True, source="outcome.path", help_text="From the signer to the root"
    )
    revocation = RevocationOutput(source="outcome.revocation", allow_null=True)
    coverage = serializers.CharField(source="outcome.coverage")
    modification_level = serializers.CharField(source="outcome.modification_level")
    modification_detail = serializers.CharField(source="outcome.modification_detail")
    docmdp_ok = serializers.BooleanField(source="outcome.docmdp_ok", allow_null=True)


class SignatureOutput(serializers.Serializer):  # type: ignore[type-arg]
    number = serializers.IntegerField()
    kind = serializers.CharField(
        source="facts.kind", help_text="signature or document_timestamp"
    )
    indication = serializers.CharField(
        source="verdict.indication",
        help_text="total_passed, total_failed or indeterminate (ETSI EN 319 102-1)",
    )
    indication_label = serializers.CharField(source="verdict.indication.label")
    sub_indication = serializers.CharField(
        source="verdict.sub_indication", help_text="ETSI name, empty when passed"
    )
    reason = serializers.CharField(source="verdict.reason")
    level = serializers.CharField(source="verdict.level")
    level_label = serializers.CharField(source="verdict.level.label")
    modification = serializers.CharField(
        source="verdict.modification",
        help_text="none, permitted, not_permitted or unknown",
    )
    modification_label = serializers.CharField(source="verdict.modification.label")
    signer = CertificateOutput(source="facts.signer", allow_null=True)
    claimed_signing_time = serializers.DateTimeField(
        source="facts.claimed_signing_time", allow_null=True
    )
    timestamp = TimestampOutput(source="facts.signature_timestamp", allow_null=True)
    checks = CheckOutput(many=True, source="verdict.checks")
    warnings = serializers.ListField(
        child=serializers.CharField(), source="verdict.warnings"
    )
    diagnostics = DiagnosticsOutput(source="*")


class VerificationOutput(serializers.Serializer):  # type: ignore[type-arg]
    file_name = serializers.CharField()
    sha256 = serializers.CharField(source="document.sha256")
    size = serializers.IntegerField(source="document.size")
    revisions = serializers.IntegerField(source="document.revisions")
    validation_time = serializers.DateTimeField()
    indication = serializers.CharField(help_text="The worst signature's indication")
    indication_label = serializers.CharField(source="indication.label")
    trusted_roots = serializers.ListField(
        child=serializers.CharField(), source="policy.trusted_roots"
    )
    etsi_report_url = serializers.SerializerMethodField(
        help_text="ETSI TS 119 102-2 XML, kept for one hour"
    )
    signatures = SignatureOutput(many=True, source="results")

    def get_etsi_report_url(self, report: object) -> str:
        return str(self.context["etsi_report_url"])


#: The project's error format (``core.api``).
VerificationErrorOutput = inline_serializer(
    name="VerificationErrorOutput",
    fields={
        "detail": serializers.CharField(),
        "code": serializers.CharField(),
        "errors": serializers.DictField(
            child=serializers.ListField(child=serializers.CharField()), required=False
        ),
    },
)
