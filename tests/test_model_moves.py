"""Models moved between apps keep every row: a database of the previous schema, migrated."""

import datetime
from decimal import Decimal

import pytest
from django.apps import apps as current_apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

# The last migrations before the statistics and the inbox left their apps.
BEFORE = [
    ("requests_app", "0008_merge_channel_and_overdue_index"),
    ("nqi_service", "0004_idempotency_key"),
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
    models.IntegerField: lambda field: 3,
}


def migrate(targets):
    """Migrate the test database to ``targets``; return the models as they were there."""
    MigrationExecutor(connection).migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


def latest() -> list[tuple[str, str]]:
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def filled(model, **given) -> dict:
    """Return a value for each required field of ``model`` (a historical model)."""
    values = dict(given)
    for field in model._meta.concrete_fields:
        if field.attname in values or field.auto_created or field.null or field.has_default():
            continue
        filler = next(fill for kind, fill in FILLERS.items() if isinstance(field, kind))
        values[field.name] = filler(field)
    return values


@pytest.mark.django_db(transaction=True)
def test_rows_of_the_previous_schema_are_found_through_the_moved_models():
    old = migrate(BEFORE)
    user = old.get_model("auth", "User").objects.create(username="kept")
    written = {}
    for (app_label, name), _new in MOVED.items():
        model = old.get_model(app_label, name)
        given = {"recipient_id": user.pk} if name == "notification" else {}
        written[(app_label, name)] = model.objects.create(**filled(model, **given))

    migrate(latest())

    for (app_label, name), label in MOVED.items():
        before = written[(app_label, name)]
        row = current_apps.get_model(label).objects.get(pk=before.pk)
        for field in before._meta.concrete_fields:
            assert getattr(row, field.attname) == getattr(before, field.attname), (label, field)


@pytest.mark.django_db(transaction=True)
def test_the_moved_models_content_types_and_permissions_follow_them():
    migrate(BEFORE)
    moved = ContentType.objects.filter(app_label__in=["stats", "notifications"])
    assert set(moved.values_list("app_label", "model")) == set()  # relabelled on the way back
    view_tally = Permission.objects.get(codename="view_tickettally")
    assert view_tally.content_type.app_label == "requests_app"

    migrate(latest())

    view_tally.refresh_from_db()
    assert view_tally.content_type.app_label == "stats"
    for (app_label, name), label in MOVED.items():
        assert not ContentType.objects.filter(app_label=app_label, model=name).exists(), name
        model = current_apps.get_model(label)
        assert ContentType.objects.get_for_model(model).permission_set.count() == 4, label
