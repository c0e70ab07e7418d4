"""Booking events on the audit-event base: PROTECT, one actor field, the action checked."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('instruments', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='bookingevent',
            name='actor',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='actor'),
        ),
        migrations.AlterField(
            model_name='bookingevent',
            name='booking',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='events', to='instruments.booking', verbose_name='booking'),
        ),
        migrations.AlterField(
            model_name='bookingevent',
            name='created_at',
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name='at'),
        ),
        migrations.AddConstraint(
            model_name='bookingevent',
            constraint=models.CheckConstraint(condition=models.Q(('action__in', ['book', 'approve', 'reject', 'cancel', 'start', 'complete', 'no_show'])), name='booking_event_action_known'),
        ),
    ]
