"""Models moved between apps, or changed to share the audit-event base, keep every row.

A database of the previous schema, holding a row of each, is migrated forward.
"""

import datetime
from decimal import Decimal

import pytest
from django.apps import apps as current_apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

# The last migrations before the statistics and the inbox left their apps and
# the audit trails took one base.
BEFORE = [
    ("requests_app", "0008_merge_channel_and_overdue_index"),
    ("nqi_service", "0004_idempotency_key"),
    ("service_stations", "0002_cooperatives_rosters"),
    ("enterprises", "0005_claim_codes"),
    ("instruments", "0001_initial"),
]
# (app label, model) before the move -> the model's label now.
MOVED = {
    ("requests_app", "tickettally"): "stats.TicketTally",
    ("requests_app", "statscell"): "stats.StatsCell",
    ("requests_app", "resolvehours"): "stats.ResolveHours",
    ("requests_app", "enterpriseday"): "stats.EnterpriseDay",
    ("requests_app", "enterprisereach"): "stats.EnterpriseReach",
    ("requests_app", "reachcell"): "stats.ReachCell",
    ("requests_app", "statsstate"): "stats.StatsState",
    ("requests_app", "reconciliation"): "stats.Reconciliation",
    ("nqi_service", "notification"): "notifications.Notification",
}
FILLERS = {
    models.CharField: lambda field: field.choices[0][0] if field.choices else "x",
    models.TextField: lambda field: "x",
    models.BooleanField: lambda field: True,
    models.DateTimeField: lambda field: timezone.now(),
    models.DateField: lambda field: datetime.date(2026, 5, 1),
    models.DecimalField: lambda field: Decimal("12.50"),
    models.JSONField: lambda field: [7],
    models.FileField: lambda field: "",
    models.IntegerField: lambda field: 3,
}


def migrate(targets):
    """Migrate the test database to ``targets``; return the models as they were there."""
    MigrationExecutor(connection).migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


def latest() -> list[tuple[str, str]]:
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def filled(model, **given) -> dict:
    """Return a value for each required field of ``model`` (a historical model); each
    required foreign key points at a row of its model, created if there is none."""
    values = dict(given)
    for field in model._meta.concrete_fields:
        if field.attname in values or field.auto_created or field.null or field.has_default():
            continue
        if field.is_relation:
            target = field.related_model
            values[field.name] = target.objects.first() or target.objects.create(
                **filled(target, **PARENTS.get(target._meta.label_lower, {}))
            )
            continue
        filler = next(fill for kind, fill in FILLERS.items() if isinstance(field, kind))
        values[field.name] = filler(field)
    return values


# Values a parent row needs beyond the fillers (its CHECK constraints).
PARENTS = {
    "enterprises.enterprise": {"kind": "company", "credit_code": "91350100M000100Y4X"},
}


@pytest.fixture
def previous_schema(transactional_db):
    """Migrate the test database back to the previous schema; forward again, whatever happens."""
    try:
        yield migrate(BEFORE)
    finally:
        migrate(latest())


def test_rows_of_the_previous_schema_are_found_through_the_new_models(previous_schema):
    old = previous_schema
    user = old.get_model("auth", "User").objects.create(username="kept")
    written = {}
    for (app_label, name), _new in MOVED.items():
        model = old.get_model(app_label, name)
        given = {"recipient_id": user.pk} if name == "notification" else {}
        written[(app_label, name)] = model.objects.create(**filled(model, **given))
    event = old.get_model("service_stations", "CooperativeMembershipEvent")
    suspension = event.objects.create(**filled(event, action="suspend", reason="抽检连续不合格"))
    trails = {
        label: old.get_model(label).objects.create(**filled(old.get_model(label), note="已核实"))
        for label in ("enterprises.EnterpriseEvent", "instruments.BookingEvent")
    }
    # Going back relabelled the moved models' content types, permissions with them.
    assert not ContentType.objects.filter(app_label__in=["stats", "notifications"]).exists()
    view_tally = Permission.objects.get(codename="view_tickettally")
    assert view_tally.content_type.app_label == "requests_app"

    migrate(latest())

    for (app_label, name), label in MOVED.items():
        before = written[(app_label, name)]
        row = current_apps.get_model(label).objects.get(pk=before.pk)
        for field in before._meta.concrete_fields:
            assert getattr(row, field.attname) == getattr(before, field.attname), (label, field)
    moved = current_apps.get_model("service_stations", "CooperativeMembershipEvent")
    assert moved.objects.get(pk=suspension.pk).note == "抽检连续不合格"
    for label, before in trails.items():
        assert current_apps.get_model(label).objects.get(pk=before.pk).note == "已核实", label
    view_tally.refresh_from_db()
    assert view_tally.content_type.app_label == "stats"
    for (app_label, name), label in MOVED.items():
        assert not ContentType.objects.filter(app_label=app_label, model=name).exists(), name
        model = current_apps.get_model(label)
        assert ContentType.objects.get_for_model(model).permission_set.count() == 4, label
