"""Fuzz every API operation, as every role, against the API's own OpenAPI schema.

What it proves: for each operation in ``/api/schema/`` (drf-spectacular) and for
each role (enterprise, station staff, station manager, expert, supervisor,
admin), Schemathesis-generated requests -- valid ones and ones that break the
schema -- sent in-process to the WSGI application with that role's real API token
never get a 5xx, and every response conforms to the schema: its status code is
documented for the operation, its content type is the documented one, and its
body matches the documented shape.

Date query parameters are also drawn across Python's whole calendar, edges
first (``test_hardening.py`` sends each edge, and bodies nested past the
parser's bound, to every operation they apply to).

The data is the ``seed_demo`` network, and ids in paths are drawn mostly from
the rows that exist, so requests reach real objects (visible or foreign) instead
of only 404s. Each example runs in a savepoint that is rolled back and with an
empty cache, so state-changing operations (actions, logout, password change) don't
leak into the next example and throttles start from zero.

Generation is derandomised: the same code and schema give the same requests.
The number of examples per operation and role defaults to a small CI figure;
raise it locally with ``NQI_FUZZ_EXAMPLES``, e.g.::

    NQI_FUZZ_EXAMPLES=50 python -m pytest tests/fuzz -q -p no:cacheprovider
"""

import os

import pytest
from django.core.cache import cache
from django.db import transaction
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode

from tests.fuzz.support import (
    FUZZ_ROLES,
    any_dates,
    operation_labels,
    real_path_parameters,
    user_for_role,
)
from tests.schema_support import (
    CHECKS,
    connection_kept_across_requests,
    token_headers,
)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

EXAMPLES = int(os.environ.get("NQI_FUZZ_EXAMPLES", "3"))
FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    # Shrinking would multiply the run time of a failure; the report shows the case.
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


def _case_strategy(operation, path_ids):
    cases = st.one_of(
        operation.as_strategy(GenerationMode.POSITIVE),
        operation.as_strategy(GenerationMode.NEGATIVE),
    )
    return st.tuples(cases, real_path_parameters(operation, path_ids), any_dates(operation))


@pytest.mark.parametrize("role", FUZZ_ROLES)
@pytest.mark.parametrize("label", operation_labels())
def test_operation_answers_as_documented(label, role, api_schema, path_ids, db, local_cache):
    operation = api_schema.find_operation_by_label(label)
    assert operation is not None, label
    headers = token_headers(user_for_role(role))

    @FUZZ_SETTINGS
    @given(_case_strategy(operation, path_ids))
    def fuzz(drawn):
        case, real_ids, dates = drawn
        case.path_parameters = {**(case.path_parameters or {}), **real_ids}
        case.query = {**(case.query or {}), **dates}
        cache.clear()
        with connection_kept_across_requests(), transaction.atomic():
            case.call_and_validate(headers=headers, checks=CHECKS)
            transaction.set_rollback(True)

    fuzz()
