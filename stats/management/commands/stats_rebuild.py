"""Rebuild the statistics roll-ups from raw rows (after ``generate_load`` or a restore)."""

from django.core.management.base import BaseCommand

from stats.maintenance import rebuild


class Command(BaseCommand):
    help = "Replace every statistics tally and roll-up with a fresh count of the requests."

    def handle(self, *args, **options):
        counted = rebuild()
        self.stdout.write(f"Counted {counted} requests into the statistics roll-ups.")
