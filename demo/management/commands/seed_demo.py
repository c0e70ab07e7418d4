"""Load the demonstration network; running it again changes nothing."""

from django.core.management.base import BaseCommand
from django.db import transaction

from demo.capability import load_capability_histories
from demo.catalogue import load_catalogue, load_diagnoses
from demo.cooperatives import load_cooperative
from demo.instruments import load_instrument_pool
from demo.network import (
    DEMO_PASSWORD,
    LOGINS,
    load_actors,
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
        catalogue = load_catalogue()
        load_enterprises()
        load_logins(stations)
        load_actors()
        filed = load_requests()
        load_diagnoses()
        load_cooperative()
        load_visits()
        instruments = load_instrument_pool()
        load_training()
        load_capability_histories()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready ({filed} requests filed, {catalogue} catalogue services,"
                f" {instruments} shared instruments)."
                f" Logins (password {DEMO_PASSWORD}):"
            )
        )
        for username, role, target in LOGINS:
            self.stdout.write(f"  {role:<16} {username:<18} {target or ''}")
