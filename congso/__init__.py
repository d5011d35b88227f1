"""Công Sở — open-source e-government platform for Vietnamese local administrations."""

from congso.conf.celery import app as celery_app

__all__ = ["celery_app"]
