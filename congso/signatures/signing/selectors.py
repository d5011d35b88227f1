"""Reads of the signing service: current signature images, which agency
certificate signs, who may use a certificate, remote requests to look at."""

from __future__ import annotations

from datetime import date, datetime

from django.db.models import QuerySet

from congso.accounts.constants import Role
from congso.accounts.models import User
from congso.accounts.selectors import scope_get
from congso.signatures.constants import CertificateKind
from congso.signatures.models import Certificate
from congso.signatures.selectors import certificate_list_valid
from congso.signatures.signing.constants import SignatureImageKind, SigningRequestStatus
from congso.signatures.signing.models import SignatureImage, SigningRequest

#: Roles that may sign with their agency's certificate (the document office, and
#: the head who may issue directly).
AGENCY_SIGNING_ROLES = (Role.DOCUMENT_CLERK, Role.AGENCY_LEADER)


def signature_image_current(
    *, owner_user: User | None = None, owner_agency_id: int | None = None
) -> SignatureImage | None:
    """The official's signature or the agency's seal in use, if any."""
    if (owner_user is None) == (owner_agency_id is None):
        raise ValueError("give exactly one of owner_user and owner_agency_id")
    rows = SignatureImage.objects.filter(replaced_at__isnull=True)
    if owner_user is not None:
        rows = rows.filter(kind=SignatureImageKind.SIGNATURE, owner_user=owner_user)
    else:
        rows = rows.filter(
            kind=SignatureImageKind.SEAL, owner_agency_id=owner_agency_id
        )
    return rows.first()


def agency_certificate_for_signing(
    *, agency_id: int, at: datetime
) -> Certificate | None:
    """The agency certificate to sign with: valid at ``at`` with a key Công Sở
    reaches (software or PKCS#11; remote keys need a person to approve), the
    longest-lived first."""
    return (
        certificate_list_valid(at=at, owner_agency_id=agency_id, with_key=True)
        .exclude(key_source="remote")
        .first()
    )


def can_sign_with(*, user: User, certificate: Certificate, on: date) -> bool:
    """A personal certificate only by its owner; an agency certificate by a
    document clerk or leader whose scope covers the agency."""
    if certificate.kind == CertificateKind.PERSONAL:
        return certificate.owner_user_id == user.pk
    if certificate.owner_agency_id is None:
        return False
    scope = scope_get(user=user, on=on)
    return scope.covers(certificate.owner_agency_id, AGENCY_SIGNING_ROLES)


def signing_request_list_pending(
    *, due_before: datetime | None = None
) -> QuerySet[SigningRequest]:
    """Pending remote requests (oldest first); ``due_before`` keeps those whose
    deadline has passed."""
    rows = SigningRequest.objects.filter(status=SigningRequestStatus.PENDING)
    if due_before is not None:
        rows = rows.filter(deadline__lte=due_before)
    return rows.select_related("certificate").order_by("deadline", "created_at")


def signing_request_list_for_user(*, user: User) -> QuerySet[SigningRequest]:
    """An official's own remote requests, newest first (without the PDFs)."""
    return (
        SigningRequest.objects.filter(requested_by=user)
        .defer("prepared_pdf", "signed_pdf", "signed_attrs")
        .order_by("-created_at")
    )
