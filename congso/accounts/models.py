"""Organisation (cơ cấu tổ chức) and officials (cán bộ, công chức).

Agencies are an **effective-dated tree**: an :class:`Agency` is a stable identity and its
:class:`AgencyVersion` rows say, for a period, its name, parent, level and identifiers.
The four identifiers are kept apart (organisation.md §4): the internal id (``pk``), the
agency e-ID (QĐ 20/2020), the administrative-unit code (via :class:`AdminUnit`, the
*place*) and the external system code."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from congso.accounts.constants import (
    AdminUnitKind,
    AgencyKind,
    AgencyLevel,
    CitizenKind,
    LineageKind,
    LineageShare,
    Role,
    ScopeKind,
)
from congso.core.periods import period_constraint

electronic_id_validator = RegexValidator(
    r"^[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[A-Z][0-9]{2}$",
    _("An agency e-ID has the form AAA.BB.CC.DDD, for example 000.00.25.H57."),
)

#: The 12-digit personal identification number (số định danh cá nhân). ASCII digits
#: only: ``\d`` would also accept other scripts' digits.
personal_id_validator = RegexValidator(
    r"^[0-9]{12}\Z", _("The personal ID number has exactly 12 digits.")
)
#: A Vietnamese mobile number as stored (it must receive SMS): ten digits 0[35789]….
phone_validator = RegexValidator(
    r"^0[35789][0-9]{8}\Z", _("Enter a Vietnamese mobile number, e.g. 0912345678.")
)


class User(AbstractUser):
    """Official (cán bộ, công chức, viên chức) or administrator account.

    Vietnamese names are kept whole in ``full_name`` (family, middle and given names in
    their natural order); ``first_name``/``last_name`` are not used."""

    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    phone = models.CharField(_("phone number"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("official")
        verbose_name_plural = _("officials")

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name or self.username

    def get_short_name(self) -> str:
        return self.full_name.rsplit(" ", 1)[-1] if self.full_name else self.username

    def audit_agency(self) -> tuple[int, str] | None:
        """(agency id, name) snapshotted on audit events (the audit app's protocol)."""
        from django.utils import timezone

        from congso.accounts.selectors import user_primary_agency

        return user_primary_agency(user=self, on=timezone.localdate())


class AdminUnit(models.Model):
    """Administrative unit (đơn vị hành chính): the *place* an agency serves.

    A code may be reused across periods, so rows are keyed by ``code@valid_from``."""

    key = models.CharField(_("key"), max_length=40, unique=True)
    code = models.CharField(_("administrative-unit code"), max_length=10, db_index=True)
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=AdminUnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    source = models.CharField(_("data source"), max_length=255, blank=True)
    source_version = models.CharField(
        _("data source version"), max_length=100, blank=True
    )

    class Meta:
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class AdminUnitLineage(models.Model):
    """An administrative unit that went, wholly or partly, into another."""

    old_unit = models.ForeignKey(
        AdminUnit, on_delete=models.PROTECT, related_name="successor_links"
    )
    new_unit = models.ForeignKey(
        AdminUnit, on_delete=models.PROTECT, related_name="predecessor_links"
    )
    effective_date = models.DateField(_("effective date"))
    share = models.CharField(
        _("share"),
        max_length=10,
        choices=LineageShare.choices,
        default=LineageShare.WHOLE,
    )
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("administrative-unit lineage")
        verbose_name_plural = _("administrative-unit lineage")
        constraints = [
            models.UniqueConstraint(
                fields=["old_unit", "new_unit"], name="accounts_adminunitlineage_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.old_unit} → {self.new_unit}"


class Agency(models.Model):
    """Agency or internal unit (cơ quan, đơn vị): identity stable across versions.

    The internal id never changes and is never shown; everything that can change
    lives in :class:`AgencyVersion`."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")

    def __str__(self) -> str:
        version = self.versions.order_by("-valid_from").first()
        return version.name if version else f"#{self.pk}"


class AgencyVersion(models.Model):
    """What an agency was during ``[valid_from, valid_to]`` (``valid_to`` null = current)."""

    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        on_delete=models.CASCADE,
        related_name="versions",
    )
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    parent = models.ForeignKey(
        Agency,
        verbose_name=_("parent"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="child_versions",
    )
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(
        _("short name"),
        max_length=30,
        blank=True,
        help_text=_("Used in document symbols, e.g. UBND."),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=AgencyKind.choices)
    level = models.CharField(_("level"), max_length=20, choices=AgencyLevel.choices)
    admin_unit = models.ForeignKey(
        AdminUnit,
        verbose_name=_("administrative unit served"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agency_versions",
    )
    electronic_id = models.CharField(
        _("agency e-ID"),
        max_length=13,
        blank=True,
        validators=[electronic_id_validator],
        help_text=_(
            "Electronic identifier under QĐ 20/2020/QĐ-TTg, e.g. 000.00.25.H57."
        ),
    )
    external_code = models.CharField(
        _("external system code"),
        max_length=40,
        blank=True,
        help_text=_("Code in the provincial procedure system; prefixes dossier codes."),
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    work_schedule = models.ForeignKey(
        "workcalendar.WorkSchedule",
        verbose_name=_("office hours"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agency_versions",
        help_text=_(
            "Office hours and afternoon cut-off; the default schedule if empty."
        ),
    )
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("agency version")
        verbose_name_plural = _("agency versions")
        ordering = ["agency_id", "valid_from"]
        constraints = [
            period_constraint("accounts_agencyversion_period"),
            models.UniqueConstraint(
                fields=["agency", "valid_from"],
                name="accounts_agencyversion_unique_start",
            ),
        ]
        indexes = [models.Index(fields=["parent", "valid_from", "valid_to"])]

    def __str__(self) -> str:
        return self.name


class AgencyLineage(models.Model):
    """Predecessor → successor link (sáp nhập, chia tách, đổi tên, nâng cấp, giải thể)."""

    predecessor = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="successor_links"
    )
    successor = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="predecessor_links"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=LineageKind.choices)
    effective_date = models.DateField(_("effective date"))
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("agency lineage")
        verbose_name_plural = _("agency lineage")
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"],
                name="accounts_agencylineage_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"


class RoleAssignment(models.Model):
    """An official's position and role in an agency or unit (chức vụ, vai trò)."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="role_assignments"
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="role_assignments"
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    scope = models.CharField(_("scope"), max_length=20, choices=ScopeKind.choices)
    position_title = models.CharField(
        _("position"),
        max_length=100,
        blank=True,
        help_text=_("e.g. Chủ tịch, Chuyên viên"),
    )
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            period_constraint("accounts_roleassignment_period"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}"


class CitizenProfile(models.Model):
    """A citizen's or organisation's account on the portal (tài khoản công dân).

    Officials never have one, and a citizen's user never holds a role assignment
    (``services.role_assign`` refuses). ``identity_verified`` is set when the citizen
    signed in through the national e-identity (VNeID, OpenID Connect); it feeds the
    national field ``TaiKhoanDuocXacThucVoiVNeID``."""

    user = models.OneToOneField(
        User,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="citizen_profile",
    )
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=CitizenKind.choices,
        default=CitizenKind.PERSON,
    )
    personal_id = models.CharField(
        _("personal ID number"),
        max_length=12,
        blank=True,
        validators=[personal_id_validator],
    )
    organisation_code = models.CharField(
        _("enterprise or tax code"), max_length=20, blank=True
    )
    phone = models.CharField(
        _("phone number"), max_length=20, blank=True, validators=[phone_validator]
    )
    phone_verified_at = models.DateTimeField(
        _("phone verified at"), null=True, blank=True
    )
    address = models.CharField(_("address"), max_length=500, blank=True)
    identity_verified = models.BooleanField(
        _("verified with the national e-identity"), default=False
    )
    identity_provider = models.CharField(
        _("identity provider"), max_length=20, blank=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("citizen account")
        verbose_name_plural = _("citizen accounts")
        constraints = [
            models.UniqueConstraint(
                fields=["personal_id"],
                condition=~Q(personal_id=""),
                name="accounts_citizenprofile_personal_id_unique",
            )
        ]

    def __str__(self) -> str:
        return str(self.user)


class PhoneVerification(models.Model):
    """A 6-digit code sent by SMS to confirm a citizen's phone number (mã xác minh).

    Only a hash of the code is kept; a newer code voids the older ones."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="phone_verifications"
    )
    phone = models.CharField(_("phone number"), max_length=20)
    code_hash = models.CharField(max_length=128)
    created_at = models.DateTimeField(_("created at"))
    expires_at = models.DateTimeField(_("expires at"))
    attempts = models.PositiveSmallIntegerField(_("wrong attempts"), default=0)
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("phone verification")
        verbose_name_plural = _("phone verifications")
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.user} {self.phone}"


class SimulatedIdentity(models.Model):
    """A person known to the demo OpenID provider (VNeID mô phỏng).

    Lives on the provider's side only: its ``user`` row exists because the provider's
    tokens point at a user, but it has no usable password and no e-mail address, so
    it can never sign in to the portal. The portal account is a different user,
    created from the provider's claims."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="simulated_identity"
    )
    personal_id = models.CharField(
        _("personal ID number"),
        max_length=12,
        unique=True,
        validators=[personal_id_validator],
    )
    full_name = models.CharField(_("full name"), max_length=150)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(
        _("phone number"), max_length=20, blank=True, validators=[phone_validator]
    )
    address = models.CharField(_("address"), max_length=500, blank=True)
    password = models.CharField(_("password"), max_length=128)

    class Meta:
        verbose_name = _("simulated e-identity")
        verbose_name_plural = _("simulated e-identities")

    def __str__(self) -> str:
        return f"{self.full_name} ({self.personal_id})"
