"""Models of the portal app: the lookup's read model here, the others defined in
its sub-packages."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from congso.portal.national.contrib.simulator.models import NationalSimRecord
from congso.portal.national.models import NationalSyncLog


class PublicDossierView(models.Model):
    """The public lookup's answer for one dossier (tra cứu hồ sơ), rendered when the
    dossier last changed: the page fragment (summary, steps, history) and the API
    body, in ``language``, with the masked name and nothing private. Written in the
    transaction that changes the dossier (``portal.public_view``); a lookup then
    costs one query on ``code``. The timeliness is left out of both (it changes
    with the time for open dossiers) and computed from the clock columns when
    served. A row of another ``rendering`` or language is not served (the lookup
    falls back to the dossiers' tables) until rebuilt."""

    dossier = models.OneToOneField(
        "dossiers.Dossier",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
        verbose_name=_("dossier"),
    )
    code = models.CharField(_("dossier code"), max_length=60, unique=True)
    row_version = models.PositiveIntegerField(_("dossier version"))
    #: ``portal.public_view.RENDERING`` when rendered: bumped with the templates.
    rendering = models.PositiveSmallIntegerField(_("rendering"))
    language = models.CharField(_("language"), max_length=8)
    due_at = models.DateTimeField(_("appointment"), null=True)
    original_due_at = models.DateTimeField(_("first appointment"), null=True)
    finished_at = models.DateTimeField(_("end of processing"), null=True)
    supplement_count = models.PositiveSmallIntegerField(default=0)
    page = models.TextField(_("page fragment"))
    body = models.TextField(_("API body"))
    built_at = models.DateTimeField(_("built at"))

    class Meta:
        verbose_name = _("public dossier view")
        verbose_name_plural = _("public dossier views")

    def __str__(self) -> str:
        return self.code


__all__ = ["NationalSimRecord", "NationalSyncLog", "PublicDossierView"]
