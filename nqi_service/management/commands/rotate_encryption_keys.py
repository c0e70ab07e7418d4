"""Re-encrypt every encrypted field with the newest key of FIELD_ENCRYPTION_KEYS."""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from nqi_service.encryption import EncryptedCharField

BATCH = 500


class Command(BaseCommand):
    help = "Re-encrypt personal data with the first key of FIELD_ENCRYPTION_KEYS."

    def handle(self, *args, **options):
        for model in apps.get_models():
            fields = [f.name for f in model._meta.fields if isinstance(f, EncryptedCharField)]
            if not fields:
                continue
            with transaction.atomic():
                rows = list(model.objects.select_for_update().only("pk", *fields))
                # Loading decrypted with any listed key; saving encrypts with the first.
                model.objects.bulk_update(rows, fields, batch_size=BATCH)
            self.stdout.write(
                f"{model._meta.label}: {len(rows)} rows re-encrypted ({', '.join(fields)})"
            )
