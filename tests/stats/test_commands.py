"""The stats_rebuild command."""

import io
import random

from django.core.management import call_command

from stats.models import StatsCell, TicketTally
from tests.stats.data import random_requests


def test_stats_rebuild_counts_requests_written_around_the_services(network):
    tickets = random_requests(random.Random(4), network, 30)
    assert not TicketTally.objects.exists()
    output = io.StringIO()
    call_command("stats_rebuild", stdout=output)
    assert "30" in output.getvalue()
    assert TicketTally.objects.count() == len(tickets)
    total = sum(StatsCell.objects.filter(grain="a").values_list("received", flat=True))
    assert total == len(tickets)
