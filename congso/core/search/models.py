"""The platform's one search index (conventions §4: ``core`` owns search).

Each row is one searchable object of another app, named by ``(object_type,
object_id)`` strings. Rows are written only by
:func:`congso.core.search.services.search_entry_upsert` and read by
:func:`congso.core.search.selectors.search_run`.

Outside the model, migration ``core.0002_search`` adds the full-text index:

- SQLite: the FTS5 table ``core_searchentry_fts`` (external content over
  ``folded`` and ``attrs``, the keys of scope and filters) and three triggers that
  keep it in sync;
- PostgreSQL: the column ``search_vector`` (``tsvector``: words, adjacent pairs and
  keys) kept by the trigger ``core_search_vector``, with a GIN index;
- on both, the newest-first indexes ``core_search_newest`` (date, id) and
  ``core_search_agency_newest`` (agency, date, id), which place missing dates last.

Both read ``folded``, so both match the same words
(:mod:`congso.core.search.query`); ``title_folded`` serves the ranking. **A later migration that alters this table on
SQLite** rebuilds it and drops the triggers: it must create them again (copy them
from ``0002_search``).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """One searchable object (mục tìm kiếm): a document, a dossier, a case file.

    ``agency_id`` scopes it (the owning agency); ``restricted`` marks secret items
    (văn bản mật), which a search returns only when the caller allows them one by
    one. ``number_key`` is the exact-lookup key of the number and symbol (số, ký
    hiệu), see :func:`congso.core.search.query.number_key`."""

    object_type = models.CharField(_("object type"), max_length=100)
    object_id = models.CharField(_("object id"), max_length=64)
    #: Indexed by ``core_search_agency_newest`` (agency, date, id), see above.
    agency_id = models.BigIntegerField(_("agency"), null=True)
    restricted = models.BooleanField(_("restricted"), default=False)
    kind = models.CharField(_("kind"), max_length=50, blank=True)
    status = models.CharField(_("status"), max_length=50, blank=True)
    issuer = models.CharField(_("issuing agency"), max_length=255, blank=True)
    issuer_folded = models.CharField(
        _("issuing agency (folded)"), max_length=255, blank=True
    )
    doc_date = models.DateField(_("date"), null=True, blank=True)
    number = models.CharField(_("number and symbol"), max_length=100, blank=True)
    number_key = models.CharField(
        _("number and symbol key"), max_length=100, blank=True
    )
    title = models.TextField(_("title or summary"))
    title_folded = models.TextField(_("title or summary (folded)"), blank=True)
    body = models.TextField(_("content"), blank=True)
    folded = models.TextField(_("folded text"), blank=True)
    updated_at = models.DateTimeField(_("updated at"))

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(
                fields=["object_type", "object_id"], name="core_search_object_uniq"
            )
        ]
        indexes = [
            # Exact look-up by number and symbol.
            models.Index(fields=["number_key"], name="core_search_number_idx")
        ]

    def __str__(self) -> str:
        return f"{self.object_type}:{self.object_id}"
