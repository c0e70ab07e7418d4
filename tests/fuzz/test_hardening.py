"""The input that once made 5xx, sent to every operation it applies to, as every role.

Random generation reaches these rarely: dates far outside the years statistics
count (``date_to=9999-12-31`` overflowed the period arithmetic) and bodies nested
past the parser's bound (1,000 nested arrays exhausted the decoder's stack).
Each answer must still be documented and conform to the schema.
"""

import pytest
from django.core.cache import cache
from django.db import transaction

from tests.fuzz.support import (
    EDGE_DATES,
    FUZZ_ROLES,
    date_parameters,
    first_path_ids,
    has_dates,
    operation_labels,
    takes_json,
    user_for_role,
)
from tests.schema_support import CHECKS, connection_kept_across_requests, token_headers

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

NESTED = b"[" * 1000 + b"]" * 1000


def _call(operation, role, path_ids, **case):
    headers = token_headers(user_for_role(role)) if role else None
    cache.clear()
    with connection_kept_across_requests(), transaction.atomic():
        response = operation.Case(
            path_parameters=first_path_ids(operation, path_ids), **case
        ).call_and_validate(headers=headers, checks=CHECKS)
        transaction.set_rollback(True)
    return response


@pytest.mark.parametrize("role", [None, *FUZZ_ROLES])
@pytest.mark.parametrize("label", operation_labels(takes_json))
def test_a_deeply_nested_body_is_refused_not_a_500(label, role, api_schema, path_ids, local_cache):
    operation = api_schema.find_operation_by_label(label)
    response = _call(operation, role, path_ids, body=NESTED, media_type="application/json")
    assert response.status_code in {400, 401, 403, 404, 405, 409}, response.content[:200]


@pytest.mark.parametrize("role", ["station_staff", "supervisor", "admin"])
@pytest.mark.parametrize("label", operation_labels(has_dates))
def test_dates_at_the_edges_of_the_calendar_are_no_500(
    label, role, api_schema, path_ids, local_cache
):
    operation = api_schema.find_operation_by_label(label)
    assert date_parameters(operation)
    for name in date_parameters(operation):
        for day in EDGE_DATES:
            _call(operation, role, path_ids, query={name: day.isoformat()})
