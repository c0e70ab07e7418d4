"""Reads from replicas, in-process: who chooses, what stays on the primary, what is checked.

These tests have no replica to query: the router's choice is observed where a
view reads, and a replica's health is asked of the primary (which says it is
no standby). ``tests/integration/test_replica.py`` runs the same against a
real streaming standby.
"""

import datetime
import os
import subprocess
import sys
from types import SimpleNamespace

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, OperationalError
from rest_framework.authtoken.models import Token

from nqi_service.replicas import health, recent_writes, routing, views
from nqi_service.replicas.config import replica_databases
from stats import figures
from tests.requests_app.helpers import build_world, client_for, file_ticket, token_client

PRIMARY = {
    "ENGINE": "django.db.backends.postgresql",
    "NAME": "nqi",
    "CONN_MAX_AGE": 60,
    "CONN_HEALTH_CHECKS": True,
    "OPTIONS": {"prepare_threshold": 5},
}
TICKETS = "/api/v1/tickets/"
OVERVIEW = "/api/v1/stats/overview/"


@pytest.fixture(autouse=True)
def _no_remembered_states():
    health.forget()
    yield
    health.forget()


@pytest.fixture
def replica_up(settings, monkeypatch):
    """One replica, ``replica1``, up and near; return the replicas each read was sent to."""
    settings.REPLICA_DATABASES = {"replica1": {}}
    monkeypatch.setattr(health, "usable_replicas", lambda: ["replica1"])
    chosen = []

    def choose(request):
        chosen.append(routing.choose_replica(request))
        return chosen[-1]

    monkeypatch.setattr(views, "choose_replica", choose)
    return chosen


@pytest.fixture
def world(db):
    return build_world()


def aged(token: Token) -> Token:
    """Make ``token`` older than any read-your-writes window."""
    Token.objects.filter(pk=token.pk).update(created=token.created - datetime.timedelta(days=1))
    return token


def old_token_client(user):
    client = token_client(user)
    aged(Token.objects.get(user=user))
    return client


# The configuration


def test_each_replica_url_becomes_an_alias_that_mirrors_the_primary_in_tests():
    databases = replica_databases(
        ["postgres://reader@standby-1:5432/nqi", " ", "postgres://reader@standby-2/nqi"], PRIMARY
    )
    assert list(databases) == ["replica1", "replica2"]
    first = databases["replica1"]
    assert (first["HOST"], first["USER"], first["NAME"]) == ("standby-1", "reader", "nqi")
    assert first["TEST"] == {"MIRROR": "default"}
    assert (first["CONN_MAX_AGE"], first["CONN_HEALTH_CHECKS"]) == (60, True)
    # The driver's options carry over; a replica that is down is known within libpq's minimum.
    assert first["OPTIONS"] == {"prepare_threshold": 5, "connect_timeout": 2}


@pytest.mark.parametrize(
    ("primary_engine", "url"),
    [
        ("django.db.backends.postgresql", "sqlite:///replica.sqlite3"),
        ("django.db.backends.sqlite3", "postgres://reader@standby/nqi"),
    ],
)
def test_replicas_are_postgresql_standbys_of_a_postgresql_primary(primary_engine, url):
    with pytest.raises(ImproperlyConfigured):
        replica_databases([url], {**PRIMARY, "ENGINE": primary_engine})


@pytest.mark.parametrize(
    ("replica_urls", "expected"),
    [
        ("", "[] {'default': None} 5.0"),
        (
            "postgres://nqi@standby.example.cn/nqi",
            "['nqi_service.replicas.routing.ReplicaRouter'] "
            "{'default': None, 'replica1': 'default'} 5.0",
        ),
    ],
)
def test_replica_urls_from_the_environment_install_the_router(replica_urls, expected):
    show = (
        "from django.conf import settings as s; "
        "print(s.DATABASE_ROUTERS, "
        "{a: d.get('TEST', {}).get('MIRROR') for a, d in s.DATABASES.items()}, "
        "s.REPLICA_READ_YOUR_WRITES_SECONDS)"
    )
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "REPLICA_"))},
        "DATABASE_URL": "postgres://nqi@primary.example.cn/nqi",
        "DATABASE_REPLICA_URLS": replica_urls,
        "REPLICA_MAX_LAG_SECONDS": "3",
        "REPLICA_CHECK_SECONDS": "2",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", show],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == expected


