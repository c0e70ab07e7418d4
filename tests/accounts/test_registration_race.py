"""Two registrations of one credit code at the same moment: one wins, one gets 409."""

import threading

import pytest
from django.db import connection
from rest_framework.test import APIClient

from enterprises.models import Enterprise
from tests.factories import credit_code

URL = "/api/v1/auth/register/"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_of_one_credit_code_give_201_and_409():
    barrier = threading.Barrier(2)
    statuses = []

    def register(username):
        try:
            barrier.wait(timeout=10)
            response = APIClient().post(
                URL,
                {
                    "username": username,
                    "password": "Zhiliang-2026",
                    "enterprise": {
                        "name": "同码企业",
                        "credit_code": credit_code(777),
                        "region_code": "420102",
                        "contact_name": "王磊",
                        "contact_phone": "13800001234",
                    },
                },
                format="json",
            )
            statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(f"racer{n}",)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [201, 409]
    assert Enterprise.objects.filter(credit_code=credit_code(777)).count() == 1
