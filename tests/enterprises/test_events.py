import pytest

from nqi_service.models import AppendOnlyError
from tests.factories import EnterpriseEventFactory

pytestmark = pytest.mark.django_db


def test_enterprise_events_cannot_be_changed():
    event = EnterpriseEventFactory(note="first")
    event.note = "rewritten"
    with pytest.raises(AppendOnlyError):
        event.save()


def test_enterprise_events_cannot_be_deleted():
    event = EnterpriseEventFactory()
    with pytest.raises(AppendOnlyError):
        event.delete()