# The router


def test_reads_outside_a_replica_scope_go_to_the_primary():
    router = routing.ReplicaRouter()
    assert router.db_for_read(Token) == DEFAULT_DB_ALIAS
    with routing.replica_scope():
        assert router.db_for_read(Token) == DEFAULT_DB_ALIAS  # nothing chosen yet


def test_writes_locks_and_migrations_go_to_the_primary_and_the_scope_stays_there():
    router = routing.ReplicaRouter()
    with routing.replica_scope():
        routing._reading_from.set("replica1")
        assert router.db_for_read(Token) == "replica1"
        # select_for_update(), save() and update() ask for the database to write to.
        assert router.db_for_write(Token) == DEFAULT_DB_ALIAS
        assert router.db_for_read(Token) == DEFAULT_DB_ALIAS  # what follows a write sees it
    assert routing.replica_in_use() is None
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "requests_app")
    assert not router.allow_migrate("replica1", "requests_app")


def test_reads_inside_a_transaction_on_the_primary_stay_on_the_primary(db):
    router = routing.ReplicaRouter()
    with routing.replica_scope():
        routing._reading_from.set("replica1")
        assert router.db_for_read(Token) == DEFAULT_DB_ALIAS  # the test runs in a transaction


# The views that read from a replica


def test_a_list_and_a_detail_read_from_the_replica_once_the_caller_is_known(world, replica_up):
    ticket = file_ticket(world)
    client = old_token_client(world.staff)
    assert client.get(TICKETS).status_code == 200
    assert client.get(f"{TICKETS}{ticket.pk}/").status_code == 200
    assert replica_up == ["replica1", "replica1"]
    assert routing.replica_in_use() is None  # not beyond the request


def test_statistics_are_computed_inside_the_replica_scope(world, replica_up, monkeypatch):
    seen = []
    overview = figures.overview

    def recording(selection):
        seen.append(routing.replica_in_use())
        return overview(selection)

    monkeypatch.setattr(figures, "overview", recording)
    response = old_token_client(world.supervisor).get(OVERVIEW)
    assert response.status_code == 200
    assert seen == ["replica1"]


def test_writes_are_never_sent_to_a_replica(world, replica_up):
    response = old_token_client(world.owner).post(TICKETS, filing(), format="json")
    assert response.status_code == 201
    assert replica_up == []


def test_who_just_filed_reads_the_request_from_the_primary_and_others_from_the_replica(
    world, replica_up
):
    owner = old_token_client(world.owner)
    filed = owner.post(TICKETS, filing(), format="json").data
    assert owner.get(f"{TICKETS}{filed['id']}/").status_code == 200
    assert old_token_client(world.staff).get(f"{TICKETS}{filed['id']}/").status_code == 200
    assert replica_up == [None, "replica1"]


def test_a_token_younger_than_the_window_reads_from_the_primary(world, replica_up):
    client = token_client(world.staff)  # just logged in: the token may not be on the replica
    assert client.get(TICKETS).status_code == 200
    assert replica_up == [None]


@pytest.fixture
def replica_failing_under_statistics(replica_up, monkeypatch):
    """Make the statistics fail while read from a replica; return (replicas seen, marked down)."""
    seen, downs = [], []
    monkeypatch.setattr(health, "mark_down", downs.append)
    overview = figures.overview

    def failing_on_the_replica(selection):
        seen.append(routing.replica_in_use())
        if routing.replica_in_use() is not None:
            raise OperationalError("terminating connection due to conflict with recovery")
        return overview(selection)

    monkeypatch.setattr(figures, "overview", failing_on_the_replica)
    return seen, downs


