"""Import of the catalogue's JSON interchange document (format in
docs/subsystems/catalog.md): all or nothing, idempotent by local code + start date.

The whole document is read and checked first (shape, codes, choices, agencies); then
every version goes through the services, so an import is validated and audited like
any other change. Any error rolls the whole import back.

Errors name their place through a :class:`Places`: JSON paths here; the Excel import
(:mod:`congso.catalog.excel`) builds the same document from a workbook and names
sheets, rows and columns instead."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any, Protocol

from django.db import transaction
from django.db.models import TextChoices
from django.utils.translation import gettext as _

from congso.accounts.constants import AgencyLevel, Role
from congso.accounts.models import Agency, User
from congso.accounts.selectors import AgencyTree, agency_tree_get
from congso.calendar.constants import TimeUnit
from congso.catalog import services
from congso.catalog.constants import (
    ComponentForm,
    FeeKind,
    OnlineMode,
    ReasonKind,
    ResultType,
    VersionStatus,
)
from congso.catalog.exports import FORMAT
from congso.catalog.models import Procedure, ProcedureVersion
from congso.core.errors import ApplicationError

#: Resolves a named agency key (``"receiving"``) on a day; ``None`` if unknown.
KeyResolver = Callable[[str, date], Agency | None]

#: A place in the document: keys and list indexes from the root, e.g.
#: ``("procedures", 1, "versions", 0, "steps", 2)``.
Path = tuple[str | int, ...]


class CatalogImportError(ApplicationError):
    """The document was refused; nothing was imported."""


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    published: int = 0
    procedures: int = 0
    errors: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Version:
    where: str
    status: str
    data: services.VersionData


@dataclass(frozen=True)
class _Procedure:
    where: str
    national_code: str
    local_code: str
    versions: list[_Version]


def import_refused(where: str, problem: str) -> CatalogImportError:
    """The error refusing a whole import, naming the place and the problem."""
    return CatalogImportError(
        _("Catalogue import refused, nothing was imported. %(where)s: %(problem)s")
        % {"where": where, "problem": problem},
        code="import_refused",
        extra={"where": where},
    )


class Places(Protocol):
    """Names places of the source document in error messages."""

    def where(self, path: Path) -> str:
        """The object at ``path``; the field, when ``path`` ends with a key."""

    def key(self, path: Path, key: str) -> str:
        """The name of the field ``key`` of the object at ``path``."""


class JsonPlaces:
    """``document.procedures[1] (1.001193.000.00.00.H57).versions[0].steps[2]``:
    JSON paths, with the local code of the procedure when it has one."""

    def __init__(self, document: Any) -> None:
        self.document = document

    def where(self, path: Path) -> str:
        text, node = str(_("document")), self.document
        for depth, step in enumerate(path, start=1):
            try:
                node = node[step]
            except (KeyError, IndexError, TypeError):
                node = None
            text += f"[{step}]" if isinstance(step, int) else f".{step}"
            code = node.get("local_code") if isinstance(node, dict) else None
            if depth == 2 and isinstance(code, str):  # procedures[i]
                text += f" ({code.strip()})"
        return text

    def key(self, path: Path, key: str) -> str:
        return key


class _Reader:
    """Typed access to one JSON object, naming the place of any error."""

    def __init__(self, value: Any, path: Path, places: Places) -> None:
        self.path, self.places = path, places
        if not isinstance(value, dict):
            raise import_refused(self.where, _("an object is expected."))
        self.value: dict[str, Any] = value

    @property
    def where(self) -> str:
        return self.places.where(self.path)

    def where_of(self, key: str) -> str:
        return self.places.where((*self.path, key))

    def _key(self, key: str) -> dict[str, str]:
        return {"key": self.places.key(self.path, key)}

    def get(self, key: str, kind: type | tuple[type, ...], default: Any = ...) -> Any:
        if key not in self.value or self.value[key] is None:
            if default is ...:
                raise import_refused(
                    self.where, _("“%(key)s” is missing.") % self._key(key)
                )
            return default
        value = self.value[key]
        if (isinstance(value, bool) and kind is int) or not isinstance(value, kind):
            raise import_refused(
                self.where, _("“%(key)s” has the wrong type.") % self._key(key)
            )
        return value

    def text(self, key: str, default: Any = ...) -> str:
        value: str = self.get(key, str, default)
        return value

    def number(self, key: str, default: Any = ...) -> int:
        value: int = self.get(key, int, default)
        if value < 0:
            raise import_refused(
                self.where, _("“%(key)s” cannot be negative.") % self._key(key)
            )
        return value

    def choice(self, key: str, choices: type[TextChoices], default: Any = ...) -> str:
        value = self.text(key, default)
        if value not in {c.value for c in choices} and not (
            default is not ... and value == default
        ):
            raise import_refused(
                self.where,
                _("“%(value)s” is not a known value of “%(key)s”.")
                % {"value": value, **self._key(key)},
            )
        return value

    def day(self, key: str, default: Any = ...) -> date | None:
        value = self.get(key, str, default)
        if value is None:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise import_refused(
                self.where,
                _("“%(key)s” is not a date (yyyy-mm-dd).") % self._key(key),
            ) from None

    def clock(self, key: str) -> time | None:
        value = self.get(key, str, None)
        if value is None:
            return None
        try:
            return time.fromisoformat(value)
        except ValueError:
            raise import_refused(
                self.where, _("“%(key)s” is not a time (hh:mm).") % self._key(key)
            ) from None

    def items(self, key: str) -> list[_Reader]:
        values = self.get(key, list, [])
        return [
            _Reader(v, (*self.path, key, i), self.places) for i, v in enumerate(values)
        ]


class _Agencies:
    """Agency references: a path of names on the version's start date
    (``["UBND thành phố Huế", "UBND phường Phong Điền"]``) or a key the caller
    resolves (demo data)."""

    def __init__(self, keys: KeyResolver | None) -> None:
        self.keys = keys
        self.trees: dict[date, AgencyTree] = {}
        self.agencies: dict[int, Agency] = {}

    def resolve(self, reader: _Reader, key: str, on: date) -> Agency | None:
        ref = reader.value.get(key)
        if ref is None:
            return None
        where = reader.where_of(key)
        if isinstance(ref, str):
            agency = self.keys(ref, on) if self.keys else None
            if agency is None:
                raise import_refused(
                    where, _("unknown agency key “%(key)s”.") % {"key": ref}
                )
            return agency
        if not isinstance(ref, list) or not all(isinstance(n, str) for n in ref):
            raise import_refused(where, _("an agency is a list of names or a key."))
        return self._by_path(ref, on, where)

    def _by_path(self, names: list[str], on: date, where: str) -> Agency:
        if on not in self.trees:
            self.trees[on] = agency_tree_get(on=on)
        tree, parent, found = self.trees[on], None, None
        for name in names:
            matches = [
                i for i in tree.children.get(parent, []) if tree.nodes[i].name == name
            ]
            if len(matches) != 1:
                raise import_refused(
                    where,
                    _("no single agency “%(path)s” on %(date)s.")
                    % {"path": " / ".join(names), "date": on.strftime("%d/%m/%Y")},
                )
            parent = found = matches[0]
        if found is None:
            raise import_refused(where, _("an agency is a list of names or a key."))
        if found not in self.agencies:
            self.agencies[found] = Agency.objects.get(pk=found)
        return self.agencies[found]


def _read_version(r: _Reader, agencies: _Agencies) -> _Version:
    valid_from = r.day("valid_from")
    assert valid_from is not None  # noqa: S101  # required field
    data = services.VersionData(
        valid_from=valid_from,
        valid_to=r.day("valid_to", None),
        name=r.text("name"),
        sector=r.text("sector"),
        field=r.text("field", ""),
        level=r.choice("level", AgencyLevel),
        competent_agency=agencies.resolve(r, "competent_agency", valid_from),
        time_limit=r.number("time_limit"),
        time_unit=r.choice("time_unit", TimeUnit),
        cutoff_time=r.clock("cutoff_time"),
        result_type=r.choice("result_type", ResultType),
        result_name=r.text("result_name", ""),
        online_mode=r.choice("online_mode", OnlineMode),
        legacy_level=r.get("legacy_level", int, None),
        legal_basis=r.text("legal_basis", ""),
        note=r.text("note", ""),
        components=tuple(
            services.ComponentData(
                name=c.text("name"),
                form=c.choice("form", ComponentForm),
                quantity=c.number("quantity", 1),
                required=c.get("required", bool, True),
                template_name=c.text("template_name", ""),
            )
            for c in r.items("components")
        ),
        steps=tuple(
            services.StepData(
                name=s.text("name"),
                role=s.choice("role", Role),
                agency=agencies.resolve(s, "agency", valid_from),
                level=s.choice("level", AgencyLevel, ""),
                allowance=s.number("allowance"),
                is_interlinked=s.get("is_interlinked", bool, False),
            )
            for s in r.items("steps")
        ),
        fees=tuple(
            services.FeeData(
                kind=f.choice("kind", FeeKind),
                name=f.text("name"),
                amount=f.number("amount"),
                note=f.text("note", ""),
            )
            for f in r.items("fees")
        ),
        reasons=tuple(
            services.ReasonData(
                kind=x.choice("kind", ReasonKind),
                code=x.text("code"),
                text=x.text("text"),
            )
            for x in r.items("reasons")
        ),
    )
    status = r.choice("status", VersionStatus, VersionStatus.PUBLISHED)
    return _Version(where=r.where, status=status, data=data)


def catalog_read(
    document: Any, *, keys: KeyResolver | None = None, places: Places | None = None
) -> list[_Procedure]:
    """Check a parsed document and turn it into service inputs (no writes)."""
    root = _Reader(document, (), places or JsonPlaces(document))
    if root.text("format") != FORMAT:
        raise import_refused(root.where, _("this is not a catalogue document."))
    agencies = _Agencies(keys)
    result: list[_Procedure] = []
    seen: set[str] = set()
    for p in root.items("procedures"):
        local_code = p.text("local_code").strip()
        if local_code in seen:
            raise import_refused(p.where, _("the local code appears twice."))
        seen.add(local_code)
        versions = [_read_version(v, agencies) for v in p.items("versions")]
        result.append(
            _Procedure(p.where, p.text("national_code").strip(), local_code, versions)
        )
    return result


def _as_data(v: ProcedureVersion) -> services.VersionData:
    """The service input equivalent to a stored version (for idempotence)."""
    return services.VersionData(
        valid_from=v.valid_from,
        valid_to=v.valid_to,
        name=v.name,
        sector=v.sector,
        field=v.field,
        level=v.level,
        competent_agency=v.competent_agency,
        time_limit=v.time_limit,
        time_unit=v.time_unit,
        cutoff_time=v.cutoff_time,
        result_type=v.result_type,
        result_name=v.result_name,
        online_mode=v.online_mode,
        legacy_level=v.legacy_level,
        legal_basis=v.legal_basis,
        note=v.note,
        components=tuple(
            services.ComponentData(
                c.name, c.form, c.quantity, c.required, c.template_name
            )
            for c in v.components.order_by("order")
        ),
        steps=tuple(
            services.StepData(
                s.name, s.role, s.allowance, s.agency, s.level, s.is_interlinked
            )
            for s in v.steps.order_by("order")
        ),
        fees=tuple(
            services.FeeData(f.kind, f.name, f.amount, f.note)
            for f in v.fees.order_by("pk")
        ),
        reasons=tuple(
            services.ReasonData(r.kind, r.code, r.text)
            for r in v.reasons.order_by("pk")
        ),
    )


def _apply_version(
    procedure: Procedure, item: _Version, actor: User | None, result: ImportResult
) -> None:
    existing = (
        ProcedureVersion.objects.filter(
            procedure=procedure, valid_from=item.data.valid_from
        )
        .select_related("competent_agency")
        .first()
    )
    if existing is None:
        version = services.procedure_version_create(
            procedure=procedure, data=item.data, actor=actor
        )
        result.created += 1
    elif services.same_content(_as_data(existing), item.data):
        version = existing
        result.unchanged += 1
    else:
        version = services.procedure_version_update(
            version=existing, data=item.data, actor=actor
        )
        result.updated += 1
    if item.status == VersionStatus.PUBLISHED and not version.is_published:
        services.procedure_version_publish(version=version, actor=actor)
        result.published += 1


@transaction.atomic
def catalog_import(
    *,
    document: Any,
    actor: User | None,
    keys: KeyResolver | None = None,
    places: Places | None = None,
) -> ImportResult:
    """Import a parsed JSON document; all or nothing (raises
    :class:`CatalogImportError`). Versions already present with the same content are
    left alone, so importing twice changes nothing. ``places`` names the source in
    error messages (default: JSON paths)."""
    procedures = catalog_read(document, keys=keys, places=places)
    result = ImportResult(procedures=len(procedures))
    for item in procedures:
        where = item.where
        try:
            procedure = Procedure.objects.filter(local_code=item.local_code).first()
            if procedure is None:
                procedure = services.procedure_create(
                    national_code=item.national_code,
                    local_code=item.local_code,
                    actor=actor,
                )
            elif procedure.national_code != item.national_code:
                raise import_refused(
                    where, _("the national code differs from the stored one.")
                )
            for version in sorted(item.versions, key=lambda v: v.data.valid_from):
                where = f"{version.where} ({version.data.valid_from:%d/%m/%Y})"
                _apply_version(procedure, version, actor, result)
        except CatalogImportError:
            raise
        except ApplicationError as error:
            raise import_refused(where, str(error.message)) from error
    return result


def catalog_import_text(
    *, text: str, actor: User | None, keys: KeyResolver | None = None
) -> ImportResult:
    """Import a JSON text; malformed JSON is refused like any other error."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise import_refused(
            _("document"),
            _("not valid JSON (line %(line)s, column %(column)s).")
            % {"line": error.lineno, "column": error.colno},
        ) from None
    return catalog_import(document=document, actor=actor, keys=keys)
