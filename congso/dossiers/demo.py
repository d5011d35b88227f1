"""Demo dossiers for the Phong Điền ward (dữ liệu mẫu): realistic dossiers received
over the last weeks and moved along their process through the real services, so the
queues, deadlines and timelines of `make run` are filled.

Idempotent: nothing is created when the ward's centre already has dossiers."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from congso.accounts.models import Agency, User
from congso.accounts.selectors import agency_tree_get
from congso.catalog.models import ProcedureVersion
from congso.core.errors import ApplicationError, PermissionDeniedError
from congso.dossiers.constants import DossierAction as A
from congso.dossiers.models import Dossier
from congso.dossiers.services import (
    ApplicantData,
    ComponentData,
    Reception,
    dossier_receive,
    dossier_transition,
)
from congso.dossiers.warnings import deadline_warnings_publish

CENTRE_NAME = "Trung tâm Phục vụ hành chính công phường Phong Điền"
OFFICIALS = ["motcua", "chuyenvien", "truongphong", "lanhdao", "vanthu", "quantri"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Võ", "Đặng", "Bùi", "Đỗ"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quang"]
GIVEN = [
    "An",
    "Bình",
    "Chi",
    "Dũng",
    "Hà",
    "Hải",
    "Hoa",
    "Hùng",
    "Lan",
    "Long",
    "Mai",
    "Nam",
]
HAMLETS = ["Tổ dân phố Đông Lâm", "Tổ dân phố Trạch Thượng", "Tổ dân phố Khánh Mỹ"]


def _centre() -> Agency | None:
    tree = agency_tree_get(on=timezone.localdate())
    for node in tree.nodes.values():
        if node.name == CENTRE_NAME:
            return Agency.objects.get(pk=node.id)
    return None


def _applicant(rng: random.Random) -> ApplicantData:
    name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
    return ApplicantData(
        kind="person",
        name=name,
        personal_id=f"046{rng.randint(0, 999_999_999):09d}",
        phone=f"09{rng.randint(0, 99_999_999):08d}",
        address=f"{rng.choice(HAMLETS)}, phường Phong Điền, thành phố Huế",
    )


def _reception(version: ProcedureVersion, rng: random.Random) -> Reception:
    components = [
        ComponentData(name=c.name, form=c.form, component_id=c.pk, quantity=c.quantity)
        for c in version.components.all()
        if c.required
    ]
    return Reception(version=version, applicant=_applicant(rng), components=components)


def _act(
    dossier: Dossier, action: A, users: list[User], now: datetime, note: str = ""
) -> Dossier:
    """Perform ``action`` as the first demo official allowed to."""
    for user in users:
        try:
            return dossier_transition(
                dossier=dossier, action=action, actor=user, now=now, note=note
            )
        except PermissionDeniedError:
            continue
    raise PermissionDeniedError()


def _office(moment: datetime) -> datetime:
    """The same moment, or the next office-hours moment (08:00–17:00, Mon–Fri), so
    demo officials do not work at night or at weekends."""
    local = timezone.localtime(moment)
    if local.hour >= 17:
        local = (local + timedelta(days=1)).replace(hour=8)
    elif local.hour < 8:
        local = local.replace(hour=8)
    while local.weekday() >= 5:
        local = (local + timedelta(days=1)).replace(hour=8)
    return local


def _progress(
    dossier: Dossier,
    users: list[User],
    now: datetime,
    rng: random.Random,
    end: datetime,
) -> None:
    """Move a dossier along its steps at a realistic pace until ``end``."""
    try:
        now = _office(now + timedelta(hours=1))
        dossier = _act(dossier, A.FORWARD, users, now)
        while now < end:
            now = _office(now + timedelta(hours=rng.randint(4, 40)))
            if now >= end:
                return
            if rng.random() < 0.04 and dossier.supplement_count == 0:
                dossier = _act(
                    dossier,
                    A.REQUEST_SUPPLEMENT,
                    users,
                    now,
                    note="Bổ sung bản sao giấy tờ tùy thân còn hiệu lực",
                )
                return
            last = (
                dossier.steps.order_by("-order").values_list("order", flat=True).first()
            )
            action = A.RESOLVE if dossier.current_step == last else A.HAND_OVER
            dossier = _act(dossier, action, users, now)
            if action == A.RESOLVE:
                returned = _office(now + timedelta(hours=3))
                if rng.random() < 0.7 and returned < end:
                    _act(dossier, A.RETURN_RESULT, users, returned)
                return
    except (PermissionDeniedError, ApplicationError):
        return  # waiting at an agency without a demo official: a realistic queue


def dossiers_demo_load(*, count: int = 60, seed: int = 2025) -> int:
    """Create ``count`` demo dossiers over the last three weeks; returns how many."""
    centre = _centre()
    if centre is None or Dossier.objects.filter(receiving_agency=centre).exists():
        return 0
    versions = list(
        ProcedureVersion.objects.filter(
            status="published", level="commune"
        ).prefetch_related("components")
    )
    users = list(User.objects.filter(username__in=OFFICIALS))
    if not versions or not users:
        return 0
    rng = random.Random(seed)  # noqa: S311  # demo data, not security
    end = timezone.now()
    start = end - timedelta(days=21)
    created = 0
    for _ in range(count):
        received = start + timedelta(
            seconds=rng.randint(0, int((end - start).total_seconds()))
        )
        received = received.replace(hour=rng.randint(8, 16), minute=rng.randint(0, 59))
        if received >= end or received.weekday() >= 5:
            continue
        with transaction.atomic():
            version = rng.choice(versions)
            try:
                dossier = _act_receive(centre, version, users, received, rng)
            except ApplicationError:
                continue
            _progress(dossier, users, received, rng, end)
            created += 1
    with transaction.atomic():  # today's warnings; the worker delivers them
        deadline_warnings_publish(end)
    return created


def _act_receive(
    centre: Agency,
    version: ProcedureVersion,
    users: list[User],
    now: datetime,
    rng: random.Random,
) -> Dossier:
    for user in users:
        try:
            return dossier_receive(
                receiving_agency=centre,
                reception=_reception(version, rng),
                actor=user,
                now=now,
            )
        except PermissionDeniedError:
            continue
    raise PermissionDeniedError()
