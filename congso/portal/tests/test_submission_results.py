"""The citizen's electronic result: signed by the agency after "Result ready",
downloadable only by the citizen who submitted the dossier, checked on a page
that runs the same verification as the public one, and kept in their data store."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from congso.core.outbox import outbox_drain
from congso.dossiers.constants import DossierAction as A
from congso.dossiers.constants import DossierStatus
from congso.dossiers.models import Dossier
from congso.dossiers.services import dossier_transition
from congso.dossiers.services.notes import dossier_attachment_add
from congso.dossiers.tests.factories import OneStop, three_steps
from congso.dossiers.tests.test_result_signing import signing_pki  # noqa: F401
from congso.portal.submission import services
from congso.portal.submission.models import CitizenDocument, StoreKind
from congso.portal.tests.test_submission import _pdf, make_citizen
from congso.signatures.signing.appearance import stamp_pdf
from congso.signatures.validation.constants import Indication

pytestmark = pytest.mark.django_db


def handle_and_resolve_with_result(one_stop: OneStop, dossier: Dossier) -> Dossier:
    """Forward a received dossier, hand it over, attach a PDF result and record
    "Result ready" with it; the worker (drained here) signs it for the commune."""
    u = one_stop.users
    for action, who in ((A.FORWARD, "reception"), (A.HAND_OVER, "specialist")):
        dossier = dossier_transition(dossier=dossier, action=action, actor=u[who])
    pdf = stamp_pdf("<p>Trích lục khai sinh</p>", width_pt=595, height_pt=842)
    result = dossier_attachment_add(
        dossier=dossier,
        title="Trích lục khai sinh",
        file=SimpleUploadedFile("trich-luc.pdf", pdf, content_type="application/pdf"),
        actor=u["leader"],
    )
    dossier = dossier_transition(
        dossier=dossier,
        action=A.RESOLVE,
        actor=u["leader"],
        data={"result_attachment_id": result.pk},
    )
    outbox_drain()
    return dossier


@pytest.fixture
def resolved(one_stop, signing_pki, settings, tmp_path):  # noqa: F811
    """An online dossier of An, received, handled and resolved with a PDF result
    that the worker signs with the commune's certificate."""
    settings.MEDIA_ROOT = tmp_path / "media"
    version = three_steps(one_stop)
    an = make_citizen("an", "046090001234", "Nguyễn Văn An")
    draft = services.draft_start(owner=an, version_id=version.pk)
    services.draft_file_attach(
        draft_id=draft.pk,
        owner=an,
        component_id=version.components.get(order=1).pk,
        upload=_pdf(),
    )
    dossier = services.draft_submit(draft_id=draft.pk, owner=an)
    dossier = dossier_transition(
        dossier=dossier, action=A.RECEIVE, actor=one_stop.users["reception"]
    )
    dossier = handle_and_resolve_with_result(one_stop, dossier)
    return an, dossier


def test_the_citizen_downloads_and_checks_the_signed_result(resolved):
    an, dossier = resolved
    assert dossier.status == DossierStatus.RESOLVED
    client = Client()
    client.force_login(an)
    page = client.get(reverse("portal:my-dossier", args=[dossier.code]))
    [result] = page.context["results"]
    download = client.get(
        reverse("portal:my-result-download", args=[dossier.code, result.pk])
    )
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    check = client.get(
        reverse("portal:my-result-check", args=[dossier.code, result.pk])
    )
    assert check.status_code == 200
    report = check.context["report"]
    assert report.indication == Indication.TOTAL_PASSED
    assert [r.verdict.indication for r in report.results] == [Indication.TOTAL_PASSED]


def test_the_result_lands_in_the_citizens_data_store(resolved):
    an, dossier = resolved
    stored = CitizenDocument.objects.get(owner=an, kind=StoreKind.RESULT)
    assert stored.dossier == dossier
    assert services.store_results_collect(dossier_code=dossier.code) == 0


def test_another_citizen_cannot_download_the_result(resolved):
    an, dossier = resolved
    other = make_citizen("binh", "046090005678", "Trần Thị Bình")
    result = CitizenDocument.objects.get(owner=an).pk
    client = Client()
    client.force_login(other)
    for name in ("portal:my-result-download", "portal:my-result-check"):
        for pk in (result, 1, 2, 3):
            assert client.get(reverse(name, args=[dossier.code, pk])).status_code == 404
