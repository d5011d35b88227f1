"""Notifications (thông báo) to citizens: e-mail, SMS and Zalo, delivered at least
once through the outbox and kept as a delivery history per object (a dossier).

See ``docs/subsystems/notifications.md``."""
