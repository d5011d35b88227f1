"""Suite-wide fixtures."""

import pytest


@pytest.fixture(autouse=True)
def _fresh_process_caches() -> None:
    """Per-process caches (organisation tree, working calendar, published procedure
    parts) are keyed by tokens or ids; a rolled-back test transaction can leave an
    equal token or a reused id on different rows, so start each test empty."""
    from congso.accounts.selectors import agency_tree_cache_clear
    from congso.calendar.selectors import working_calendar_cache_clear
    from congso.catalog.selectors import procedure_parts_cache_clear

    agency_tree_cache_clear()
    working_calendar_cache_clear()
    procedure_parts_cache_clear()
    return
