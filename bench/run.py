#!/usr/bin/env python
"""Benchmarks: the real server (gunicorn, PostgreSQL, token auth) against baselines.

    python bench/run.py --smoke   # 1,000 requests, under a minute (CI runs it)
    python bench/run.py --quick   # 100,000 requests, a few minutes
    python bench/run.py           # 1,000,000 requests (run by hand)

Each measurement prints one line:
BENCH name=<id> n=<requests in db> ours_ms=<p50> baseline_ms=<p50> ratio=<ours/baseline>
followed by p95 figures and queries per request. See bench/README.md.
"""

import argparse
import base64
import hashlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PROFILES = {
    "smoke": {"requests": 1_000, "repeat": 15, "workers": 2},
    "quick": {"requests": 100_000, "repeat": 60, "workers": 2},
    "full": {"requests": 1_000_000, "repeat": 200, "workers": 3},
}
GENERATE_SAMPLE = 5_000
SERVER_START_SECONDS = 30
# Bench databases are kept between runs: their encrypted fields need a stable key.
BENCH_ENCRYPTION_KEY = base64.urlsafe_b64encode(hashlib.sha256(b"nqi bench only").digest())
RAISED_THROTTLES = {
    "THROTTLE_REGISTER": "1000000/hour",
    "THROTTLE_LOGIN": "1000000/hour",
    "THROTTLE_FILING": "1000000/hour",
}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--smoke", action="store_const", dest="profile", const="smoke")
    size.add_argument("--quick", action="store_const", dest="profile", const="quick")
    parser.add_argument("--fresh", action="store_true", help="drop and rebuild the bench database")
    parser.add_argument("--only", choices=["stats"], help="measure only these API paths")
    parser.add_argument("--requests", type=int, help="requests in the database (default: profile)")
    parser.add_argument(
        "--database", help="database name (default: <DATABASE_URL's name>_bench_<profile>)"
    )
    parser.set_defaults(profile="full")
    return parser.parse_args()


def bench_database_url(name: str | None, profile: str) -> str:
    """The server of DATABASE_URL (or the local default), database ``name``.

    By default the name derives from DATABASE_URL's, so checkouts that test
    against databases of their own also bench in databases of their own.
    """
    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/nqi")
    parts = urllib.parse.urlsplit(base)
    if not parts.scheme.startswith("postgres"):
        sys.exit("bench/run.py needs PostgreSQL: set DATABASE_URL=postgres://...")
    name = name or f"{parts.path.lstrip('/') or 'nqi'}_bench_{profile}"
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))


def prepare_database(url: str, fresh: bool) -> None:
    try:
        import psycopg as driver
    except ImportError:  # psycopg2, the other driver Django takes
        import psycopg2 as driver

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    admin = driver.connect(
        dbname="postgres",
        user=parts.username or "postgres",
        password=parts.password,
        host=parts.hostname,
        port=parts.port or 5432,
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        if fresh:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not cursor.fetchone():
            cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def setup_django(url: str, redis_url: str | None = None) -> None:
    """Configure Django for the bench database; without ``redis_url`` tasks run in-process."""
    os.environ["DATABASE_URL"] = url
    os.environ["FIELD_ENCRYPTION_KEYS"] = BENCH_ENCRYPTION_KEY.decode()
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    if redis_url:
        os.environ["REDIS_URL"] = redis_url
    else:
        os.environ.pop("REDIS_URL", None)
    import django

    django.setup()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, what: str) -> None:
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if process.poll() is not None:
                sys.exit(f"{what} exited while starting")
            time.sleep(0.2)
    process.terminate()
    sys.exit(f"{what} did not start")


def start_broker():
    """Start a private redis-server, the server's broker and cache, as in production.

    Filing then publishes its tasks (notifications, statistics recount) instead
    of running them inside the request; no worker consumes them while
    measuring. Without ``redis-server`` on the PATH (returns None) the tasks
    run in-process.
    """
    if shutil.which("redis-server") is None:
        print("redis-server not found: tasks run inside the requests", flush=True)
        return None
    from bench.processes import PrivateRedis

    broker = PrivateRedis()
    broker.start()
    return broker


def start_server(
    port: int, workers: int, redis_url: str | None, extra_env: dict | None = None
) -> subprocess.Popen:
    env = {
        **os.environ,
        **({"REDIS_URL": redis_url} if redis_url else {}),
        **(extra_env or {}),
        **RAISED_THROTTLES,
        "DEBUG": "0",
        "SECURE_SSL_REDIRECT": "0",
        "SECRET_KEY": "bench-only-secret-key-" + "x" * 40,
        "BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": str(workers),
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "nqi_service.wsgi", "--access-logfile", "/dev/null"],
        cwd=ROOT,
        env=env,
    )
    wait_for_port(port, server, "gunicorn")
    return server


def main() -> None:
    args = parse_args()
    profile = PROFILES[args.profile]
    url = bench_database_url(args.database, args.profile)
    prepare_database(url, fresh=args.fresh or args.profile == "smoke")
    setup_django(url)

    from bench import scenarios
    from bench.client import Client

    scenarios.migrate()
    n = scenarios.ensure_requests(args.requests or profile["requests"])
    scenarios.ensure_rollups()
    lines = [] if args.only else [scenarios.generate_rows(GENERATE_SAMPLE, n)]
    actors = scenarios.actors()
    measure = scenarios.stats_measurements if args.only == "stats" else scenarios.http_measurements

    broker = start_broker()
    port = free_port()
    try:
        server = start_server(port, profile["workers"], broker.url if broker else None)
        try:
            client = Client("127.0.0.1", port)
            lines += measure(client, actors, n=n, repeat=profile["repeat"])
        finally:
            server.terminate()
            server.wait(timeout=30)
    finally:
        if broker is not None:
            broker.stop()
    for line in lines:
        print(line, flush=True)


if __name__ == "__main__":
    main()
