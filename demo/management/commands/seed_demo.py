"""Load the demonstration network; running it again changes nothing."""

from django.core.management.base import BaseCommand
from django.db import transaction

from demo.cooperatives import load_cooperative
from demo.instruments import load_instrument_pool
from demo.network import (
    DEMO_PASSWORD,
    LOGINS,
    load_enterprises,
    load_experts,
    load_logins,
    load_stations,
)
from demo.requests import load_requests
from demo.training import load_training
from demo.visits import load_visits


class Command(BaseCommand):
    help = "Load the demonstration network and one login per role (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
        stations = load_stations()
        load_experts(stations)
        load_enterprises()
        load_logins(stations)
        filed = load_requests()
        load_cooperative()
        load_visits()
        instruments = load_instrument_pool()
        load_training()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready ({filed} requests filed, {instruments} shared instruments)."
                f" Logins (password {DEMO_PASSWORD}):"
            )
        )
        for username, role, target in LOGINS:
            self.stdout.write(f"  {role:<16} {username:<18} {target or ''}")