def test_a_replica_failing_under_a_read_is_passed_over_and_the_primary_answers(
    world, replica_failing_under_statistics
):
    response = old_token_client(world.supervisor).get(OVERVIEW)
    assert response.status_code == 200, response.content
    assert replica_failing_under_statistics == (["replica1", None], ["replica1"])


def test_the_dashboard_reads_from_the_replica_and_falls_back_to_the_primary(
    world, replica_failing_under_statistics
):
    client = client_for(None)
    client.force_login(world.supervisor)
    assert client.get("/dashboard/").status_code == 200
    assert replica_failing_under_statistics == (["replica1", None], ["replica1"])


def test_without_a_usable_replica_the_primary_serves(world, settings, monkeypatch):
    settings.REPLICA_DATABASES = {"replica1": {}}
    monkeypatch.setattr(health, "usable_replicas", lambda: [])
    response = old_token_client(world.supervisor).get(OVERVIEW)
    assert response.status_code == 200


# Read-your-writes marks


def test_an_unsafe_request_by_a_signed_in_caller_is_remembered(world, replica_up):
    owner, staff = old_token_client(world.owner), old_token_client(world.staff)
    assert owner.post(TICKETS, filing(), format="json").status_code == 201
    staff.get(TICKETS)
    assert recent_writes.wrote_recently(signed_in(world.owner))
    assert not recent_writes.wrote_recently(signed_in(world.staff))


def test_nothing_is_remembered_without_replicas(world):
    assert django_settings.REPLICA_DATABASES == {}
    old_token_client(world.owner).post(TICKETS, filing(), format="json")
    assert not recent_writes.wrote_recently(signed_in(world.owner))


def test_a_cache_that_cannot_be_read_sends_the_caller_to_the_primary(world, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2},
        }
    }
    assert recent_writes.wrote_recently(signed_in(world.staff))
    recent_writes.remember_write(world.staff)  # logged, not raised


# Health


@pytest.mark.parametrize(
    ("in_recovery", "lag", "status"),
    [
        (True, 0.0, health.OK),
        (True, 5.0, health.OK),
        (True, 5.5, health.LAGGING),
        (True, None, health.LAGGING),  # nothing replayed yet
        (False, 0.0, health.NOT_STANDBY),
    ],
)
def test_a_replica_is_used_while_in_recovery_and_within_the_lag_bound(
    settings, in_recovery, lag, status
):
    settings.REPLICA_MAX_LAG_SECONDS = 5
    assert health.judge(in_recovery=in_recovery, lag_seconds=lag) == status


@pytest.mark.postgres
def test_a_primary_given_as_replica_is_no_standby_and_is_asked_once_per_interval(
    db, settings, django_assert_num_queries
):
    settings.REPLICA_DATABASES = {DEFAULT_DB_ALIAS: {}}
    settings.REPLICA_CHECK_SECONDS = 3600
    with django_assert_num_queries(1):
        assert health.usable_replicas() == []
    with django_assert_num_queries(0):
        assert health.usable_replicas() == []
    assert health.check(DEFAULT_DB_ALIAS).status == health.NOT_STANDBY


@pytest.mark.postgres
def test_healthz_reports_each_replica_and_stays_200(client, db, settings):
    settings.REPLICA_DATABASES = {DEFAULT_DB_ALIAS: {}}
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert (body["database"], body["broker"]) == ("ok", "ok")
    assert body["replicas"] == {DEFAULT_DB_ALIAS: {"status": "not_standby", "lag_seconds": None}}


# Helpers


def filing() -> dict:
    return {"title": "电子秤示值偏差", "description": "需要计量校准。", "category": "metrology"}


def signed_in(user) -> SimpleNamespace:
    """Stand for a request by ``user`` with no token (a session)."""
    return SimpleNamespace(user=user)
