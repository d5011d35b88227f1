"""Sync of dossier statuses to the national public-service portal (đồng bộ hồ sơ lên
Cổng Dịch vụ công quốc gia), one-stop.md §11. See docs/subsystems/national-portal.md.

- ``snapshot.py``: the frozen :class:`DossierSnapshot` and its selector;
- ``mapping.py``: pure, snapshot → record in the national field shapes;
- ``validation.py``: pure, the field shapes a record must have (the simulator's check);
- ``services.py``: :func:`national_sync_request` (outbox) and the delivery;
- ``providers/``: the :class:`NationalPortal` port and its registry;
- ``contrib/simulator/``, ``contrib/http/``: the implementations."""
