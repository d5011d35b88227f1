"""Fixtures of the payments tests: the simulator's state and media in a
temporary directory, and a test-only handler for ``payments.payment_completed``
(its production handler belongs to the dossiers app)."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from django.test import Client

from congso.core.outbox import outbox_handlers
from congso.payments.models import PaymentOrder
from congso.payments.services import COMPLETED_TOPIC, payment_order_create


@pytest.fixture(autouse=True)
def _payments_dirs(settings: Any, tmp_path: Path) -> None:
    settings.PAYMENTS_SIM_DIR = tmp_path / "payments-sim"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PAYMENTS_PROVIDER = "simulator"


@pytest.fixture(autouse=True)
def completed(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Payloads delivered on ``payments.payment_completed``: the payments tests
    stand in for the upper app's handler (the dossiers app's, tested there)."""
    seen: list[dict[str, Any]] = []

    def handler(message_id: UUID, payload: dict[str, Any]) -> None:
        seen.append(payload)

    monkeypatch.setitem(outbox_handlers._items, COMPLETED_TOPIC, handler)
    return seen


@pytest.fixture
def make_order(db: None) -> Any:
    def make(
        amount: int = 50_000, object_id: str = "H01.0001-260105-0001"
    ) -> PaymentOrder:
        return payment_order_create(
            object_type="dossiers.dossier",
            object_id=object_id,
            amount=amount,
            description="Lệ phí cấp giấy phép xây dựng",
            payer_name="Nguyễn Văn An",
            payee="UBND phường Phú Xuân",
        )

    return make


@pytest.fixture
def client() -> Client:
    return Client(REMOTE_ADDR="127.0.0.1")
