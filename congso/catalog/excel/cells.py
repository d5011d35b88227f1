"""One cell of the catalogue workbook to and from its JSON value (pure).

Reading is lenient where spreadsheets are: a number typed where text is expected (a
national code 1.001193, a reason code 1), whole numbers stored as floats (2.0) or as
text with thousands separators ("2.000"), dates as date cells or dd/mm/yyyy text,
times as time cells, fractions of a day, "15:00" or "15h00", yes/no as Có/Không,
x, 1/0 or TRUE/FALSE, choices by their label (either language) or value. Texts are
NFC and stripped; an empty cell is an absent value (the JSON default applies)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time
from functools import cache
from typing import Any

from django.db.models import TextChoices
from django.utils import translation
from django.utils.formats import get_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congso.catalog.excel.layout import Column, Kind
from congso.core.text import nfc

YES = gettext_lazy("Yes")
NO = gettext_lazy("No")
#: Joins the names of an agency's path, from the root of the organisation tree.
AGENCY_SEPARATOR = " / "

_TRUE = frozenset({"x", "true", "1"})
_FALSE = frozenset({"false", "0"})
_GROUPED = re.compile(r"\d{1,3}(?:[.,\s]\d{3})+")
_CLOCK = re.compile(r"(\d{1,2})\s*[:hH]\s*(\d{2})?(?::00)?")
_MINUTES_PER_DAY = 24 * 60


class CellError(ValueError):
    """A cell that cannot be read; the message is translated."""


def folded(text: str) -> str:
    """``text`` as compared with headers and labels: NFC, spaces collapsed, no case."""
    return " ".join(nfc(text).split()).casefold()


def spellings(text: str | Promise) -> set[str]:
    """A translated text as written in the active language, in Vietnamese and in
    English (the msgid), folded."""
    found = {folded(str(text))}
    for language in ("vi", "en"):
        with translation.override(language):
            found.add(folded(str(text)))
    return found


@cache  # per language: the labels are translated
def _choice_values(choices: type[TextChoices], language: str) -> dict[str, str]:
    values = {folded(str(c.value)): str(c.value) for c in choices}
    for choice in choices:
        for spelling in spellings(choice.label):
            values.setdefault(spelling, str(choice.value))
    return values


@cache
def _boolean_values(language: str) -> dict[str, bool]:
    return {
        **dict.fromkeys(_TRUE | spellings(YES), True),
        **dict.fromkeys(_FALSE | spellings(NO), False),
    }


# --- export -----------------------------------------------------------------------


def to_cell(column: Column, value: Any) -> Any:
    """The cell for a JSON value; ``None`` (an empty cell) for null and ``""``."""
    if value is None or value == "":
        return None
    match column.kind:
        case Kind.DATE:
            return date.fromisoformat(value)
        case Kind.TIME:
            return time.fromisoformat(value)
        case Kind.BOOLEAN:
            return str(YES if value else NO)
        case Kind.CHOICE if column.choices and value in column.choices.values:
            return str(column.choices(value).label)
        case Kind.AGENCY if isinstance(value, list):
            return AGENCY_SEPARATOR.join(value)
    return value


# --- import -----------------------------------------------------------------------


def from_cell(column: Column, value: Any) -> Any:
    """The JSON value of a cell, ``None`` when empty; :class:`CellError` when the
    cell cannot be read as the column's kind."""
    if isinstance(value, str):
        value = nfc(value).strip()
    if value is None or value == "":
        return None
    return _READERS[column.kind](column, value)


def _text(column: Column, value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.strftime(
            "%d/%m/%Y" if value.time() == time() else "%d/%m/%Y %H:%M"
        )
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return str(value)  # int, float, bool


def _national_code(column: Column, value: Any) -> str:
    """National codes have six decimals (1.001190); typed as a number, the trailing
    zeros are gone (1.00119) and come back here."""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.6f}"
    return _text(column, value)


def _integer(column: Column, value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        digits = value.lstrip("-")
        if digits.isdecimal() or _GROUPED.fullmatch(digits):
            number = int(re.sub(r"\D", "", digits))
            return -number if value.startswith("-") else number
    raise CellError(_("“%(value)s” is not a whole number.") % {"value": str(value)})


def _date(column: Column, value: Any) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        for pattern in get_format("DATE_INPUT_FORMATS", lang="vi"):
            try:
                parsed = datetime.strptime(value, pattern)  # noqa: DTZ007  # a day
            except ValueError:
                continue
            return parsed.date().isoformat()
    raise CellError(
        _("“%(value)s” is not a date (dd/mm/yyyy).") % {"value": str(value)}
    )


def _time(column: Column, value: Any) -> str:
    if isinstance(value, datetime):
        value = value.time()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and 0 <= value < 1:
        minutes = round(value * _MINUTES_PER_DAY)  # Excel keeps times as day fractions
        if minutes < _MINUTES_PER_DAY:
            return f"{minutes // 60:02d}:{minutes % 60:02d}"
    if isinstance(value, str) and (match := _CLOCK.fullmatch(value)):
        hour, minute = int(match[1]), int(match[2] or 0)
        if hour < 24 and minute < 60:
            return f"{hour:02d}:{minute:02d}"
    raise CellError(_("“%(value)s” is not a time (hh:mm).") % {"value": str(value)})


def _boolean(column: Column, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    found = _boolean_values(translation.get_language() or "")
    if isinstance(value, str) and folded(value) in found:
        return found[folded(value)]
    raise CellError(_("“%(value)s” is neither yes nor no.") % {"value": str(value)})


def _choice(column: Column, value: Any) -> str:
    """The choice's value; unknown text is passed on for the import to refuse."""
    text = _text(column, value)
    if column.choices is None:
        return text
    found = _choice_values(column.choices, translation.get_language() or "")
    return found.get(folded(text), text)


def _agency(column: Column, value: Any) -> list[str]:
    return [name.strip() for name in re.split(r"\s/\s", _text(column, value))]


_READERS: dict[Kind, Callable[[Column, Any], Any]] = {
    Kind.TEXT: _text,
    Kind.NATIONAL_CODE: _national_code,
    Kind.INTEGER: _integer,
    Kind.DATE: _date,
    Kind.TIME: _time,
    Kind.BOOLEAN: _boolean,
    Kind.CHOICE: _choice,
    Kind.AGENCY: _agency,
}
