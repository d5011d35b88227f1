"""Full-text search over the whole platform (docs/subsystems/search.md).

Write with ``services.search_entry_upsert`` / ``services.search_entry_delete``
inside the owning service's transaction; read with ``selectors.search_run``.
``query`` (folding, number keys, the query parser) is pure and imports without
Django."""
