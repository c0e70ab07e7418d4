"""The inbox, until now ``nqi_service``'s: its table was renamed there (0005)."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from nqi_service.moves import join_app


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('requests_app', '0009_statistics_move_to_stats'),
        ('nqi_service', '0005_notification_move_to_notifications'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = join_app(
        from_label='nqi_service',
        to_label='notifications',
        create=[
            migrations.CreateModel(
                name='Notification',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('title', models.CharField(max_length=200, verbose_name='title')),
                    ('body', models.TextField(blank=True, verbose_name='body')),
                    ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='created at')),
                    ('read_at', models.DateTimeField(blank=True, null=True, verbose_name='read at')),
                    ('email_status', models.CharField(choices=[('pending', 'Pending'), ('sending', 'Sending'), ('sent', 'Sent'), ('skipped', 'No email address'), ('failed', 'Failed')], default='pending', max_length=8, verbose_name='email')),
                    ('email_claimed_at', models.DateTimeField(blank=True, null=True, verbose_name='email claimed at')),
                    ('event', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to='requests_app.ticketevent', verbose_name='event')),
                    ('recipient', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to=settings.AUTH_USER_MODEL, verbose_name='recipient')),
                    ('ticket', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='requests_app.ticket', verbose_name='request')),
                ],
                options={
                    'verbose_name': 'notification',
                    'verbose_name_plural': 'notifications',
                    'ordering': ['-created_at', '-id'],
                    'indexes': [models.Index(fields=['recipient', '-created_at', '-id'], name='notification_inbox_idx'), models.Index(condition=models.Q(('read_at__isnull', True)), fields=['recipient'], name='notification_unread_idx')],
                    'constraints': [models.UniqueConstraint(condition=models.Q(('event__isnull', False)), fields=('recipient', 'event'), name='notification_once_per_event')],
                },
            ),
        ],
    )
