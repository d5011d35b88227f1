"""JSON import/export (all or nothing, idempotent) and the Excel export."""

from __future__ import annotations

import copy
import json
from datetime import date
from io import BytesIO

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from congso.accounts.tests.factories import World
from congso.catalog import exports, selectors, services
from congso.catalog.imports import (
    CatalogImportError,
    catalog_import,
    catalog_import_text,
)
from congso.catalog.models import Procedure, ProcedureVersion
from congso.catalog.tests.factories import procedure, published, version_data

pytestmark = pytest.mark.django_db


def _export() -> dict:
    return exports.catalog_to_dict(selectors.procedure_list_for_export())


def _catalogue(world: World) -> None:
    proc = procedure("1.001193")
    published(proc, valid_from=date(2024, 1, 1), competent_agency=world.commune_a)
    steps = (
        services.StepData(name="Tiếp nhận", role="reception_officer", allowance=1),
        services.StepData(
            name="Thẩm định",
            role="specialist",
            allowance=4,
            agency=world.office_a,
            is_interlinked=True,
        ),
    )
    published(proc, valid_from=date(2025, 7, 1), time_limit=5, steps=steps)
    services.procedure_version_create(
        procedure=procedure("2.000815"),
        data=version_data(name="Chứng thực bản sao", cutoff_time=None),
        actor=None,
    )


def test_json_round_trip_is_identical(world: World):
    """Export, empty the catalogue, import, export again: the same document."""
    _catalogue(world)
    first = _export()
    assert first["procedures"][0]["versions"][0]["competent_agency"] == [
        "UBND tỉnh P",
        "UBND huyện A",
        "UBND xã A1",
    ]
    ProcedureVersion.objects.all().delete()
    Procedure.objects.all().delete()
    result = catalog_import_text(text=json.dumps(first), actor=None)
    assert (result.created, result.published) == (3, 2)
    assert _export() == first


def test_import_twice_changes_nothing(world: World):
    _catalogue(world)
    document = _export()
    result = catalog_import(document=document, actor=None)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    assert _export() == document


def _document() -> dict:
    return {
        "format": "congso.catalog",
        "format_version": 1,
        "procedures": [
            {
                "national_code": "1.001193",
                "local_code": "1.001193.000.00.00.H57",
                "versions": [
                    {
                        "valid_from": "2025-07-01",
                        "name": "Đăng ký khai sinh",
                        "sector": "Tư pháp",
                        "level": "commune",
                        "time_limit": 1,
                        "time_unit": "working_days",
                        "result_type": "paper",
                        "online_mode": "full",
                        "steps": [
                            {"name": "Xử lý", "role": "specialist", "allowance": 1}
                        ],
                    }
                ],
            },
            {
                "national_code": "2.000815",
                "local_code": "2.000815.000.00.00.H57",
                "versions": [
                    {
                        "valid_from": "2025-07-01",
                        "name": "Chứng thực",
                        "sector": "Tư pháp",
                        "level": "commune",
                        "time_limit": 0,
                        "time_unit": "working_days",
                        "cutoff_time": "15:00",
                        "result_type": "paper",
                        "online_mode": "none",
                        "steps": [
                            {"name": "Ký", "role": "agency_leader", "allowance": 0}
                        ],
                        "fees": [{"kind": "fee", "name": "Phí", "amount": 2000}],
                    }
                ],
            },
        ],
    }


def test_minimal_document_imports():
    result = catalog_import(document=_document(), actor=None)
    assert (result.created, result.published) == (2, 2)


def _broken(path: list, value) -> dict:
    doc = copy.deepcopy(_document())
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return doc


V2 = ["procedures", 1, "versions", 0]


@pytest.mark.parametrize(
    ("document", "fragment"),
    [
        (_broken([*V2, "time_unit"], "days"), "time_unit"),
        (_broken([*V2, "steps", 0, "allowance"], 3), "3"),
        (_broken([*V2, "valid_from"], "01/07/2025"), "valid_from"),
        (_broken([*V2, "fees", 0, "amount"], -5), "amount"),
        (_broken([*V2, "steps", 0, "agency"], "receiving"), "receiving"),
        (_broken([*V2, "steps", 0, "agency"], ["Không có"]), "Không có"),
        (_broken(["format"], "other"), "không phải là tệp danh mục"),
        (_broken(["procedures", 1, "local_code"], "1.001193.000.00.00.H57"), "hai lần"),
        (_broken([*V2, "name"], None), "name"),
        (_broken([*V2, "time_limit"], "1"), "time_limit"),
    ],
)
def test_bad_document_is_refused_whole(document, fragment):
    """Any error refuses the whole import — the valid first procedure is not kept —
    and the message names the place."""
    with pytest.raises(CatalogImportError) as info:
        catalog_import(document=document, actor=None)
    assert fragment in str(info.value.message)
    assert not Procedure.objects.exists()
    assert not ProcedureVersion.objects.exists()


def test_malformed_json_is_refused():
    with pytest.raises(CatalogImportError) as info:
        catalog_import_text(text='{"format": ', actor=None)
    assert "JSON" in str(info.value.message)


def test_changed_published_version_is_refused_on_reimport():
    catalog_import(document=_document(), actor=None)
    with pytest.raises(CatalogImportError):
        catalog_import(document=_broken([*V2, "name"], "Tên khác"), actor=None)
    assert ProcedureVersion.objects.get(procedure__national_code="2.000815").name == (
        "Chứng thực"
    )


def test_commands_round_trip(tmp_path, world: World):
    _catalogue(world)
    path = tmp_path / "catalog.json"
    call_command("catalog_export", "--output", str(path))
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document == _export()
    call_command("catalog_import", str(path))
    assert _export() == document


def test_excel_export_has_one_row_per_published_version(tmp_path, world: World):
    _catalogue(world)
    versions = selectors.procedure_list_published(on=date(2026, 1, 1))
    workbook = load_workbook(
        BytesIO(exports.versions_to_xlsx(versions, on=date(2026, 1, 1)))
    )
    rows = list(workbook.active.iter_rows(values_only=True))
    assert len(rows) == 2  # header + the one published version in force
    assert rows[1][0] == "Đăng ký khai sinh"
    assert rows[1][1] == "1.001193"
    assert "8.000" in rows[1][7]
    path = tmp_path / "catalog.xlsx"
    call_command(
        "catalog_export",
        "--format",
        "xlsx-list",
        "--output",
        str(path),
        "--on",
        "2024-06-01",
    )
    assert load_workbook(path).active.max_row == 2
