"""Contact phones are personal data: encrypted at rest, rotatable, plain to the code."""

import io

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection

from enterprises.models import Enterprise
from nqi_service import encryption
from tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def keys(settings):
    def use(*keys):
        settings.FIELD_ENCRYPTION_KEYS = list(keys)
        encryption._fernet.cache_clear()

    yield use
    encryption._fernet.cache_clear()


def stored_phone(enterprise) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT contact_phone FROM enterprises_enterprise WHERE id = %s", [enterprise.pk]
        )
        return cursor.fetchone()[0]


def test_the_phone_is_stored_encrypted_and_read_in_clear(keys):
    keys(Fernet.generate_key())
    enterprise = EnterpriseFactory(contact_phone="13912345678")
    assert "13912345678" not in stored_phone(enterprise)
    assert Enterprise.objects.get(pk=enterprise.pk).contact_phone == "13912345678"


def test_rotation_re_encrypts_with_the_newest_key(keys):
    old, new = Fernet.generate_key(), Fernet.generate_key()
    keys(old)
    enterprise = EnterpriseFactory(contact_phone="13912345678")
    before = stored_phone(enterprise)
    keys(new, old)
    call_command("rotate_encryption_keys", stdout=io.StringIO())
    after = stored_phone(enterprise)
    assert after != before
    keys(new)  # the old key is gone: rotated rows still read
    assert Enterprise.objects.get(pk=enterprise.pk).contact_phone == "13912345678"
    assert encryption.decrypt(after) == "13912345678"


@pytest.mark.parametrize("phone", ["13912345678", "027-87654321", "+86 139 1234 5678"])
def test_phone_numbers_in_use_are_valid(phone):
    EnterpriseFactory.build(contact_phone=phone).full_clean(validate_unique=False)
