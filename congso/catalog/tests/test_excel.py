"""Excel (.xlsx) import and export of the catalogue: the round trip of the demo
catalogue, errors naming sheet and row in Vietnamese, files that are not workbooks,
lenient cells, idempotence and all-or-nothing."""

from __future__ import annotations

import unicodedata
import zipfile
from datetime import datetime, time
from io import BytesIO, StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation
from openpyxl import Workbook, load_workbook

from congso.accounts.demo import DemoLoader
from congso.audit.models import AuditEvent
from congso.catalog import exports, selectors, services
from congso.catalog.excel.exports import catalog_to_xlsx
from congso.catalog.excel.imports import catalog_import_xlsx
from congso.catalog.excel.layout import (
    COMPONENTS,
    FEES,
    SHEETS,
    STEPS,
    VERSIONS,
    Sheet,
)
from congso.catalog.imports import CatalogImportError
from congso.catalog.models import (
    Procedure,
    ProcedureComponent,
    ProcedureFee,
    ProcedureReason,
    ProcedureStep,
    ProcedureVersion,
)
from congso.catalog.tests.factories import procedure, version_data

pytestmark = pytest.mark.django_db
REFUSED = "Từ chối nhập danh mục, không dữ liệu nào được nhập. "


def _export() -> dict[str, Any]:
    return exports.catalog_to_dict(selectors.procedure_list_for_export())


@pytest.fixture
def demo() -> dict[str, Any]:
    """The demo organisation and catalogue (as `make run` loads them), exported."""
    DemoLoader().run()
    call_command("catalog_demo_load", stdout=StringIO())
    return _export()


def _empty_catalogue() -> None:
    ProcedureVersion.objects.all().delete()
    Procedure.objects.all().delete()


def _column(sheet: Sheet, key: str) -> int:
    return [c.key for c in sheet.columns].index(key) + 1


def _edit(content: bytes, *edits: tuple[Sheet, int, str, Any]) -> bytes:
    """The workbook with cells replaced: (sheet, row, column key, value)."""
    workbook = load_workbook(BytesIO(content))
    for sheet, row, key, value in edits:
        cell = workbook.worksheets[SHEETS.index(sheet)].cell(row, _column(sheet, key))
        cell.value = value
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(content: bytes, sheet: Sheet, row: int, key: str) -> Any:
    worksheet = load_workbook(BytesIO(content)).worksheets[SHEETS.index(sheet)]
    return worksheet.cell(row, _column(sheet, key)).value


def _version_row(content: bytes, local_code: str) -> int:
    worksheet = load_workbook(BytesIO(content)).worksheets[0]
    column = _column(VERSIONS, "local_code")
    for row in range(2, worksheet.max_row + 1):
        if worksheet.cell(row, column).value == local_code:
            return row
    raise AssertionError(local_code)


def _refused(content: bytes) -> str:
    """Import ``content``, expect a refusal; check nothing was kept."""
    events = AuditEvent.objects.count()
    counts = [m.objects.count() for m in (Procedure, ProcedureVersion, ProcedureStep)]
    with pytest.raises(CatalogImportError) as info:
        catalog_import_xlsx(content=content, actor=None)
    assert AuditEvent.objects.count() == events
    assert [
        m.objects.count() for m in (Procedure, ProcedureVersion, ProcedureStep)
    ] == (counts)
    message = str(info.value.message)
    assert message.startswith(REFUSED)
    return message


# --- round trip, layout, idempotence -------------------------------------------------


def test_demo_catalogue_round_trips_through_excel(demo):
    """Export the demo catalogue to Excel, empty the catalogue, import the workbook:
    the catalogue is the same (compared through the JSON export, which holds every
    field), every version published again."""
    assert len(demo["procedures"]) >= 10
    content = catalog_to_xlsx(demo)
    _empty_catalogue()
    result = catalog_import_xlsx(content=content, actor=None)
    versions = sum(len(p["versions"]) for p in demo["procedures"])
    assert (result.created, result.published, result.updated) == (versions, versions, 0)
    assert _export() == demo
    interlinked = ProcedureStep.objects.filter(is_interlinked=True)
    assert interlinked.count() == 2
    assert all(step.agency_id for step in interlinked)


def test_reimport_changes_nothing(demo):
    """Importing the exported workbook over the same catalogue changes nothing and
    writes no audit event."""
    content = catalog_to_xlsx(demo)
    events = AuditEvent.objects.count()
    result = catalog_import_xlsx(content=content, actor=None)
    versions = sum(len(p["versions"]) for p in demo["procedures"])
    assert (result.created, result.updated, result.published) == (0, 0, 0)
    assert result.unchanged == versions
    assert AuditEvent.objects.count() == events
    assert _export() == demo


