"""A dossier through a commune → land-office interlinked procedure with a supplement
request, a late step with an apology, and a return (issue 3, "done when")."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from congso.accounts.constants import Role
from congso.audit.models import AuditEvent
from congso.calendar.worktime import VN_TZ
from congso.core.errors import ApplicationError
from congso.dossiers import slips
from congso.dossiers.constants import DossierAction as A
from congso.dossiers.constants import DossierStatus as S
from congso.dossiers.constants import Timeliness
from congso.dossiers.models import DossierEvent, ProcessingStep
from congso.dossiers.selectors import dossier_timeliness
from congso.dossiers.services import dossier_receive, dossier_transition
from congso.dossiers.tests.factories import OneStop, build_procedure, reception
from congso.dossiers.tests.test_slips import pdf_text

pytestmark = pytest.mark.django_db


def at(day: int, month: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=VN_TZ)


def test_interlinked_dossier_with_supplement_apology_and_return(
    one_stop: OneStop, tmp_path
):
    u = one_stop.users
    version = build_procedure(
        steps=[
            ("Tiếp nhận hồ sơ", Role.RECEPTION_OFFICER, None, 1, False),
            ("Thẩm định", Role.SPECIALIST, one_stop.office, 3, False),
            (
                "Đo đạc, xác nhận ranh giới",
                Role.SPECIALIST,
                one_stop.land_office,
                5,
                True,
            ),
            ("Phê duyệt", Role.AGENCY_LEADER, one_stop.commune, 1, False),
        ],
        fees=(1014,),
    )
    d = dossier_receive(
        receiving_agency=one_stop.centre,
        reception=reception(version),
        actor=u["reception"],
        now=at(2, 3, 9),
    )
    assert d.code == "H57.10.01-260302-0001"
    assert d.competent_agency_id == one_stop.commune.pk
    assert d.due_at == at(16, 3, 17)  # 10 working days counted from Tue 3/3
    assert d.fee_total == 1014

    d = dossier_transition(
        dossier=d, action=A.FORWARD, actor=u["reception"], now=at(2, 3, 10)
    )
    d = dossier_transition(
        dossier=d, action=A.HAND_OVER, actor=u["specialist"], now=at(5, 3, 15)
    )
    assert d.current_agency_id == one_stop.land_office.pk
    d = dossier_transition(
        dossier=d,
        action=A.REQUEST_SUPPLEMENT,
        actor=u["land"],
        now=at(6, 3, 10),
        note="Bổ sung bản vẽ sơ đồ thửa đất",
        reason_code="BS01",
    )
    assert d.status == S.SUPPLEMENT_REQUESTED
    with pytest.raises(
        ApplicationError
    ):  # the land office cannot record the supplement
        dossier_transition(
            dossier=d, action=A.SUPPLEMENT, actor=u["land"], now=at(11, 3, 10)
        )
    d = dossier_transition(
        dossier=d, action=A.SUPPLEMENT, actor=u["reception"], now=at(11, 3, 10)
    )
    assert d.due_at == at(19, 3, 17)  # three working days of waiting added
    land_step = ProcessingStep.objects.get(dossier=d, order=3)
    assert land_step.due_at == at(17, 3, 17)

    d = dossier_transition(
        dossier=d, action=A.HAND_OVER, actor=u["land_head"], now=at(18, 3, 9)
    )
    d = dossier_transition(
        dossier=d,
        action=A.APOLOGISE,
        actor=u["leader"],
        now=at(18, 3, 10),
        note="Chậm đo đạc do thời tiết",
        data={"new_due_at": at(23, 3, 17)},
    )
    assert (d.due_at, d.original_due_at) == (at(23, 3, 17), at(16, 3, 17))
    with pytest.raises(ApplicationError):  # only one new appointment
        dossier_transition(
            dossier=d,
            action=A.APOLOGISE,
            actor=u["leader"],
            now=at(19, 3, 10),
            note="x",
            data={"new_due_at": at(25, 3, 17)},
        )
    d = dossier_transition(
        dossier=d, action=A.RESOLVE, actor=u["leader"], now=at(20, 3, 10)
    )
    d = dossier_transition(
        dossier=d, action=A.RETURN_RESULT, actor=u["reception"], now=at(20, 3, 14)
    )

    assert d.status == S.RETURNED
    results = list(
        ProcessingStep.objects.filter(dossier=d)
        .order_by("order")
        .values_list("result", flat=True)
    )
    assert results == [
        Timeliness.EARLY,
        Timeliness.ON_TIME,
        Timeliness.LATE,
        Timeliness.LATE,
    ]
    assert (
        dossier_timeliness(d, now=at(25, 3, 9)) == Timeliness.LATE
    )  # finished after the first date
    actions = list(
        DossierEvent.objects.filter(dossier=d).values_list("action", flat=True)
    )
    assert actions == [
        A.RECEIVE,
        A.FORWARD,
        A.HAND_OVER,
        A.REQUEST_SUPPLEMENT,
        A.SUPPLEMENT,
        A.HAND_OVER,
        A.APOLOGISE,
        A.RESOLVE,
        A.RETURN_RESULT,
    ]
    assert (
        AuditEvent.objects.filter(
            object_id=str(d.pk), object_type="dossiers.dossier"
        ).count()
        == 9
    )
    # The legal slips carry the same facts, in Vietnamese.
    receipt = pdf_text(
        slips.slip_pdf(slips.receipt_slip(d, lookup_url="http://x/")), tmp_path
    )
    assert d.code in receipt
    assert "Nguyễn Văn An" in receipt
    assert "Một nghìn không trăm mười bốn đồng" in receipt
    assert "23/03/2026" in receipt  # reprinted after the apology: the new date
    sheet = pdf_text(
        slips.slip_pdf(slips.control_sheet_slip(d, on=date(2026, 3, 20))), tmp_path
    )
    for label in ("Trước hạn", "Đúng hạn", "Quá hạn", "Văn phòng Đăng ký đất đai"):
        assert label in sheet
    apology = pdf_text(
        slips.slip_pdf(
            slips.apology_slip(
                d,
                reason="Chậm đo đạc do thời tiết",
                new_due_at=d.due_at,
                on=date(2026, 3, 18),
            )
        ),
        tmp_path,
    )
    assert "23/03/2026" in apology
    assert "ngày 18 tháng 3 năm 2026" in apology


def test_second_supplement_request_is_refused(one_stop: OneStop):
    u = one_stop.users
    version = build_procedure(
        steps=[
            ("Tiếp nhận", Role.RECEPTION_OFFICER, None, 1, False),
            ("Thẩm định", Role.SPECIALIST, one_stop.office, 2, False),
        ]
    )
    d = dossier_receive(
        receiving_agency=one_stop.centre,
        reception=reception(version),
        actor=u["reception"],
        now=at(2, 3, 9),
    )
    d = dossier_transition(
        dossier=d, action=A.FORWARD, actor=u["reception"], now=at(2, 3, 10)
    )
    d = dossier_transition(
        dossier=d,
        action=A.REQUEST_SUPPLEMENT,
        actor=u["specialist"],
        note="Thiếu giấy chứng sinh",
        now=at(2, 3, 11),
    )
    d = dossier_transition(
        dossier=d, action=A.SUPPLEMENT, actor=u["reception"], now=at(3, 3, 9)
    )
    with pytest.raises(ApplicationError) as exc:
        dossier_transition(
            dossier=d,
            action=A.REQUEST_SUPPLEMENT,
            actor=u["specialist"],
            note="Thiếu nữa",
            now=at(3, 3, 10),
        )
    assert exc.value.code == "supplement_twice"


def test_apology_after_the_due_date_is_refused(one_stop: OneStop):
    u = one_stop.users
    version = build_procedure(
        steps=[
            ("Tiếp nhận", Role.RECEPTION_OFFICER, None, 1, False),
            ("Phê duyệt", Role.AGENCY_LEADER, one_stop.commune, 1, False),
        ]
    )
    d = dossier_receive(
        receiving_agency=one_stop.centre,
        reception=reception(version),
        actor=u["reception"],
        now=at(2, 3, 9),
    )
    d = dossier_transition(
        dossier=d, action=A.FORWARD, actor=u["reception"], now=at(2, 3, 10)
    )
    with pytest.raises(ApplicationError) as exc:
        dossier_transition(
            dossier=d,
            action=A.APOLOGISE,
            actor=u["leader"],
            note="Trễ",
            data={"new_due_at": at(10, 3, 17)},
            now=at(5, 3, 9),
        )
    assert exc.value.code == "apology_late"
