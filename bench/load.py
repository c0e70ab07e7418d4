#!/usr/bin/env python
"""Load test: simulated users against gunicorn, two Celery workers, PostgreSQL and Redis.

    python bench/load.py --duration 60 --users 20

Fills a fresh database of its own (``<DATABASE_URL's name>_bench_load``),
starts a private redis-server, gunicorn, two workers and beat, runs the users
(``bench/load_users.py``) for the duration, waits for the queues to drain and
checks that every request filed or triaged has its full event trail. Prints
one LOAD line per operation and a summary; exits 1 on any error or lost request.
See bench/README.md.
"""

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import bench_database_url, prepare_database, setup_django  # noqa: E402

DRAIN_SECONDS = 300


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=60, help="seconds of load")
    parser.add_argument("--users", type=int, default=20, help="concurrent users")
    parser.add_argument("--database", help="database name (default: <DATABASE_URL's>_bench_load)")
    parser.add_argument(
        "--web-instances", type=int, default=1, help="gunicorn masters, each on its own port"
    )
    parser.add_argument(
        "--web-workers",
        type=int,
        help="gunicorn workers per instance (default: 4 shared out over the instances)",
    )
    parser.add_argument("--celery-workers", type=int, default=2, help="Celery worker processes")
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    url = bench_database_url(args.database, "load")
    prepare_database(url, fresh=True)
    setup_django(url)

    from bench import load_stack, scenarios
    from bench.load_users import load_lines, run_users

    scenarios.migrate()
    actors = load_stack.seed()
    web_workers = args.web_workers or max(1, load_stack.WEB_WORKERS // args.web_instances)
    with load_stack.running_stack(
        celery_workers=args.celery_workers,
        web_instances=args.web_instances,
        web_workers=web_workers,
    ) as (ports, redis_url):
        outcome = run_users(ports=ports, actors=actors, users=args.users, seconds=args.duration)
        gaps, waited = load_stack.settle(
            filed=outcome.filed, triaged=outcome.triaged, redis_url=redis_url, seconds=DRAIN_SECONDS
        )
    for error in outcome.errors[:20]:
        print(f"ERROR {error}")
    for ticket_id, gap in list(gaps.items())[:20]:
        print(f"LOST request={ticket_id} {gap}")
    print(
        f"LOAD stack web_instances={args.web_instances} web_workers={web_workers} "
        f"celery_workers={args.celery_workers}",
        flush=True,
    )
    for line in load_lines(outcome, users=args.users, lost=len(gaps), drain_seconds=waited):
        print(line, flush=True)
    if outcome.errors or gaps:
        sys.exit(1)


if __name__ == "__main__":
    main()
