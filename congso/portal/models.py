"""Models of the portal app, defined in its sub-packages."""

from congso.portal.national.contrib.simulator.models import NationalSimRecord
from congso.portal.national.models import NationalSyncLog

__all__ = ["NationalSimRecord", "NationalSyncLog"]
