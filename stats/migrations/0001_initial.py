"""The roll-up tables, until now ``requests_app``'s: their tables were renamed there (0009)."""

from django.db import migrations, models

from nqi_service.moves import join_app


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('requests_app', '0009_statistics_move_to_stats'),
    ]

    operations = join_app(
        from_label='requests_app',
        to_label='stats',
        create=[
            migrations.CreateModel(
                name='Reconciliation',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('started_at', models.DateTimeField(verbose_name='started at')),
                    ('finished_at', models.DateTimeField(verbose_name='finished at')),
                    ('tickets_checked', models.PositiveIntegerField(verbose_name='requests checked')),
                    ('tickets_corrected', models.PositiveIntegerField(verbose_name='requests corrected')),
                    ('corrected_ids', models.JSONField(default=list, verbose_name='some corrected requests')),
                ],
                options={
                    'verbose_name': 'statistics reconciliation',
                    'verbose_name_plural': 'statistics reconciliations',
                    'ordering': ['-started_at'],
                },
            ),
            migrations.CreateModel(
                name='StatsState',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('event_watermark', models.BigIntegerField(default=0, verbose_name='last event counted')),
                    ('as_of', models.DateTimeField(null=True, verbose_name='roll-ups as of')),
                ],
                options={
                    'verbose_name': 'statistics state',
                    'verbose_name_plural': 'statistics state',
                },
            ),
            migrations.CreateModel(
                name='TicketTally',
                fields=[
                    ('ticket_id', models.BigIntegerField(primary_key=True, serialize=False, verbose_name='request')),
                    ('enterprise_id', models.BigIntegerField(verbose_name='enterprise')),
                    ('region', models.CharField(max_length=6, verbose_name='region code')),
                    ('has_lab', models.BooleanField(verbose_name='has an in-house lab')),
                    ('in_standard_setting', models.BooleanField(verbose_name='took part in standard setting')),
                    ('high_utilisation', models.BooleanField(verbose_name='equipment utilisation at least 60 %')),
                    ('station_id', models.BigIntegerField(verbose_name='station')),
                    ('category', models.CharField(choices=[('metrology', 'Metrology'), ('standards', 'Standards'), ('certification', 'Certification and accreditation'), ('inspection', 'Inspection and testing'), ('quality_management', 'Quality management'), ('brand', 'Brand building'), ('other', 'Other')], max_length=24, verbose_name='category')),
                    ('status', models.CharField(choices=[('submitted', 'Submitted'), ('triaged', 'Triaged'), ('assigned', 'Assigned'), ('in_progress', 'In progress'), ('awaiting_info', 'Awaiting information'), ('resolved', 'Resolved'), ('closed', 'Closed'), ('rejected', 'Rejected'), ('cancelled', 'Cancelled')], max_length=16, verbose_name='status')),
                    ('channel', models.CharField(choices=[('online', 'Online'), ('visit', 'Doorstep visit'), ('phone', 'Phone'), ('walk_in', 'Walk-in')], db_default='online', default='online', max_length=8, verbose_name='channel')),
                    ('day', models.DateField(verbose_name='filing date')),
                    ('month', models.DateField(verbose_name='filing month')),
                    ('resolve_hours', models.IntegerField(null=True, verbose_name='whole hours to resolve')),
                    ('losses', models.DecimalField(decimal_places=2, max_digits=14, verbose_name='losses avoided (yuan)')),
                    ('rating_sum', models.PositiveSmallIntegerField(verbose_name='rating')),
                    ('rated', models.PositiveSmallIntegerField(verbose_name='rated')),
                    ('low_rated', models.PositiveSmallIntegerField(verbose_name='rated 2 or lower')),
                    ('on_time', models.PositiveSmallIntegerField(verbose_name='resolved on time')),
                    ('assigned', models.PositiveSmallIntegerField(verbose_name='assigned')),
                    ('assign_seconds', models.BigIntegerField(verbose_name='seconds to first assignment')),
                    ('reopened', models.PositiveSmallIntegerField(verbose_name='reopened')),
                ],
                options={
                    'verbose_name': 'statistics tally of a request',
                    'verbose_name_plural': 'statistics tallies of requests',
                },
            ),
            migrations.CreateModel(
                name='EnterpriseDay',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('day', models.DateField(verbose_name='filing date')),
                    ('station_id', models.BigIntegerField(verbose_name='station')),
                    ('category', models.CharField(choices=[('metrology', 'Metrology'), ('standards', 'Standards'), ('certification', 'Certification and accreditation'), ('inspection', 'Inspection and testing'), ('quality_management', 'Quality management'), ('brand', 'Brand building'), ('other', 'Other')], max_length=24, verbose_name='category')),
                    ('region', models.CharField(max_length=6, verbose_name='region code')),
                    ('enterprise_id', models.BigIntegerField(verbose_name='enterprise')),
                    ('has_lab', models.BooleanField(verbose_name='has an in-house lab')),
                    ('in_standard_setting', models.BooleanField(verbose_name='took part in standard setting')),
                    ('high_utilisation', models.BooleanField(verbose_name='equipment utilisation at least 60 %')),
                    ('requests', models.IntegerField(default=0, verbose_name='requests')),
                ],
                options={
                    'verbose_name': 'enterprise day',
                    'verbose_name_plural': 'enterprise days',
                    'constraints': [models.UniqueConstraint(fields=('day', 'station_id', 'category', 'region', 'enterprise_id', 'has_lab', 'in_standard_setting', 'high_utilisation'), name='stats_enterprise_day_key')],
                },
            ),
            migrations.CreateModel(
                name='EnterpriseReach',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('station_id', models.BigIntegerField(verbose_name='station')),
                    ('region', models.CharField(max_length=6, verbose_name='region code')),
                    ('enterprise_id', models.BigIntegerField(verbose_name='enterprise')),
                    ('has_lab', models.BooleanField(verbose_name='has an in-house lab')),
                    ('in_standard_setting', models.BooleanField(verbose_name='took part in standard setting')),
                    ('high_utilisation', models.BooleanField(verbose_name='equipment utilisation at least 60 %')),
                    ('requests', models.IntegerField(default=0, verbose_name='requests')),
                ],
                options={
                    'verbose_name': 'enterprise reach',
                    'verbose_name_plural': 'enterprise reaches',
                    'constraints': [models.UniqueConstraint(fields=('station_id', 'region', 'enterprise_id', 'has_lab', 'in_standard_setting', 'high_utilisation'), name='stats_enterprise_reach_key')],
                },
            ),
            migrations.CreateModel(
                name='ReachCell',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('station_id', models.BigIntegerField(verbose_name='station')),
                    ('region', models.CharField(max_length=6, verbose_name='region code')),
                    ('enterprises', models.IntegerField(default=0, verbose_name='enterprises')),
                    ('with_lab', models.IntegerField(default=0, verbose_name='with an in-house lab')),
                    ('in_standard_setting', models.IntegerField(default=0, verbose_name='in standard setting')),
                    ('high_utilisation', models.IntegerField(default=0, verbose_name='equipment utilisation at least 60 %')),
                ],
                options={
                    'verbose_name': 'enterprises served',
                    'verbose_name_plural': 'enterprises served',
                    'constraints': [models.UniqueConstraint(fields=('station_id', 'region'), name='stats_reach_cell_key')],
                },
            ),
            migrations.CreateModel(
                name='ResolveHours',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('grain', models.CharField(choices=[('d', 'Day'), ('m', 'Month'), ('a', 'All time')], max_length=1, verbose_name='grain')),
                    ('period', models.DateField(verbose_name='period')),
                    ('station_id', models.BigIntegerField(verbose_name='station')),
                    ('category', models.CharField(choices=[('metrology', 'Metrology'), ('standards', 'Standards'), ('certification', 'Certification and accreditation'), ('inspection', 'Inspection and testing'), ('quality_management', 'Quality management'), ('brand', 'Brand building'), ('other', 'Other')], max_length=24, verbose_name='category')),
                    ('region', models.CharField(max_length=6, verbose_name='region code')),
                    ('hours', models.IntegerField(verbose_name='whole hours to resolve')),
                    ('resolved', models.IntegerField(default=0, verbose_name='resolved')),
                ],
                options={
                    'verbose_name': 'resolution time bucket',
                    'verbose_name_plural': 'resolution time buckets',
                    'constraints': [models.UniqueConstraint(fields=('grain', 'period', 'station_id', 'category', 'region', 'hours'), name='stats_hours_key')],
                },
            ),
            migrations.CreateModel(
                name='StatsCell',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('grain', models.CharField(choices=[('d', 'Day'), ('m', 'Month'), ('a', 'All time')], max_length=1, verbose_name='grain')),
                    ('period', models.DateField(verbose_name='period')),
                    ('station_id', models.BigIntegerField(verbose_name='station')),
                    ('category', models.CharField(choices=[('metrology', 'Metrology'), ('standards', 'Standards'), ('certification', 'Certification and accreditation'), ('inspection', 'Inspection and testing'), ('quality_management', 'Quality management'), ('brand', 'Brand building'), ('other', 'Other')], max_length=24, verbose_name='category')),
                    ('region', models.CharField(max_length=6, verbose_name='region code')),
                    ('status', models.CharField(choices=[('submitted', 'Submitted'), ('triaged', 'Triaged'), ('assigned', 'Assigned'), ('in_progress', 'In progress'), ('awaiting_info', 'Awaiting information'), ('resolved', 'Resolved'), ('closed', 'Closed'), ('rejected', 'Rejected'), ('cancelled', 'Cancelled')], max_length=16, verbose_name='status')),
                    ('channel', models.CharField(choices=[('online', 'Online'), ('visit', 'Doorstep visit'), ('phone', 'Phone'), ('walk_in', 'Walk-in')], db_default='online', default='online', max_length=8, verbose_name='channel')),
                    ('received', models.IntegerField(default=0, verbose_name='received')),
                    ('losses', models.DecimalField(decimal_places=2, default=0, max_digits=18, verbose_name='losses avoided (yuan)')),
                    ('rating_sum', models.IntegerField(default=0, verbose_name='sum of ratings')),
                    ('rated', models.IntegerField(default=0, verbose_name='rated')),
                    ('low_rated', models.IntegerField(default=0, verbose_name='rated 2 or lower')),
                    ('on_time', models.IntegerField(default=0, verbose_name='resolved on time')),
                    ('assigned', models.IntegerField(default=0, verbose_name='assigned')),
                    ('assign_seconds', models.BigIntegerField(default=0, verbose_name='seconds to first assignment')),
                    ('reopened', models.IntegerField(default=0, verbose_name='reopened')),
                ],
                options={
                    'verbose_name': 'statistics cell',
                    'verbose_name_plural': 'statistics cells',
                    'constraints': [models.UniqueConstraint(fields=('grain', 'period', 'station_id', 'category', 'region', 'status', 'channel'), name='stats_cell_channel_key')],
                },
            ),
        ],
    )
