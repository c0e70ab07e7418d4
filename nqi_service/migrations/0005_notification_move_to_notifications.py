"""The notification inbox moves to the ``notifications`` app: renamed in place, no row copied."""

from django.db import migrations

from nqi_service.moves import leave_app


class Migration(migrations.Migration):

    dependencies = [
        ('nqi_service', '0004_idempotency_key'),
    ]

    operations = leave_app(to_label='notifications', models=['notification'])
