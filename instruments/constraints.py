"""The database's guard against two active bookings of one instrument overlapping.

On PostgreSQL it is an exclusion constraint over the instrument and the
booking's time range (GiST, with ``btree_gist`` for the instrument's equality).
SQLite, the embedded mode, has no such constraint: the constraint creates no
SQL there and the booking service's check runs alone, serialised because every
SQLite write transaction starts with ``BEGIN IMMEDIATE`` (settings).
"""

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField
from django.db import connections
from django.db.models import Func


class TsTzRange(Func):
    """``tstzrange(start, end)``: a half-open range, so back-to-back bookings don't clash."""

    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


class PostgresExclusionConstraint(ExclusionConstraint):
    """An exclusion constraint on PostgreSQL, and nothing at all on other databases."""

    @staticmethod
    def _on_postgresql(schema_editor) -> bool:
        return schema_editor.connection.vendor == "postgresql"

    def constraint_sql(self, model, schema_editor):
        return (
            super().constraint_sql(model, schema_editor)
            if self._on_postgresql(schema_editor)
            else None
        )

    def create_sql(self, model, schema_editor):
        return (
            super().create_sql(model, schema_editor) if self._on_postgresql(schema_editor) else None
        )

    def remove_sql(self, model, schema_editor):
        return (
            super().remove_sql(model, schema_editor) if self._on_postgresql(schema_editor) else None
        )

    def validate(self, model, instance, exclude=None, using="default"):
        # Elsewhere the booking service's serialised check stands in for it.
        if connections[using].vendor == "postgresql":
            super().validate(model, instance, exclude=exclude, using=using)
