"""Demo data of online submission (``manage.py portal_demo_load``, run by
``demo_load``): a local citizen account with a verified e-mail, a dossier it
submitted online that waits at the desk, a draft, and a document in its store."""

from __future__ import annotations

from typing import Final

from django.db import transaction
from django.utils import timezone

from congso.accounts.citizens.services import CitizenData, citizen_profile_create
from congso.accounts.demo import LOCAL_CITIZEN_EMAIL as EMAIL
from congso.accounts.demo import LOCAL_CITIZEN_PASSWORD as PASSWORD
from congso.accounts.models import CitizenProfile, User
from congso.catalog.models import ProcedureVersion
from congso.core.files import PDF
from congso.portal.submission import services
from congso.portal.submission.selectors import desks_for_version, version_for_online

NAME: Final = "Lê Thị Hoa"
PERSONAL_ID: Final = "046188007788"


def _paper(title: str) -> bytes:
    from congso.signatures.signing.appearance import stamp_pdf

    return stamp_pdf(
        f"<h1>{title}</h1><p>{NAME} — {PERSONAL_ID}</p>", width_pt=595, height_pt=842
    )


def _online_versions() -> list[ProcedureVersion]:
    today = timezone.localdate()
    versions = []
    for pk in ProcedureVersion.objects.values_list("pk", flat=True).order_by("pk"):
        version = version_for_online(version_id=pk, on=today)
        if version is not None and desks_for_version(version=version, on=today):
            versions.append(version)
    return versions


def _account() -> User:
    from allauth.account.models import EmailAddress

    user = User.objects.create_user(username="lethihoa", email=EMAIL)
    user.set_password(PASSWORD)
    user.save(update_fields=["password"])
    EmailAddress.objects.create(user=user, email=EMAIL, verified=True, primary=True)
    citizen_profile_create(
        user=user,
        data=CitizenData(
            full_name=NAME,
            phone="0905678123",
            personal_id=PERSONAL_ID,
            address="Thôn Hiền Lương, phường Phong Hiền, thành phố Huế",
        ),
    )
    return user


def portal_demo_load() -> bool:
    """Idempotent: nothing when the demo citizen exists or no procedure is
    offered online at a desk."""
    if (
        User.objects.filter(email=EMAIL).exists()
        or CitizenProfile.objects.filter(personal_id=PERSONAL_ID).exists()
    ):
        return False
    versions = _online_versions()
    if not versions:
        return False
    with transaction.atomic():
        user = _account()
        store = services.store_document_add(
            owner=user,
            data=_paper("Giấy khai sinh (bản sao)"),
            content_type=PDF,
            title="Giấy khai sinh (bản sao)",
            name="giay-khai-sinh.pdf",
        )
    for version in versions[:2]:
        draft = services.draft_start(owner=user, version_id=version.pk)
        for component in version.components.filter(required=True).order_by("order"):
            services.draft_file_reuse(
                draft_id=draft.pk,
                owner=user,
                component_id=component.pk,
                document_id=store.pk,
            )
        services.draft_save(
            draft_id=draft.pk,
            owner=user,
            values={**draft.form, "request_summary": version.name},
            receiving_agency_id=draft.receiving_agency_id
            or desks_for_version(version=version, on=timezone.localdate())[0][0],
        )
        if version == versions[0]:
            services.draft_submit(draft_id=draft.pk, owner=user)
    return True


def forms_demo_attach() -> int:
    """Blank forms (tờ khai) for the demo catalogue's documents that name a form
    and have no file yet, laid out like the slips; a deployment uploads the
    official templates in the administration instead. The count attached."""
    from django.core.files.base import ContentFile

    from congso.catalog.models import ProcedureComponent
    from congso.dossiers.slips.base import Slip, slip_pdf

    attached = 0
    pending = ProcedureComponent.objects.filter(template_file="").exclude(
        template_name=""
    )
    for component in pending.select_related("version"):
        pdf = slip_pdf(
            Slip(
                template="blank_form",
                title=component.template_name,
                context={"procedure": component.version.name},
            )
        )
        component.template_file.save(
            f"mau-{component.pk}.pdf", ContentFile(pdf), save=True
        )
        attached += 1
    return attached
