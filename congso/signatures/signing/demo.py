"""Demo data of the signing service (idempotent; ``signatures_demo_sign``, called
by ``demo_load`` after ``pki_demo_setup``):

* a generated signature image for every official holding a demo certificate and
  a seal for every agency holding one (stand-ins for scanned originals);
* a demo decision of UBND phường Phong Điền, approved by its chair (``lanhdao``,
  PAdES B-T, blue signature) and issued by the document clerk (``vanthu``) with
  the agency certificate (B-LT, red seal, number and date), written under
  ``$CONGSO_VAR_DIR/signatures/demo/``."""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from pyhanko.pdf_utils.reader import PdfFileReader

from congso.accounts.models import Agency, AgencyVersion, User
from congso.core.periods import in_force_on
from congso.signatures.constants import CertificateKind
from congso.signatures.models import Certificate
from congso.signatures.pki.files import write_atomic
from congso.signatures.selectors import certificate_list_valid
from congso.signatures.signing.constants import PAdESLevel, SignaturePurpose
from congso.signatures.signing.documents import DecisionDraft, decision_pdf
from congso.signatures.signing.images import seal_demo_png, signature_demo_png
from congso.signatures.signing.selectors import signature_image_current
from congso.signatures.signing.services import sign_pdf, signature_image_set
from congso.signatures.signing.specs import IssueDetails

logger = logging.getLogger(__name__)
DEMO_AGENCY = "UBND phường Phong Điền"
DEMO_LEADER = "lanhdao"
DEMO_CLERK = "vanthu"
DEMO_NUMBER = "01/QĐ-UBND"
DEMO_FILE = "quyet-dinh-mau-da-ky.pdf"


@dataclass
class DemoSignResult:
    images_added: int = 0
    decision: Path | None = None
    decision_created: bool = False
    skipped: list[str] = field(default_factory=list)


def demo_directory() -> Path:
    return Path(settings.VAR_DIR) / "signatures" / "demo"


def signatures_demo_sign() -> DemoSignResult:
    """Create what is missing; a second run changes nothing."""
    result = DemoSignResult()
    result.images_added = demo_images_ensure()
    path = demo_directory() / DEMO_FILE
    result.decision = path
    if _signed_twice(path):
        return result
    signed = demo_decision_sign(result)
    if signed is not None:
        write_atomic(path, signed)
        result.decision_created = True
    return result


def demo_images_ensure() -> int:
    """A generated image for each certificate owner that has none."""
    added = 0
    owners = Certificate.objects.exclude(key_source="none")
    for user in User.objects.filter(
        pk__in=owners.filter(kind=CertificateKind.PERSONAL).values("owner_user_id")
    ):
        if signature_image_current(owner_user=user) is None:
            png = signature_demo_png(user.get_full_name())
            signature_image_set(image=png, owner_user=user, actor=None, generated=True)
            added += 1
    today = timezone.localdate()
    for agency in Agency.objects.filter(
        pk__in=owners.filter(kind=CertificateKind.AGENCY).values("owner_agency_id")
    ):
        if signature_image_current(owner_agency_id=agency.pk) is None:
            version = (
                AgencyVersion.objects.filter(in_force_on(today), agency=agency)
                .order_by("-valid_from")
                .first()
            )
            png = seal_demo_png(version.name if version else str(agency))
            signature_image_set(
                image=png, owner_agency=agency, actor=None, generated=True
            )
            added += 1
    return added


def _signed_twice(path: Path) -> bool:
    try:
        reader = PdfFileReader(io.BytesIO(path.read_bytes()))
        return len(reader.embedded_signatures) >= 2
    except (OSError, ValueError, KeyError):
        return False


def demo_decision_sign(result: DemoSignResult) -> bytes | None:
    """The demo decision signed by the leader, then issued by the clerk."""
    now = timezone.now()
    leader = User.objects.filter(username=DEMO_LEADER).first()
    clerk = User.objects.filter(username=DEMO_CLERK).first()
    version = AgencyVersion.objects.filter(
        in_force_on(timezone.localdate(now)), name=DEMO_AGENCY
    ).first()
    if leader is None or clerk is None or version is None:
        result.skipped.append("demo officials or agency missing")
        return None
    personal = certificate_list_valid(at=now, owner_user=leader, with_key=True).first()
    agency = certificate_list_valid(
        at=now, owner_agency_id=version.agency_id, with_key=True
    ).first()
    if personal is None or agency is None:
        result.skipped.append("demo certificates missing (run pki_demo_setup)")
        return None
    seal = signature_image_current(owner_agency_id=version.agency_id)
    draft = _draft(version, leader)
    pdf = decision_pdf(draft, seal_diameter_mm=float(seal.width_mm) if seal else 36.0)
    approved = sign_pdf(
        pdf=pdf,
        certificate=personal,
        actor=leader,
        purpose=SignaturePurpose.PERSONAL_APPROVAL,
        level=PAdESLevel.B_T,
        location="Phong Điền, Thành phố Huế",
    )
    return sign_pdf(
        pdf=approved,
        certificate=agency,
        actor=clerk,
        purpose=SignaturePurpose.AGENCY_ISSUE,
        level=PAdESLevel.B_LT,
        location="Phong Điền, Thành phố Huế",
        issue=IssueDetails(number=DEMO_NUMBER, place="Phong Điền"),
    )


def _draft(version: AgencyVersion, leader: User) -> DecisionDraft:
    parent = (
        AgencyVersion.objects.filter(
            in_force_on(timezone.localdate()), agency_id=version.parent_id
        ).first()
        if version.parent_id
        else None
    )
    return DecisionDraft(
        governing=parent.name if parent else "",
        issuing=version.name.replace("UBND", "Ủy ban nhân dân"),
        subject=(
            "Về việc công nhận tổ dân phố văn hóa năm 2026 (văn bản mẫu, dữ liệu "
            "thử nghiệm)"
        ),
        authority="Chủ tịch Ủy ban nhân dân phường Phong Điền",
        basis=(
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
            "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính "
            "phủ về công tác văn thư;",
            "Theo đề nghị của Trưởng phòng Văn hóa – Xã hội.",
        ),
        articles=(
            "Công nhận 12 tổ dân phố đạt danh hiệu “Tổ dân phố văn hóa” năm 2026 "
            "(danh sách kèm theo).",
            "Quyết định này có hiệu lực kể từ ngày ký.",
            "Chánh Văn phòng, Trưởng phòng Văn hóa – Xã hội và các tổ dân phố có "
            "tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.",
        ),
        recipients=("Như Điều 3", "Lưu: VT, VHXH"),
        signer_prefix="TM. Ủy ban nhân dân",
        signer_title="Chủ tịch",
        signer_name=leader.get_full_name(),
    )
