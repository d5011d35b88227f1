"""Choices of the procedure catalogue (thủ tục hành chính)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OnlineMode(models.TextChoices):
    """Online public service level (dịch vụ công trực tuyến, NĐ 42/2022)."""

    FULL = "full", _("Full online")
    PARTIAL = "partial", _("Partial online")
    NONE = "none", _("Not online")


class ResultType(models.TextChoices):
    """How the result is issued (kết quả giấy / điện tử)."""

    PAPER = "paper", _("Paper")
    ELECTRONIC = "electronic", _("Electronic")
    BOTH = "both", _("Paper and electronic")


class ComponentForm(models.TextChoices):
    """Form of a required document (bản chính / bản sao / bản chụp)."""

    ORIGINAL = "original", _("Original")
    CERTIFIED_COPY = "certified_copy", _("Certified copy")
    COPY = "copy", _("Copy")
    ORIGINAL_OR_COPY = "original_or_copy", _("Original or certified copy")


class FeeKind(models.TextChoices):
    """Phí (service fee) or lệ phí (state charge)."""

    FEE = "fee", _("Fee")
    CHARGE = "charge", _("Charge")


class ReasonKind(models.TextChoices):
    """What a catalogued reason is for (lý do từ chối / yêu cầu bổ sung / dừng)."""

    REFUSAL = "refusal", _("Refusal")
    SUPPLEMENT = "supplement", _("Supplement request")
    STOP = "stop", _("Stop")


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
