"""Choices and names of the signing service (ký số văn bản điện tử)."""

from __future__ import annotations

from typing import Final

from django.db import models
from django.utils.translation import gettext_lazy as _


class SignaturePurpose(models.TextChoices):
    """Why a signature is made; decides the certificate kind and the appearance
    (NĐ 30/2020 Phụ lục I)."""

    #: The competent official's approval signature, blue handwritten image.
    PERSONAL_APPROVAL = "personal_approval", _("Personal approval signature")
    #: The document office issues with the agency certificate: red seal, number.
    AGENCY_ISSUE = "agency_issue", _("Agency issuing signature")
    #: A separate attachment, appendix or copy: agency signature without image,
    #: number and ISO 8601 time top-right of page 1.
    AGENCY_ATTACHMENT = "agency_attachment", _("Agency signature on an attachment")


class PAdESLevel(models.TextChoices):
    """PAdES baseline level (ETSI EN 319 142-1; domain §3)."""

    B_B = "B-B", "PAdES-B-B"
    B_T = "B-T", "PAdES-B-T"
    B_LT = "B-LT", "PAdES-B-LT"


class SignatureImageKind(models.TextChoices):
    """The picture shown in a visible signature."""

    SIGNATURE = "signature", _("Handwritten signature")
    SEAL = "seal", _("Agency seal")


class SigningRequestStatus(models.TextChoices):
    """A remote signature's life: pending → signed / rejected / expired / failed."""

    PENDING = "pending", _("Waiting for the signer's approval")
    SIGNED = "signed", _("Signed")
    REJECTED = "rejected", _("Rejected by the signer")
    EXPIRED = "expired", _("Expired")
    FAILED = "failed", _("Failed")


#: Names of the fields a Decree 30 document reserves before its first signature.
FIELD_APPROVAL: Final = "leader_signature"
FIELD_AGENCY: Final = "agency_signature"
FIELD_ATTACHMENT: Final = "agency_attachment_signature"
FIELD_NUMBER: Final = "document_number"
FIELD_ISSUE_DATE: Final = "issue_date"

#: Reasons written into the signature dictionary (document content, always in
#: Vietnamese like the printed forms, conventions §9).
DEFAULT_REASONS: Final[dict[str, str]] = {
    SignaturePurpose.PERSONAL_APPROVAL: "Phê duyệt văn bản",
    SignaturePurpose.AGENCY_ISSUE: "Ban hành văn bản",
    SignaturePurpose.AGENCY_ATTACHMENT: "Xác thực văn bản kèm theo",
}

#: Event types written by the signing services.
EVENT_SIGNED: Final = "signatures.signature.created"
EVENT_IMAGE_SET: Final = "signatures.signature_image.set"
EVENT_REQUEST_CREATED: Final = "signatures.signing_request.created"
EVENT_REQUEST_SUBMITTED: Final = "signatures.signing_request.submitted"
EVENT_REQUEST_FINISHED: Final = "signatures.signing_request.finished"

#: Outbox topic: send a new remote-signing request to its provider.
TOPIC_REQUEST_SUBMIT: Final = "signatures.signing_request_submit"
