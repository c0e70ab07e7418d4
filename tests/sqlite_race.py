"""Run a race on a fresh file-based SQLite database, the embedded mode's; print its outcome.

``python -m tests.sqlite_race <module> <file>``: sets the database up in a
process of its own (the test run's database is PostgreSQL), migrates it, calls
``<module>.sqlite_scenario()`` and prints what it returns as JSON, after the
database's vendor. ``run`` starts that process from a test and reads the outcome.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(module: str, path: Path) -> dict:
    """Run ``module``'s scenario on a new SQLite file at ``path``; return its outcome."""
    environment = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    process = subprocess.run(
        [sys.executable, "-m", "tests.sqlite_race", module, str(path)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert process.returncode == 0, process.stderr
    return json.loads(process.stdout.strip().splitlines()[-1])


def main(module: str, path: str) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.pop("REDIS_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "nqi_service.settings"
    import importlib

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    outcome = importlib.import_module(module).sqlite_scenario()
    print(json.dumps({"vendor": connection.vendor, **outcome}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
