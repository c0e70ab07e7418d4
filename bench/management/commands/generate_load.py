"""Fill PostgreSQL with a realistic network and many requests for benchmarks.

The command and its generator (``bench/loadgen``) are the bench's, which the
deployed image leaves out (``.dockerignore``): the settings install the
``bench`` app only where its folder is there, in a source checkout.
"""

from django.core.management.base import BaseCommand, CommandError

from bench.loadgen import generate


class Command(BaseCommand):
    help = "Generate N requests over two years (PostgreSQL, COPY) and print rows per second."

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, required=True)
        parser.add_argument("--enterprises", type=int, default=None, help="default: N/20")
        parser.add_argument("--experts", type=int, default=200)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, requests, enterprises, experts, seed, **options):
        if requests < 1 or experts < 1:
            raise CommandError("--requests and --experts must be positive.")
        try:
            report = generate(
                requests=requests,
                enterprises=enterprises or max(requests // 20, 10),
                experts=experts,
                seed=seed,
            )
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"generated requests={report.tickets} events={report.events} "
            f"assignments={report.assignments} "
            f"seconds={report.seconds:.1f} rows_per_second={report.rows_per_second:.0f}"
        )
