"""Race 20 firms for one slot on a fresh file-based SQLite database; print the answers as JSON.

``python -m tests.instruments.sqlite_race <file>``: the embedded mode's
serialised path, in a process of its own because the test run's database is
PostgreSQL. Run by ``test_races.py``.
"""

import json
import os
import sys


def main(path: str) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.pop("REDIS_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "nqi_service.settings"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from tests.instruments.factories import InstrumentFactory, at, working_day
    from tests.instruments.race import book_at_once, firms

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    instrument = InstrumentFactory()
    users = firms()
    day = working_day()
    answers = book_at_once(users, instrument, [(at(day, 9), at(day, 11))] * len(users))
    print(json.dumps({"vendor": connection.vendor, "answers": answers}))


if __name__ == "__main__":
    main(sys.argv[1])
