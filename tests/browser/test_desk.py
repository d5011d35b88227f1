"""The one-stop desk in a real browser: pick a procedure (the checklist arrives by
htmx), fill in the applicant, tick the documents, upload a scan, receive; the dossier
page shows the code and the appointment, and the receipt downloads as a PDF."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from congso.dossiers.models import Dossier
from congso.dossiers.tests.factories import build_one_stop, three_steps

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def test_desk_receives_a_dossier(page: Page, live_server, tmp_path):
    world = build_one_stop()
    version = three_steps(world)
    scan = tmp_path / "to-khai.pdf"
    scan.write_bytes(PDF)

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("motcua")
    page.get_by_label("Mật khẩu").fill("x-Secret-123")
    page.get_by_role("button", name="Đăng nhập").click()

    page.goto(f"{live_server.url}/dossiers/receive/")
    page.get_by_label("Thủ tục", exact=True).select_option(str(version.pk))
    checkbox = page.get_by_role("checkbox", name="Tờ khai đăng ký khai sinh")
    expect(checkbox).to_be_visible()  # the checklist came with htmx
    page.get_by_label("Họ và tên người nộp").fill("Nguyễn Văn An")
    page.get_by_label(re.compile("Số định danh cá nhân")).fill("046090001234")
    page.get_by_label("Số điện thoại").fill("0912345678")
    checkbox.check()
    page.locator("input[type=file]").first.set_input_files(str(scan))
    page.get_by_role("button", name="Tiếp nhận", exact=True).click()

    dossier = Dossier.objects.get()
    expect(page.get_by_role("heading", level=1)).to_contain_text(dossier.code)
    expect(page.get_by_text("Nguyễn Văn An").first).to_be_visible()
    assert dossier.components.get().digitised

    with page.expect_download() as info:
        page.evaluate(
            "url => { const a = document.createElement('a'); a.href = url;"
            " a.download = 'receipt.pdf'; document.body.appendChild(a); a.click(); }",
            f"/dossiers/{dossier.code}/slips/receipt.pdf",
        )
    path = info.value.path()
    assert path is not None
    assert open(path, "rb").read(5) == b"%PDF-"  # noqa: PTH123, SIM115
