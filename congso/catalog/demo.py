"""Demo procedure catalogue (dữ liệu mẫu): procedures of Thành phố Huế's
commune-level authorities after the two-tier reform (from 1/7/2025), handled by the
demo ward Phong Điền (``congso/accounts/demo.py``).

Steps name their agency by a role-neutral key resolved here: ``receiving`` (the
ward's Public Administration Service Centre), ``competent`` (the ward People's
Committee), ``unit:<short name>`` (a unit of the ward), ``district_land_office`` and
``tax_office``. The last two do not exist in the demo organisation; they are created
here, marked [demo] in docs/subsystems/catalog.md."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from congso.accounts import services as accounts
from congso.accounts.constants import AgencyKind, AgencyLevel
from congso.accounts.models import Agency
from congso.accounts.selectors import AgencyTree, agency_tree_get
from congso.catalog.imports import ImportResult, catalog_import
from congso.core.errors import ApplicationError

DEMO_FILE = Path(__file__).parent / "data" / "procedures_demo.json"
TWO_TIER = date(2025, 7, 1)
WARD = "UBND phường Phong Điền"
CENTRE = "Trung tâm Phục vụ hành chính công phường Phong Điền"
LAND_OFFICE = "Chi nhánh Văn phòng Đăng ký đất đai khu vực Phong Điền"
TAX_OFFICE = "Thuế cơ sở 3 thành phố Huế"
ENVIRONMENT_DEPT = "Sở Tài nguyên và Môi trường thành phố Huế"


def _find(tree: AgencyTree, name: str, parent: int | None = None) -> int | None:
    for node in tree.nodes.values():
        if node.name == name and (parent is None or node.parent_id == parent):
            return node.id
    return None


class _DemoAgencies:
    def __init__(self) -> None:
        tree = agency_tree_get(on=TWO_TIER)
        ward = _find(tree, WARD)
        if ward is None:
            raise ApplicationError(
                _("Load the demo organisation first (manage.py demo_load)."),
                code="demo_missing",
            )
        self.ids: dict[str, int] = {"competent": ward}
        centre = _find(tree, CENTRE, ward)
        if centre is not None:
            self.ids["receiving"] = centre
        for child in tree.children.get(ward, []):
            node = tree.nodes[child]
            if node.kind == AgencyKind.INTERNAL_UNIT:
                self.ids[f"unit:{node.short_name}"] = child
        self.ids["district_land_office"] = self._ensure(
            tree,
            LAND_OFFICE,
            parent=_find(tree, ENVIRONMENT_DEPT),
            kind=AgencyKind.SPECIALISED_AGENCY,
        )
        self.ids["tax_office"] = self._ensure(
            tree, TAX_OFFICE, parent=None, kind=AgencyKind.OTHER_AGENCY
        )
        self.agencies = {
            a.pk: a for a in Agency.objects.filter(pk__in=self.ids.values())
        }

    @staticmethod
    def _ensure(tree: AgencyTree, name: str, *, parent: int | None, kind: str) -> int:
        found = _find(tree, name)
        if found is not None:
            return found
        agency = accounts.agency_create(
            data=accounts.AgencyData(
                name=name,
                kind=kind,
                level=AgencyLevel.PROVINCE,
                parent=Agency.objects.get(pk=parent) if parent else None,
                legal_basis="[demo]",
            ),
            valid_from=TWO_TIER,
            actor=None,
        )
        return agency.pk

    def resolve(self, key: str, on: date) -> Agency | None:
        agency_id = self.ids.get(key)
        return self.agencies.get(agency_id) if agency_id is not None else None


@transaction.atomic
def catalog_demo_load() -> ImportResult:
    """Load the demo catalogue; a second run changes nothing."""
    agencies = _DemoAgencies()
    document = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    return catalog_import(document=document, actor=None, keys=agencies.resolve)
