"""Downloadable forms of the public catalogue (tải mẫu đơn, tờ khai): a listed
procedure's form template is served as an attachment; the template's type is read
from its bytes when it is saved; nothing of an unlisted version is served."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from congso.catalog.constants import VersionStatus
from congso.catalog.models import form_template_validator
from congso.dossiers.slips.base import Slip, slip_pdf
from congso.dossiers.tests.factories import build_one_stop, three_steps

pytestmark = pytest.mark.django_db


@pytest.fixture
def component(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    version = three_steps(build_one_stop())
    component = version.components.get(order=1)
    component.template_name = "Tờ khai đăng ký khai sinh"
    pdf = slip_pdf(
        Slip(
            template="blank_form",
            title=component.template_name,
            context={"procedure": version.name},
        )
    )
    component.template_file.save("mau.pdf", ContentFile(pdf), save=True)
    return component


def test_the_form_downloads_as_a_pdf_named_after_it(component):
    url = reverse("portal:procedure-form", args=[component.version_id, component.pk])
    response = Client().get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert "T%E1%BB%9D%20khai" in response["Content-Disposition"]  # "Tờ khai"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    page = Client().get(reverse("portal:procedure-detail", args=[component.version_id]))
    assert url in page.content.decode()


def test_nothing_is_served_for_an_unlisted_version_or_another_document(component):
    other = component.version.components.get(order=2)
    client = Client()
    missing = reverse("portal:procedure-form", args=[component.version_id, other.pk])
    assert client.get(missing).status_code == 404
    component.version.status = VersionStatus.DRAFT
    component.version.save(update_fields=["status"])
    url = reverse("portal:procedure-form", args=[component.version_id, component.pk])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("mau.pdf", b"MZ\x90\x00 an executable renamed"),
        ("mau.docx", b"PK\x03\x04 not really a word document"),
        ("mau.pdf", b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024)),
    ],
)
def test_a_wrong_or_oversize_template_is_refused(name, data):
    with pytest.raises(ValidationError):
        form_template_validator(SimpleUploadedFile(name, data))
