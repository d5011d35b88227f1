"""``manage.py calendar_seed [--from 2022] [--to 2027]``: idempotent seeding of the
official calendar table from the ``holidays`` package and the known official swaps."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from congso.calendar.models import CalendarDay
from congso.calendar.seeding import SEED_YEARS, seed_calendar_days


class Command(BaseCommand):
    help = "Seed the official calendar table (idempotent; admin rows are kept)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="first", type=int, default=SEED_YEARS[0])
        parser.add_argument("--to", dest="last", type=int, default=SEED_YEARS[-1])

    def handle(self, *args: Any, **options: Any) -> None:
        years = range(options["first"], options["last"] + 1)
        changed = seed_calendar_days(CalendarDay, years)
        self.stdout.write(f"calendar_seed: {changed} row(s) written for {years}.")
