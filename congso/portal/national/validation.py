"""Pure: the field shapes of a national record, checked by the simulator (its HTTP
endpoint and its in-process provider call the same :func:`record_errors`).

Strict where the national portal is known to be (the §11 fields, their types, date
format and enumerations) and about unknown fields, so a typo in the mapping shows
up in development instead of at the portal."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final, Literal

from django.utils.translation import gettext as _

from congso.portal.national.mapping import (
    CHANNEL_CODES,
    DATETIME_FORMAT,
    STATUS_CODES,
    TIME_UNITS,
)

Kind = Literal["str", "int", "date", "url", "list"]
_DATE = re.compile(r"^\d{14}$")
_URL = re.compile(r"^https?://[^\s/]+\S*$")
FLAG: Final = frozenset({0, 1})


@dataclass(frozen=True)
class FieldError:
    """One problem: ``field`` is a path (``TaiLieuNop[0].DuocSoHoa``), ``code`` one
    of required, type, date_format, url, choice, empty, minimum, unknown."""

    field: str
    code: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "code": self.code, "message": self.message}


@dataclass(frozen=True)
class Spec:
    kind: Kind
    nullable: bool = False
    non_empty: bool = False
    choices: frozenset[Any] | None = None
    items: Mapping[str, Spec] | None = None


def _list(**items: Spec) -> Spec:
    return Spec("list", items=items)


RECORD: Final[Mapping[str, Spec]] = {
    "MaHoSo": Spec("str", non_empty=True),
    "MaTTHC": Spec("str", non_empty=True),
    "TenTTHC": Spec("str", non_empty=True),
    "TenLinhVuc": Spec("str"),
    "ChuHoSo": Spec("str", non_empty=True),
    "LoaiDoiTuong": Spec("int", choices=frozenset({1, 2})),
    "SoDinhDanh": Spec("str"),
    "TrichYeuHoSo": Spec("str"),
    "TrangThaiHoSo": Spec("int", choices=frozenset(range(1, 11))),
    "KenhThucHien": Spec("int", choices=frozenset(CHANNEL_CODES.values())),
    "NgayTiepNhan": Spec("date"),
    "NgayHenTra": Spec("date", nullable=True),
    "NgayKetThucXuLy": Spec("date", nullable=True),
    "NgayTra": Spec("date", nullable=True),
    "ThoiGianGiaiQuyet": Spec("int"),
    "DonViTinh": Spec("str", choices=frozenset(TIME_UNITS.values())),
    "HoSoCoThanhPhanSoHoa": Spec("int", choices=FLAG),
    "TaiLieuNop": _list(
        TenTepDinhKem=Spec("str", non_empty=True),
        MaThanhPhanHoSo=Spec("str"),
        DuocSoHoa=Spec("int", choices=FLAG),
        DuocLayTuKhoDMQG=Spec("int", choices=FLAG),
    ),
    "TaiKhoanDuocXacThucVoiVNeID": Spec("int", choices=FLAG),
    "DSKetNoiCSDL": _list(MaCSDL=Spec("str", non_empty=True)),
    "DanhSachGiayToKetQua": _list(
        TenGiayTo=Spec("str", non_empty=True),
        MaKetQua=Spec("str", non_empty=True),
        DuongDanTepTinKetQua=Spec("url", nullable=True),
    ),
    "DuocThanhToanTrucTuyen": Spec("int", nullable=True, choices=frozenset({1, 2})),
    "DanhSachPhiLePhi": _list(
        TenPhiLePhi=Spec("str", non_empty=True),
        Gia=Spec("int"),
        LoaiPhiLePhi=Spec("int", nullable=True, choices=frozenset({1, 2})),
    ),
    "DanhSachHoSoBoSung": _list(
        NgayYeuCauBoSung=Spec("date"),
        NgayTiepNhanBoSung=Spec("date", nullable=True),
        NoiDungBoSung=Spec("str"),
    ),
    "QuaTrinhXuLy": _list(
        TrangThaiHoSo=Spec("int", choices=frozenset(STATUS_CODES.values())),
        ThoiDiem=Spec("date"),
        NoiDung=Spec("str"),
    ),
}


def record_errors(record: Any) -> list[FieldError]:
    """Every problem of ``record`` (empty when it has the national shape)."""
    if not isinstance(record, dict):
        return [FieldError("", "type", _("The record must be a JSON object."))]
    return _object(record, RECORD, "")


def _object(
    obj: dict[str, Any], specs: Mapping[str, Spec], path: str
) -> list[FieldError]:
    errors: list[FieldError] = []
    for name, spec in specs.items():
        where = f"{path}{name}"
        if name not in obj:
            errors.append(FieldError(where, "required", _("This field is required.")))
        else:
            errors.extend(_value(obj[name], spec, where))
    errors.extend(
        FieldError(f"{path}{name}", "unknown", _("Unknown field."))
        for name in obj
        if name not in specs
    )
    return errors


def _value(value: Any, spec: Spec, where: str) -> list[FieldError]:
    if value is None:
        if spec.nullable:
            return []
        return [FieldError(where, "required", _("This field may not be null."))]
    problem = _TYPE_CHECKS[spec.kind](value)
    if problem is not None:
        return [FieldError(where, *problem)]
    if spec.choices is not None and value not in spec.choices:
        allowed = ", ".join(repr(c) for c in sorted(spec.choices, key=str))
        return [
            FieldError(
                where,
                "choice",
                _("%(value)r is not one of: %(allowed)s.")
                % {"value": value, "allowed": allowed},
            )
        ]
    if spec.non_empty and value == "":
        return [FieldError(where, "empty", _("This field may not be empty."))]
    if spec.kind == "int" and value < 0:
        return [FieldError(where, "minimum", _("The value may not be negative."))]
    if spec.kind == "list" and spec.items is not None:
        errors: list[FieldError] = []
        for index, item in enumerate(value):
            at = f"{where}[{index}]"
            if isinstance(item, dict):
                errors.extend(_object(item, spec.items, f"{at}."))
            else:
                errors.append(FieldError(at, "type", _("Expected an object.")))
        return errors
    return []


def _is_str(value: Any) -> tuple[str, str] | None:
    return None if isinstance(value, str) else ("type", _("Expected a string."))


def _is_int(value: Any) -> tuple[str, str] | None:
    # bool is an int in Python, but true/false is not a number in JSON.
    ok = isinstance(value, int) and not isinstance(value, bool)
    return None if ok else ("type", _("Expected an integer."))


def _is_list(value: Any) -> tuple[str, str] | None:
    return None if isinstance(value, list) else ("type", _("Expected a list."))


def _is_date(value: Any) -> tuple[str, str] | None:
    message = _("Expected a date and time as yyyyMMddHHmmss, e.g. 20260302090000.")
    if not isinstance(value, str) or not _DATE.match(value):
        return ("date_format", message)
    try:
        datetime.strptime(value, DATETIME_FORMAT)  # noqa: DTZ007  # shape check only
    except ValueError:
        return ("date_format", message)
    return None


def _is_url(value: Any) -> tuple[str, str] | None:
    if isinstance(value, str) and _URL.match(value):
        return None
    return ("url", _("Expected an absolute http(s) address."))


_TYPE_CHECKS = {
    "str": _is_str,
    "int": _is_int,
    "date": _is_date,
    "url": _is_url,
    "list": _is_list,
}
