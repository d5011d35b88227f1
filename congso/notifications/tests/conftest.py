"""Fixtures of the notifications tests."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from congso.notifications.services import Recipient

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
CODE = "H57.10.01-260312-0001"
BASE_URL = "https://dichvucong.hue.gov.vn"


@pytest.fixture(autouse=True)
def _notification_settings(settings: object) -> None:
    settings.PUBLIC_BASE_URL = BASE_URL  # type: ignore[attr-defined]
    settings.NOTIFICATIONS_CHANNELS = ["email", "sms", "zalo"]  # type: ignore[attr-defined]
    settings.NOTIFICATIONS_SMS_PROVIDER = "demo_sms"  # type: ignore[attr-defined]
    settings.NOTIFICATIONS_ZALO_PROVIDER = "demo_zalo"  # type: ignore[attr-defined]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # type: ignore[attr-defined]
    mail.outbox = []


@pytest.fixture
def dossier_context() -> dict[str, object]:
    """A realistic dossier context (long procedure name, long reason)."""
    return {
        "dossier_code": CODE,
        "procedure_name": "Đăng ký khai sinh có yếu tố nước ngoài",
        "agency_name": "UBND phường Phong Điền",
        "appointment_at": datetime(2026, 3, 19, 16, 30, tzinfo=HCM),
        "reason": "Thiếu bản sao giấy chứng nhận kết hôn của cha mẹ",
        "new_date": datetime(2026, 3, 26, 9, 0, tzinfo=HCM),
    }


@pytest.fixture
def citizen() -> Recipient:
    return Recipient(
        name="Nguyễn Thị Hoà",
        email="hoa.nguyen@Example.VN",
        phone="0905 123 678",
        zalo_id="4568123456789012345",
    )
