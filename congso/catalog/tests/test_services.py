"""Publishing rules of procedure versions (công bố thủ tục hành chính)."""

from __future__ import annotations

from datetime import date, time

import pytest

from congso.audit.models import AuditEvent
from congso.catalog import services
from congso.catalog.constants import VersionStatus
from congso.catalog.models import ProcedureVersion
from congso.catalog.tests.factories import procedure, published, version_data
from congso.core.errors import ApplicationError, ConflictError

pytestmark = pytest.mark.django_db


def test_create_stores_draft_with_parts_and_audit():
    """A new version is a draft with its parts numbered in order, NFC texts and a
    folded search name; the creation is audited."""
    version = services.procedure_version_create(
        procedure=procedure(),
        data=version_data(name="Đăng ky\u0301 khai sinh "),
        actor=None,
    )
    assert version.status == VersionStatus.DRAFT
    assert version.name == "Đăng ký khai sinh"
    assert version.name_folded == "dang ky khai sinh"
    assert [c.order for c in version.components.all()] == [1, 2]
    assert [s.allowance for s in version.steps.all()] == [1, 2]
    assert AuditEvent.objects.filter(
        event_type="catalog.procedure_version.created", object_id=str(version.pk)
    ).exists()


def test_publish_sets_status_and_audits():
    version = published()
    assert version.status == VersionStatus.PUBLISHED
    assert version.published_at is not None
    assert AuditEvent.objects.filter(
        event_type="catalog.procedure_version.published"
    ).exists()


def test_allowance_mismatch_is_refused_and_nothing_changes():
    """Steps adding up to 4 against a limit of 3 are refused, naming both numbers;
    the version stays a draft and no publish event is written."""
    version = services.procedure_version_create(
        procedure=procedure(), data=version_data(allowances=(1, 3)), actor=None
    )
    events = AuditEvent.objects.count()
    with pytest.raises(ApplicationError) as info:
        services.procedure_version_publish(version=version, actor=None)
    assert info.value.code == "allowance_mismatch"
    assert "4" in str(info.value.message)
    assert "3" in str(info.value.message)
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT
    assert version.published_at is None
    assert AuditEvent.objects.count() == events


def test_no_steps_is_refused():
    version = services.procedure_version_create(
        procedure=procedure(),
        data=version_data(time_limit=0, allowances=()),
        actor=None,
    )
    with pytest.raises(ApplicationError) as info:
        services.procedure_version_publish(version=version, actor=None)
    assert info.value.code == "no_steps"


def test_cutoff_outside_the_office_day_is_refused():
    version = services.procedure_version_create(
        procedure=procedure(), data=version_data(cutoff_time=time(3, 0)), actor=None
    )
    with pytest.raises(ApplicationError) as info:
        services.procedure_version_publish(version=version, actor=None)
    assert info.value.code == "bad_cutoff"


def test_negative_fee_is_refused():
    with pytest.raises(ApplicationError):
        services.procedure_version_create(
            procedure=procedure(),
            data=version_data(
                fees=(services.FeeData(kind="fee", name="Phí", amount=-1),)
            ),
            actor=None,
        )
    assert not ProcedureVersion.objects.exists()


def test_publishing_a_new_version_closes_the_previous_one():
    """The previous open version ends the day before the new one starts."""
    proc = procedure()
    old = published(proc, valid_from=date(2024, 1, 1))
    new = published(proc, valid_from=date(2025, 7, 1), time_limit=5, allowances=(5,))
    old.refresh_from_db()
    assert old.valid_to == date(2025, 6, 30)
    assert new.valid_to is None


def test_overlap_with_a_later_published_version_is_refused():
    proc = procedure()
    published(proc, valid_from=date(2025, 7, 1))
    draft = services.procedure_version_create(
        procedure=proc, data=version_data(valid_from=date(2024, 1, 1)), actor=None
    )
    with pytest.raises(ConflictError):
        services.procedure_version_publish(version=draft, actor=None)
    ended = services.procedure_version_update(
        version=draft,
        data=version_data(valid_from=date(2024, 1, 1), valid_to=date(2025, 6, 30)),
        actor=None,
    )
    services.procedure_version_publish(version=ended, actor=None)


def test_published_versions_are_immutable():
    version = published()
    with pytest.raises(ApplicationError) as info:
        services.procedure_version_update(
            version=version, data=version_data(name="Khác"), actor=None
        )
    assert info.value.code == "published_immutable"
    with pytest.raises(ApplicationError):
        services.procedure_version_publish(version=version, actor=None)
    version.name = "Khác"
    with pytest.raises(ApplicationError):
        services.procedure_version_save_draft(version=version, actor=None)
    version.refresh_from_db()
    assert version.name == "Đăng ký khai sinh"


def test_duplicate_local_code_and_start_are_conflicts():
    proc = procedure()
    with pytest.raises(ConflictError):
        procedure()
    services.procedure_version_create(procedure=proc, data=version_data(), actor=None)
    with pytest.raises(ConflictError):
        services.procedure_version_create(
            procedure=proc, data=version_data(), actor=None
        )
