"""Membership events on the audit-event base: the reason is the note, the action checked."""

import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('service_stations', '0002_cooperatives_rosters'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # The column is renamed in place: every reason given so far is kept as the note.
        migrations.RenameField(
            model_name='cooperativemembershipevent',
            old_name='reason',
            new_name='note',
        ),
        migrations.AlterField(
            model_name='cooperativemembershipevent',
            name='note',
            field=models.TextField(blank=True, verbose_name='note'),
        ),
        migrations.AlterField(
            model_name='cooperativemembershipevent',
            name='created_at',
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name='at'),
        ),
        migrations.AddConstraint(
            model_name='cooperativemembershipevent',
            constraint=models.CheckConstraint(condition=models.Q(('action__in', ['join', 'approve', 'refuse', 'suspend', 'reinstate', 'leave'])), name='coop_membership_event_action_known'),
        ),
    ]
