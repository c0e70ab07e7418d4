"""The statistics' roll-up tables move to the ``stats`` app: renamed in place, no row copied."""

from django.db import migrations

from nqi_service.moves import leave_app


class Migration(migrations.Migration):

    dependencies = [
        ('requests_app', '0008_merge_channel_and_overdue_index'),
    ]

    operations = leave_app(
        to_label='stats',
        models=[
            'enterpriseday',
            'enterprisereach',
            'reachcell',
            'reconciliation',
            'resolvehours',
            'statscell',
            'statsstate',
            'tickettally',
        ],
    )
