"""An official's own signature image page: upload a transparent PNG, see it, and
a refusal in Vietnamese for anything else; anonymous visitors are sent to log in."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from congso.signatures.signing.images import signature_demo_png
from congso.signatures.signing.models import SignatureImage

pytestmark = pytest.mark.django_db
PAGE = "signatures:signature-image-mine"
PNG = "signatures:signature-image-mine-png"


def test_anonymous_is_sent_to_login(client):
    assert client.get(reverse(PAGE)).status_code == 302
    assert client.get(reverse(PNG)).status_code == 302


def test_upload_then_see_my_image(client, leader):
    client.force_login(leader)
    assert client.get(reverse(PNG)).status_code == 404
    upload = SimpleUploadedFile("chu-ky.png", signature_demo_png("Trần Thị Lan").png)
    response = client.post(reverse(PAGE), {"image": upload, "width_mm": "40"})
    assert response.status_code == 302
    image = SignatureImage.objects.get(owner_user=leader)
    assert str(image.width_mm) == "40.0"
    png = client.get(reverse(PNG))
    assert png["Content-Type"] == "image/png"
    assert png.content == bytes(image.png)


def test_not_a_transparent_png_is_refused(client, leader):
    client.force_login(leader)
    upload = SimpleUploadedFile("chu-ky.jpg", b"\xff\xd8\xff\xe0 not a png")
    response = client.post(reverse(PAGE), {"image": upload, "width_mm": "40"})
    assert response.status_code == 200
    assert "Hình ảnh phải là tệp PNG có nền trong suốt." in response.content.decode()
    assert not SignatureImage.objects.exists()
