import pytest
from django.db import IntegrityError

from enterprises.choices import EnterpriseKind
from tests.factories import EnterpriseFactory, credit_code

pytestmark = pytest.mark.django_db


def test_credit_code_is_unique_in_the_database():
    EnterpriseFactory(credit_code=credit_code(1))
    with pytest.raises(IntegrityError):
        EnterpriseFactory(credit_code=credit_code(1))


def test_individual_business_needs_a_92_credit_code():
    with pytest.raises(IntegrityError):
        EnterpriseFactory(kind=EnterpriseKind.INDIVIDUAL_BUSINESS, credit_code=credit_code(2))


def test_individual_business_with_a_92_code_is_stored():
    enterprise = EnterpriseFactory(
        kind=EnterpriseKind.INDIVIDUAL_BUSINESS, credit_code=credit_code(3, prefix="92")
    )
    assert enterprise.pk


def test_equipment_utilisation_above_100_percent_is_refused():
    with pytest.raises(IntegrityError):
        EnterpriseFactory(equipment_utilisation=101)
