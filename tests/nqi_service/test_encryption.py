import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from nqi_service import encryption


@pytest.fixture
def keys(settings):
    """Set FIELD_ENCRYPTION_KEYS for a test; the Fernet cache follows."""

    def use(*keys):
        settings.FIELD_ENCRYPTION_KEYS = list(keys)
        encryption._fernet.cache_clear()

    yield use
    encryption._fernet.cache_clear()


def test_values_round_trip_and_are_not_stored_in_clear(keys):
    keys(Fernet.generate_key())
    stored = encryption.encrypt("13812341234")
    assert "13812341234" not in stored
    assert encryption.decrypt(stored) == "13812341234"


def test_the_same_value_encrypts_differently_each_time(keys):
    keys(Fernet.generate_key())
    assert encryption.encrypt("13812341234") != encryption.encrypt("13812341234")


def test_a_prepended_key_still_reads_old_values_and_rotation_moves_them(keys):
    old, new = Fernet.generate_key(), Fernet.generate_key()
    keys(old)
    stored = encryption.encrypt("13812341234")
    keys(new, old)
    assert encryption.decrypt(stored) == "13812341234"
    rotated = encryption.rotate(stored)
    keys(new)
    assert encryption.decrypt(rotated) == "13812341234"
    with pytest.raises(ImproperlyConfigured):
        encryption.decrypt(stored)


def test_values_written_before_encryption_read_as_they_are(keys):
    keys(Fernet.generate_key())
    assert encryption.decrypt("13812341234") == "13812341234"


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("13812341234", "138****1234"),
        ("027-87654321", "027****4321"),
        # Shorter numbers keep only their last two digits: 3 + 4 would show most of them.
        ("62345678", "******78"),
        ("0278765432", "********32"),
        ("12345", "*****"),
    ],
)
def test_phones_are_masked_so_most_digits_stay_hidden(phone, masked):
    assert encryption.mask_phone(phone) == masked
