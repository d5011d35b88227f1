"""Choices of the organisation model (cơ cấu tổ chức)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AgencyLevel(models.TextChoices):
    """Administrative level (cấp). Data, not code: ``district`` is historical (until
    30/6/2025) and an agency's level may change between versions."""

    CENTRAL = "central", _("Central")
    PROVINCE = "province", _("Province")
    DISTRICT = "district", _("District")
    COMMUNE = "commune", _("Commune")


class AgencyKind(models.TextChoices):
    """What an organisation node is. ``internal_unit`` marks a unit inside an agency
    (phòng, văn phòng, bộ phận), which shares its agency's legal identity."""

    PEOPLES_COMMITTEE = "peoples_committee", _("People's Committee")
    SPECIALISED_AGENCY = "specialised_agency", _("Specialised agency")
    SERVICE_CENTRE = "service_centre", _("Public administration service centre")
    MINISTRY = "ministry", _("Ministry or central agency")
    OTHER_AGENCY = "other_agency", _("Other agency")
    INTERNAL_UNIT = "internal_unit", _("Internal unit")


class LineageKind(models.TextChoices):
    """How an agency turned into another (đổi tên, nâng cấp, sáp nhập, chia tách…)."""

    RENAME = "rename", _("Rename")
    UPGRADE = "upgrade", _("Upgrade")
    MERGE = "merge", _("Merge")
    SPLIT = "split", _("Split")
    TRANSFER = "transfer", _("Transfer")
    DISSOLVE = "dissolve", _("Dissolve")


class Role(models.TextChoices):
    """What an official may do (vai trò)."""

    RECEPTION_OFFICER = "reception_officer", _("Reception officer")
    SPECIALIST = "specialist", _("Specialist")
    UNIT_HEAD = "unit_head", _("Unit head")
    AGENCY_LEADER = "agency_leader", _("Agency leader")
    DOCUMENT_CLERK = "document_clerk", _("Document clerk")
    SYSTEM_ADMIN = "system_admin", _("System administrator")


class ScopeKind(models.TextChoices):
    """How far a role assignment reaches down the organisation tree.

    ``unit``: the node and its internal units; ``agency``: the node and everything
    below it except subordinate People's Committees; ``subtree``: everything below."""

    UNIT = "unit", _("This unit only")
    AGENCY = "agency", _("This agency, its offices and units")
    SUBTREE = "subtree", _("This agency and all subordinate agencies")


class AdminUnitKind(models.TextChoices):
    """Kind of administrative unit (đơn vị hành chính)."""

    PROVINCE = "province", _("Province")
    CITY = "city", _("Centrally-run city")
    DISTRICT = "district", _("District")
    TOWN = "town", _("District-level town")
    PROVINCIAL_CITY = "provincial_city", _("Provincial city")
    URBAN_DISTRICT = "urban_district", _("Urban district")
    COMMUNE = "commune", _("Commune")
    WARD = "ward", _("Ward")
    TOWNSHIP = "township", _("Township")
    SPECIAL_ZONE = "special_zone", _("Special zone")


class LineageShare(models.TextChoices):
    WHOLE = "whole", _("Whole")
    PART = "part", _("Part")


# Default reach of each role (a role assignment may widen or narrow it).
DEFAULT_SCOPE: dict[str, str] = {
    Role.RECEPTION_OFFICER: ScopeKind.AGENCY,
    Role.SPECIALIST: ScopeKind.UNIT,
    Role.UNIT_HEAD: ScopeKind.UNIT,
    Role.AGENCY_LEADER: ScopeKind.AGENCY,
    Role.DOCUMENT_CLERK: ScopeKind.AGENCY,
    Role.SYSTEM_ADMIN: ScopeKind.SUBTREE,
}


class CitizenKind(models.TextChoices):
    """Who holds a citizen account (công dân, tổ chức)."""

    PERSON = "person", _("Person")
    ORGANISATION = "organisation", _("Organisation")


#: ``CitizenProfile.identity_provider`` when signed in through OpenID Connect.
IDENTITY_PROVIDER_OIDC = "oidc"