def test_workbook_layout_is_vietnamese_and_readable(demo):
    """One sheet per table with Vietnamese names and headers, bold frozen header,
    widths set, dates as dates shown dd/mm/yyyy, choices and yes/no by label."""
    workbook = load_workbook(BytesIO(catalog_to_xlsx(demo)))
    assert workbook.sheetnames == [
        "Thủ tục hành chính",
        "Thành phần hồ sơ",
        "Quy trình nội bộ",
        "Phí, lệ phí",
        "Lý do từ chối, bổ sung, dừng",
    ]
    versions = workbook["Thủ tục hành chính"]
    headers = [cell.value for cell in versions[1]]
    assert headers[:3] == [
        "Mã thủ tục quốc gia",
        "Mã thủ tục địa phương",
        "Hiệu lực từ ngày",
    ]
    assert all(cell.font.bold for cell in versions[1])
    assert versions.freeze_panes == "A2"
    assert versions.column_dimensions["F"].width == 60
    start = versions.cell(2, _column(VERSIONS, "valid_from"))
    assert start.value == datetime(2025, 7, 1)
    assert start.number_format == "DD/MM/YYYY"
    assert versions.cell(2, _column(VERSIONS, "status")).value == "Đã công bố"
    components = workbook["Thành phần hồ sơ"]
    assert components.cell(2, _column(COMPONENTS, "form")).value == "Bản chính"
    assert components.cell(2, _column(COMPONENTS, "required")).value == "Có"
    fees = workbook["Phí, lệ phí"]
    assert fees.cell(2, _column(FEES, "amount")).number_format == "#,##0"


def test_workbook_exported_in_english_imports_in_vietnamese(demo):
    """Headers, sheet names and labels are recognised in either language."""
    with translation.override("en"):
        content = catalog_to_xlsx(demo)
    assert load_workbook(BytesIO(content)).sheetnames[0] == "Procedures"
    assert _cell(content, COMPONENTS, 1, "form") == "Form"
    _empty_catalogue()
    catalog_import_xlsx(content=content, actor=None)
    assert _export() == demo


# --- errors: sheet, row and column, in Vietnamese; nothing kept ---------------------


def test_errors_name_sheet_and_row_in_vietnamese(demo):
    """Errors found in cells, by the JSON reader and by the services all name the
    sheet and the row (and the column when there is one)."""
    content = catalog_to_xlsx(demo)
    _empty_catalogue()
    cases = [
        (
            (COMPONENTS, 7, "form", "Bản photo"),
            "Trang tính «Thành phần hồ sơ», dòng 7: “Bản photo” không phải là giá "
            "trị hợp lệ của “Hình thức”.",
        ),
        (
            (COMPONENTS, 4, "quantity", "hai"),
            "Trang tính «Thành phần hồ sơ», dòng 4, cột «Số lượng»: “hai” không phải "
            "là số nguyên.",
        ),
        (
            (VERSIONS, 3, "valid_to", "31/02/2026"),
            "Trang tính «Thủ tục hành chính», dòng 3, cột «Hiệu lực đến ngày»: "
            "“31/02/2026” không phải là ngày (dd/mm/yyyy).",
        ),
        (
            (VERSIONS, 5, "name", None),
            "Trang tính «Thủ tục hành chính», dòng 5: thiếu “Tên”.",
        ),
        (
            (STEPS, 2, "agency", "UBND thành phố Huế / Không có"),
            "Trang tính «Quy trình nội bộ», dòng 2, cột «Cơ quan, đơn vị thực hiện»: "
            "không xác định được duy nhất một cơ quan “UBND thành phố Huế / Không "
            "có” vào ngày 01/07/2025.",
        ),
        (
            (FEES, 2, "local_code", "9.999999.000.00.00.H57"),
            "Trang tính «Phí, lệ phí», dòng 2: không có phiên bản "
            "9.999999.000.00.00.H57 hiệu lực từ ngày 01/07/2025 trong trang tính "
            "«Thủ tục hành chính».",
        ),
        (
            (STEPS, 3, "order", 1),
            "Trang tính «Quy trình nội bộ», dòng 3, cột «Thứ tự»: số thứ tự 1 đã được "
            "dùng ở dòng 2 cho phiên bản này.",
        ),
        (
            (COMPONENTS, 1, "name", "Tên giấy tờ"),
            "Trang tính «Thành phần hồ sơ», dòng 1: cột «Tên giấy tờ» không thuộc mẫu "
            "danh mục thủ tục.",
        ),
        (
            (VERSIONS, 3, "local_code", demo["procedures"][0]["local_code"]),
            "Trang tính «Thủ tục hành chính», dòng 3, cột «Mã thủ tục quốc gia»: mã "
            "thủ tục quốc gia khác với mã ở dòng 2.",
        ),
    ]
    for edit, expected in cases:
        message = _refused(_edit(content, edit))
        assert expected in message, message


