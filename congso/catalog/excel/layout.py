"""The sheets of the catalogue workbook and their columns.

Each sheet holds one table of the JSON interchange document; each column one key of
it. Headers are the models' field names, translated in the active language
(Vietnamese by default); the import also knows them in Vietnamese, in English and by
their JSON key, so a workbook imports whatever language exported it. Part rows
name their version by local code and start date."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from django.db.models import Field, Model, TextChoices
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from congso.accounts.constants import AgencyLevel, Role
from congso.calendar.constants import TimeUnit
from congso.catalog.constants import (
    ComponentForm,
    FeeKind,
    OnlineMode,
    ReasonKind,
    ResultType,
    VersionStatus,
)
from congso.catalog.models import (
    Procedure,
    ProcedureComponent,
    ProcedureFee,
    ProcedureReason,
    ProcedureStep,
    ProcedureVersion,
)


class Kind(enum.Enum):
    """How a column's cells map to JSON values (see :mod:`.cells`)."""

    TEXT = "text"
    NATIONAL_CODE = "national_code"  # 1.001193: a number typed for it is re-padded
    INTEGER = "integer"
    DATE = "date"  # dd/mm/yyyy in the sheet, yyyy-mm-dd in JSON
    TIME = "time"  # hh:mm
    BOOLEAN = "boolean"  # Có / Không
    CHOICE = "choice"  # the choice's label in the sheet, its value in JSON
    AGENCY = "agency"  # names from the root joined by " / "; empty: none


@dataclass(frozen=True)
class Column:
    key: str
    label: str | Promise
    kind: Kind = Kind.TEXT
    width: int = 20
    choices: type[TextChoices] | None = None
    number_format: str = ""  # overrides the kind's format (amounts)


@dataclass(frozen=True)
class Sheet:
    key: str  # "versions", or the version's list it holds: "components", …
    title: str | Promise
    columns: tuple[Column, ...]

    def column(self, key: str) -> Column | None:
        return next((c for c in self.columns if c.key == key), None)


def _label(model: type[Model], name: str) -> str | Promise:
    """The header of a column: the model field's translated name."""
    field = model._meta.get_field(name)
    assert isinstance(field, Field)  # noqa: S101  # concrete fields only
    label: str | Promise = capfirst(field.verbose_name)
    return label


def _choice(
    model: type[Model], key: str, choices: type[TextChoices], width: int = 16
) -> Column:
    return Column(key, _label(model, key), Kind.CHOICE, width, choices)


#: Keys of the procedure, repeated on each of its version rows.
PROCEDURE_KEYS = ("national_code", "local_code")
#: Keys naming the version a part row belongs to.
VERSION_KEYS = ("local_code", "valid_from")
#: The column numbering components and steps (not a JSON key: list order is).
ORDER = "order"

_LOCAL_CODE = Column("local_code", _label(Procedure, "local_code"), width=26)
_VALID_FROM = Column(
    "valid_from", _label(ProcedureVersion, "valid_from"), Kind.DATE, 14
)

VERSIONS = Sheet(
    "versions",
    _("Procedures"),
    (
        Column(
            "national_code",
            _label(Procedure, "national_code"),
            Kind.NATIONAL_CODE,
            14,
        ),
        _LOCAL_CODE,
        _VALID_FROM,
        Column("valid_to", _label(ProcedureVersion, "valid_to"), Kind.DATE, 14),
        _choice(ProcedureVersion, "status", VersionStatus, 14),
        Column("name", _label(ProcedureVersion, "name"), width=60),
        Column("sector", _label(ProcedureVersion, "sector")),
        Column("field", _label(ProcedureVersion, "field")),
        _choice(ProcedureVersion, "level", AgencyLevel, 12),
        Column(
            "competent_agency",
            _label(ProcedureVersion, "competent_agency"),
            Kind.AGENCY,
            40,
        ),
        Column("time_limit", _label(ProcedureVersion, "time_limit"), Kind.INTEGER, 12),
        _choice(ProcedureVersion, "time_unit", TimeUnit),
        Column("cutoff_time", _label(ProcedureVersion, "cutoff_time"), Kind.TIME, 12),
        _choice(ProcedureVersion, "result_type", ResultType, 22),
        Column("result_name", _label(ProcedureVersion, "result_name"), width=30),
        _choice(ProcedureVersion, "online_mode", OnlineMode, 22),
        Column(
            "legacy_level", _label(ProcedureVersion, "legacy_level"), Kind.INTEGER, 14
        ),
        Column("legal_basis", _label(ProcedureVersion, "legal_basis"), width=50),
        Column("note", _label(ProcedureVersion, "note"), width=40),
    ),
)

COMPONENTS = Sheet(
    "components",
    _("Required documents"),
    (
        _LOCAL_CODE,
        _VALID_FROM,
        Column(ORDER, _label(ProcedureComponent, "order"), Kind.INTEGER, 8),
        Column("name", _label(ProcedureComponent, "name"), width=60),
        _choice(ProcedureComponent, "form", ComponentForm, 30),
        Column("quantity", _label(ProcedureComponent, "quantity"), Kind.INTEGER, 10),
        Column("required", _label(ProcedureComponent, "required"), Kind.BOOLEAN, 10),
        Column("template_name", _label(ProcedureComponent, "template_name"), width=30),
    ),
)

STEPS = Sheet(
    "steps",
    _("Internal process"),
    (
        _LOCAL_CODE,
        _VALID_FROM,
        Column(ORDER, _label(ProcedureStep, "order"), Kind.INTEGER, 8),
        Column("name", _label(ProcedureStep, "name"), width=50),
        _choice(ProcedureStep, "role", Role, 22),
        Column("agency", _label(ProcedureStep, "agency"), Kind.AGENCY, 50),
        _choice(ProcedureStep, "level", AgencyLevel, 12),
        Column("allowance", _label(ProcedureStep, "allowance"), Kind.INTEGER, 14),
        Column(
            "is_interlinked", _label(ProcedureStep, "is_interlinked"), Kind.BOOLEAN, 16
        ),
    ),
)

FEES = Sheet(
    "fees",
    _("Fees and charges"),
    (
        _LOCAL_CODE,
        _VALID_FROM,
        _choice(ProcedureFee, "kind", FeeKind, 10),
        Column("name", _label(ProcedureFee, "name"), width=40),
        Column(
            "amount",
            _label(ProcedureFee, "amount"),
            Kind.INTEGER,
            14,
            number_format="#,##0",
        ),
        Column("note", _label(ProcedureFee, "note"), width=30),
    ),
)

REASONS = Sheet(
    "reasons",
    _("Refusal, supplement and stop reasons"),
    (
        _LOCAL_CODE,
        _VALID_FROM,
        _choice(ProcedureReason, "kind", ReasonKind, 20),
        Column("code", _label(ProcedureReason, "code"), width=10),
        Column("text", _label(ProcedureReason, "text"), width=60),
    ),
)

PARTS = (COMPONENTS, STEPS, FEES, REASONS)
SHEETS = (VERSIONS, *PARTS)
#: Excel refuses longer sheet names.
TITLE_LENGTH = 31


def sheet_title(sheet: Sheet) -> str:
    """The sheet's name in the active language, cut to Excel's limit."""
    return str(sheet.title)[:TITLE_LENGTH]
