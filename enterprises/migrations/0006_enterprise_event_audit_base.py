"""Enterprise events on the audit-event base: the trail outlives nothing it records (PROTECT)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('enterprises', '0005_claim_codes'),
    ]

    operations = [
        migrations.AlterField(
            model_name='enterpriseevent',
            name='enterprise',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='events', to='enterprises.enterprise', verbose_name='enterprise'),
        ),
    ]
