"""The signed result of a dossier (kết quả giải quyết TTHC ký số).

An official records the result with the RESOLVE action and may name one of the
dossier's PDF attachments as the result (``data={"result_attachment_id": …}``; the
"Result ready" form on the dossier page and ``result_attachment`` in the API).
After commit the outbox (``dossiers.result_sign``) has that PDF signed by the
competent authority's agency certificate (software key or HSM), no image, with
the dossier code and the signing time top-right of page 1 (NĐ 30/2020 Phụ lục I,
separate electronic file), and stores the signed copy as a new attachment. The
original attachment stays as it was. :func:`dossier_result_sign` can also be
called directly."""

from __future__ import annotations

import hashlib
import uuid
from datetime import datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congso.accounts.models import User
from congso.audit.services import audit_record
from congso.core.files import PDF
from congso.core.outbox import outbox_publish
from congso.dossiers.constants import SIGNED_SUFFIX, DossierStatus
from congso.dossiers.models import Dossier, DossierAttachment
from congso.dossiers.services import DossierError
from congso.dossiers.services.citizen import dossier_changed_publish
from congso.signatures.signing.services import sign_dossier_result

TOPIC_RESULT_SIGN = "dossiers.result_sign"


def result_sign_publish(*, dossier: Dossier, attachment_id: int, actor: User) -> None:
    """Inside the RESOLVE transition: check the named attachment and have it
    signed after commit (outbox; signing may wait on a TSA or an HSM)."""
    if not DossierAttachment.objects.filter(
        pk=attachment_id, dossier=dossier, content_type=PDF, withdrawn_at__isnull=True
    ).exists():
        raise DossierError(
            _("The result to sign must be a PDF file that has not been withdrawn."),
            code="result_file",
        )
    outbox_publish(
        topic=TOPIC_RESULT_SIGN,
        payload={"attachment_id": attachment_id, "actor_id": actor.pk},
        dedup_key=f"{TOPIC_RESULT_SIGN}:{attachment_id}",
    )


def dossier_result_sign_by_id(*, attachment_id: int, actor_id: int) -> None:
    """The outbox handler's entry: idempotent (a signed copy is made once)."""
    attachment = DossierAttachment.objects.select_related("dossier").get(
        pk=attachment_id
    )
    dossier_result_sign(attachment=attachment, actor=User.objects.get(pk=actor_id))


def dossier_result_sign(
    *, attachment: DossierAttachment, actor: User, now: datetime | None = None
) -> DossierAttachment:
    """Sign a result-ready dossier's PDF attachment with the competent agency's
    certificate and store the signed copy. Signing a copy already signed, or the
    same source twice, returns the existing signed copy."""
    dossier = Dossier.objects.get(pk=attachment.dossier_id)  # current status
    if dossier.status not in (DossierStatus.RESOLVED, DossierStatus.RETURNED):
        raise DossierError(
            _("Only the result of a dossier whose result is ready can be signed."),
            code="not_resolved",
        )
    if attachment.content_type != PDF or attachment.withdrawn_at is not None:
        raise DossierError(
            _("The result to sign must be a PDF file that has not been withdrawn."),
            code="result_file",
        )
    title = f"{attachment.title}{SIGNED_SUFFIX}"[:300]
    existing = DossierAttachment.objects.filter(
        dossier=dossier, title=title, withdrawn_at__isnull=True
    ).first()
    if existing is not None or attachment.title.endswith(SIGNED_SUFFIX):
        return existing or attachment
    with attachment.file.open("rb") as stream:
        source = stream.read()
    signed = sign_dossier_result(
        pdf=source,
        agency_id=dossier.competent_agency_id,
        number=dossier.code,
        actor=actor,
        now=now,
    )
    return _signed_copy_store(attachment, dossier, title, source, signed, actor, now)


@transaction.atomic
def _signed_copy_store(
    attachment: DossierAttachment,
    dossier: Dossier,
    title: str,
    source: bytes,
    signed: bytes,
    actor: User,
    now: datetime | None,
) -> DossierAttachment:
    row = DossierAttachment(
        dossier=dossier,
        uploaded_by=actor,
        uploaded_by_label=actor.get_full_name()[:200],
        agency_id=dossier.competent_agency_id,
        agency_label=attachment.agency_label,
        step=attachment.step,
        title=title,
        description=attachment.description,
        original_name=attachment.original_name.removesuffix(".pdf")[:240]
        + "-da-ky.pdf",
        content_type=PDF,
        size=len(signed),
        sha256=hashlib.sha256(signed).hexdigest(),
        created_at=now or timezone.now(),
    )
    row.file.save(f"{uuid.uuid4().hex}.pdf", ContentFile(signed), save=False)
    try:
        row.save()
        # A new version of the dossier: the national portal gets the result link
        # and the citizen's data store the result (dossiers.dossier_changed).
        Dossier.objects.filter(pk=dossier.pk).update(row_version=F("row_version") + 1)
        dossier.refresh_from_db(fields=["row_version"])
        dossier_changed_publish(dossier)
        audit_record(
            event_type="dossiers.attachment.result_signed",
            actor=actor,
            obj=row,
            data={
                "dossier": dossier.code,
                "source_attachment": attachment.pk,
                "source_sha256": hashlib.sha256(source).hexdigest(),
                "sha256": row.sha256,
            },
        )
    except BaseException:
        row.file.delete(save=False)
        raise
    return row
