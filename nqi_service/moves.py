"""Migrations that move models between apps keep their rows, tables and permissions.

The app a model leaves renames its table in place (``AlterModelTable``) and
drops the model from its state only; the app it joins adds it to its state
only (``SeparateDatabaseAndState``). No row is copied. The models' content
types are relabelled, so their permissions, groups and admin history follow.
"""

from django.db import migrations


def _relabel(apps, schema_editor, *, models, from_label, to_label):
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = ContentType.objects.using(schema_editor.connection.alias)
    taken = set(types.filter(app_label=to_label, model__in=models).values_list("model", flat=True))
    types.filter(app_label=from_label, model__in=set(models) - taken).update(app_label=to_label)


def leave_app(*, to_label: str, models: list[str]) -> list[migrations.operations.base.Operation]:
    """Return the operations of the app ``models`` leave: tables renamed, state dropped."""
    return [
        *(migrations.AlterModelTable(name=name, table=f"{to_label}_{name}") for name in models),
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name=name) for name in models]
        ),
    ]


def join_app(
    *, from_label: str, to_label: str, create: list[migrations.CreateModel]
) -> list[migrations.operations.base.Operation]:
    """Return the operations of the app models join: state added, content types relabelled."""
    models = [operation.name_lower for operation in create]
    return [
        migrations.SeparateDatabaseAndState(state_operations=create),
        migrations.RunPython(
            lambda apps, editor: _relabel(
                apps, editor, models=models, from_label=from_label, to_label=to_label
            ),
            lambda apps, editor: _relabel(
                apps, editor, models=models, from_label=to_label, to_label=from_label
            ),
            elidable=False,
        ),
    ]