def test_service_error_names_the_version_row_and_nothing_is_half_saved(demo):
    """A publishing rule broken by the last procedure of the workbook: the versions
    before it were already written inside the import, and are rolled back."""
    content = catalog_to_xlsx(demo)
    steps = load_workbook(BytesIO(content)).worksheets[SHEETS.index(STEPS)]
    last = steps.max_row
    local_code = steps.cell(last, _column(STEPS, "local_code")).value
    broken = _edit(content, (STEPS, last, "allowance", 40))
    _empty_catalogue()
    message = _refused(broken)
    row = _version_row(content, local_code)
    assert row == len(demo["procedures"]) + 1  # the last version row
    assert f"Trang tính «Thủ tục hành chính», dòng {row} (01/07/2025): " in message
    assert "Tổng thời gian các bước xử lý là" in message
    assert not Procedure.objects.exists()


def test_refused_reimport_keeps_the_stored_draft(demo):
    """All or nothing over an existing catalogue: a draft changed by the workbook
    keeps its stored content when a later row is refused."""
    draft = services.procedure_version_create(
        procedure=procedure("0.000001"), data=version_data(name="Nháp"), actor=None
    )
    content = catalog_to_xlsx(_export())
    row = _version_row(content, draft.procedure.local_code)
    assert row == 2  # sorted by local code: the draft comes first
    last = load_workbook(BytesIO(content)).worksheets[SHEETS.index(STEPS)].max_row
    message = _refused(
        _edit(
            content,
            (VERSIONS, row, "name", "Nháp đã sửa"),
            (STEPS, last, "allowance", 40),
        )
    )
    assert "Trang tính «Thủ tục hành chính», dòng" in message
    draft.refresh_from_db()
    assert draft.name == "Nháp"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "tệp không phải là bảng tính Excel (.xlsx)."),
        (b'{"format": "congso.catalog"}', "tệp không phải là bảng tính Excel (.xlsx)."),
        (
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
            "tệp không phải là bảng tính Excel (.xlsx).",
        ),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512),
            "đây là tệp Excel định dạng cũ (.xls); hãy lưu lại dưới dạng Excel "
            "Workbook (.xlsx) rồi nhập lại.",
        ),
        ("zip", "không đọc được tệp Excel (.xlsx); tệp có thể đã bị hỏng."),
        ("truncated", "không đọc được tệp Excel (.xlsx); tệp có thể đã bị hỏng."),
        ("blank", "tệp Excel không có trang tính «Thủ tục hành chính»."),
    ],
    ids=["empty", "json", "pdf", "xls", "zip", "truncated", "blank"],
)
def test_file_that_is_not_a_catalogue_workbook_is_refused(content, problem):
    """A Vietnamese message naming the file, never an exception from the parser."""
    if content == "zip":
        buffer = BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("word/document.xml", "<w:document/>")
        content = buffer.getvalue()
    elif content == "truncated":
        whole = catalog_to_xlsx(_export())
        content = whole[: len(whole) // 2]
    elif content == "blank":
        buffer = BytesIO()
        Workbook().save(buffer)
        content = buffer.getvalue()
    assert _refused(content) == f"{REFUSED}tệp Excel: {problem}"


def test_missing_column_is_refused():
    content = catalog_to_xlsx(_export())
    workbook = load_workbook(BytesIO(content))
    workbook.worksheets[SHEETS.index(STEPS)].delete_cols(_column(STEPS, "allowance"))
    buffer = BytesIO()
    workbook.save(buffer)
    message = _refused(buffer.getvalue())
    assert message.endswith(
        "Trang tính «Quy trình nội bộ», dòng 1: thiếu cột «Thời gian thực hiện»."
    )


# --- lenient cells --------------------------------------------------------------------


def _small_document() -> dict[str, Any]:
    step = {"name": "Xử lý", "role": "specialist", "allowance": 1}
    version = {
        "valid_from": "2025-07-01",
        "status": "published",
        "name": "Đăng ký khai sinh",
        "sector": "Tư pháp",
        "level": "commune",
        "time_limit": 2,
        "time_unit": "working_days",
        "result_type": "paper",
        "online_mode": "full",
        "components": [
            {"name": "Tờ khai", "form": "original"},
            {"name": "Giấy chứng sinh", "form": "original_or_copy"},
        ],
        "steps": [step, {**step, "name": "Ký"}],
        "fees": [{"kind": "fee", "name": "Phí", "amount": 1}],
        "reasons": [{"kind": "refusal", "code": "TC01", "text": "Không đủ"}],
    }
    return {
        "format": "congso.catalog",
        "format_version": 1,
        "procedures": [
            {
                "national_code": "1.001190",
                "local_code": "1.001190.000.00.00.H57",
                "versions": [version],
            }
        ],
    }


def test_numbers_and_other_spellings_are_normalised():
    """Cells as officials type them: codes and whole numbers as numbers, amounts
    with dot thousands, "15h00", yes as "x", NFD text, choice values, dates as
    text — stored as the JSON import would store them."""
    nfd = unicodedata.normalize("NFD", "Tờ khai đăng ký khai sinh")
    content = _edit(
        catalog_to_xlsx(_small_document()),
        (VERSIONS, 2, "national_code", 1.00119),  # 1.001190 typed as a number
        (VERSIONS, 2, "valid_from", "01/07/2025"),
        (VERSIONS, 2, "time_limit", 2.0),
        (VERSIONS, 2, "cutoff_time", "15h00"),
        (COMPONENTS, 2, "name", nfd),
        (COMPONENTS, 2, "quantity", 2.0),
        (COMPONENTS, 2, "required", "x"),
        (COMPONENTS, 3, "form", "original"),
        (COMPONENTS, 3, "required", False),
        (FEES, 2, "amount", "2.000"),
        (STEPS, 3, "is_interlinked", "có"),
    )
    catalog_import_xlsx(content=content, actor=None)
    version = ProcedureVersion.objects.select_related("procedure").get()
    assert version.procedure.national_code == "1.001190"
    assert version.is_published
    assert (version.time_limit, version.cutoff_time) == (2, time(15, 0))
    first, second = ProcedureComponent.objects.order_by("order")
    assert first.name == "Tờ khai đăng ký khai sinh"  # NFC
    assert (first.quantity, first.required) == (2, True)
    assert (second.form, second.required) == ("original", False)
    assert ProcedureFee.objects.get().amount == 2000
    assert ProcedureStep.objects.get(order=2).is_interlinked is True
    assert ProcedureReason.objects.get().code == "TC01"


def test_numeric_codes_become_text():
    """A national code 1.001193 and a reason code 1 typed as numbers."""
    content = _edit(
        catalog_to_xlsx(_small_document()),
        (VERSIONS, 2, "national_code", 1.001193),
        (SHEETS[4], 2, "code", 1),
    )
    catalog_import_xlsx(content=content, actor=None)
    assert Procedure.objects.get().national_code == "1.001193"
    assert ProcedureReason.objects.get().code == "1"


def test_parts_follow_their_number_not_their_row():
    """Steps given in reverse row order with their numbers keep the numbers' order."""
    content = _edit(
        catalog_to_xlsx(_small_document()),
        (STEPS, 2, "name", "Ký"),
        (STEPS, 2, "order", 2),
        (STEPS, 3, "name", "Xử lý"),
        (STEPS, 3, "order", 1),
    )
    catalog_import_xlsx(content=content, actor=None)
    assert list(
        ProcedureStep.objects.order_by("order").values_list("name", flat=True)
    ) == [
        "Xử lý",
        "Ký",
    ]


# --- commands -------------------------------------------------------------------------


def test_commands_round_trip_by_file_extension(tmp_path, demo):
    path = tmp_path / "danh-muc.xlsx"
    call_command("catalog_export", "-o", str(path))
    assert load_workbook(path).sheetnames[0] == "Thủ tục hành chính"
    _empty_catalogue()
    out = StringIO()
    call_command("catalog_import", str(path), stdout=out)
    assert "versions created" in out.getvalue()
    assert _export() == demo


def test_import_command_refuses_a_non_workbook_in_vietnamese(tmp_path):
    path = tmp_path / "danh-muc.xlsx"
    path.write_text("Mã thủ tục;Tên\n1.001193;Đăng ký khai sinh\n", encoding="utf-8")
    with pytest.raises(CommandError) as info:
        call_command("catalog_import", str(path))
    assert str(info.value) == (
        f"{REFUSED}tệp Excel: tệp không phải là bảng tính Excel (.xlsx)."
    )
    json_path = tmp_path / "danh-muc.json"
    json_path.write_bytes(catalog_to_xlsx(_small_document()))
    with pytest.raises(CommandError):  # --format wins over the extension
        call_command("catalog_import", str(json_path), "--format", "json")
    call_command(
        "catalog_import", str(json_path), "--format", "xlsx", stdout=StringIO()
    )
    assert Procedure.objects.count() == 1


def test_export_command_keeps_on_for_the_list_only(tmp_path):
    with pytest.raises(CommandError):
        call_command(
            "catalog_export",
            "--format",
            "xlsx",
            "-o",
            str(tmp_path / "a.xlsx"),
            "--on",
            "2025-07-01",
        )
