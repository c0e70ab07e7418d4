"""Idempotency-Key on creating POSTs: filing twice is filing once (API.md "Hardening")."""

import datetime
import threading

import pytest
from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from rest_framework.views import APIView

from nqi_service.api.idempotency import IdempotentPostMixin
from nqi_service.models import IdempotencyKey
from nqi_service.tasks import purge_idempotency_keys
from requests_app import services
from requests_app.models import Comment, Ticket
from tests.accounts.test_registration import registration
from tests.requests_app.helpers import build_world, client_for
from tests.requests_app.test_api_filing import URL, body

pytestmark = pytest.mark.django_db


def keyed(client, key="file-1", data=None, url=URL):
    return client.post(url, data or body(), format="json", HTTP_IDEMPOTENCY_KEY=key)


def test_a_retry_with_the_same_key_gets_the_first_answer_and_files_nothing(world):
    client = client_for(world.owner)
    first, again = keyed(client), keyed(client)
    assert first.status_code == again.status_code == 201
    assert again.content == first.content
    assert Ticket.objects.count() == 1


def test_without_a_key_every_post_files(world):
    client = client_for(world.owner)
    client.post(URL, body(), format="json")
    client.post(URL, body(), format="json")
    assert Ticket.objects.count() == 2


def test_the_same_key_with_another_body_is_422(world):
    client = client_for(world.owner)
    keyed(client)
    response = keyed(client, data=body(title="另一个问题"))
    assert response.status_code == 422
    assert response.json()["code"] == "idempotency_key_reused"
    assert Ticket.objects.count() == 1


def test_the_same_key_on_another_endpoint_is_422(world):
    client = client_for(world.owner)
    ticket = Ticket.objects.get(pk=keyed(client).json()["id"])
    response = keyed(client, data={"body": "补充说明"}, url=f"{URL}{ticket.pk}/comments/")
    assert response.status_code == 422
    assert not Comment.objects.exists()


def test_the_same_key_while_the_first_still_runs_is_409(world):
    client = client_for(world.owner)
    keyed(client)
    IdempotencyKey.objects.update(status_code=None, body="")  # as while the first runs
    response = keyed(client)
    assert response.status_code == 409
    assert response.json()["code"] == "idempotency_key_in_use"
    assert Ticket.objects.count() == 1


def test_a_claim_left_running_by_a_dead_process_is_taken_over(world):
    client = client_for(world.owner)
    keyed(client)
    IdempotencyKey.objects.update(
        status_code=None, created_at=timezone.now() - datetime.timedelta(minutes=6)
    )
    assert keyed(client).status_code == 201
    assert Ticket.objects.count() == 2


def test_keys_are_each_callers_own(world):
    keyed(client_for(world.owner))
    response = keyed(client_for(world.other_enterprise_member))
    assert response.status_code == 201
    assert Ticket.objects.count() == 2


def test_a_refusal_is_answered_again_as_it_was(world):
    client = client_for(world.owner)
    first = keyed(client, data=body(category="nonsense"))
    again = keyed(client, data=body(category="nonsense"))
    assert first.status_code == again.status_code == 400
    assert again.content == first.content


def test_a_server_error_releases_the_key(world, monkeypatch):
    client = client_for(world.owner)
    client.raise_request_exception = False
    real_file = services.ticket_file

    def broken(**kwargs):
        raise RuntimeError("worker lost")

    monkeypatch.setattr(services, "ticket_file", broken)
    assert keyed(client).status_code == 500
    assert not IdempotencyKey.objects.exists()
    monkeypatch.setattr(services, "ticket_file", real_file)
    assert keyed(client).status_code == 201
    assert Ticket.objects.count() == 1


def test_an_expired_key_files_again_and_the_sweep_purges_it(world):
    client = client_for(world.owner)
    keyed(client)
    old = timezone.now() - datetime.timedelta(hours=25)
    IdempotencyKey.objects.update(created_at=old)
    assert keyed(client).status_code == 201
    assert Ticket.objects.count() == 2
    IdempotencyKey.objects.update(created_at=old)
    assert purge_idempotency_keys() == 1
    assert not IdempotencyKey.objects.exists()


def test_a_key_longer_than_255_characters_is_400(world):
    response = keyed(client_for(world.owner), key="k" * 256)
    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()


def test_registration_keys_belong_to_the_username(db):
    from rest_framework.test import APIClient

    url = "/api/v1/auth/register/"
    first = keyed(APIClient(), "reg", registration(), url)
    again = keyed(APIClient(), "reg", registration(), url)
    assert first.status_code == again.status_code == 201
    assert again.content == first.content
    other = registration(username="zhangsan", enterprise={"credit_code": "91420102MA4K0A0B1C"})
    assert keyed(APIClient(), "reg", other, url).status_code in (201, 400)
    assert IdempotencyKey.objects.filter(key="reg").count() == 2


def _views():
    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns)
            elif isinstance(pattern, URLPattern):
                yield (
                    getattr(pattern.callback, "cls", None),
                    getattr(pattern.callback, "actions", None),
                )

    return walk(get_resolver().url_patterns)


# POSTs that create nothing: a login, a logout, a password change.
NOT_CREATING = {"TokenView", "LogoutView", "PasswordChangeView"}


def test_every_api_view_that_takes_a_post_honours_the_key():
    lacking = set()
    for view, actions in _views():
        if view is None or not issubclass(view, APIView) or view.__name__ in NOT_CREATING:
            continue
        takes_post = "post" in (actions or {}) if actions else hasattr(view, "post")
        if takes_post and not issubclass(view, IdempotentPostMixin):
            lacking.add(view.__name__)
    assert not lacking


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_ten_concurrent_filings_with_one_key_file_one_request():
    world = build_world()
    start = threading.Barrier(10)
    answers = []

    def file_once():
        try:
            client = client_for(world.owner)
            start.wait()
            answers.append(keyed(client, key="concurrent"))
        finally:
            connection.close()

    threads = [threading.Thread(target=file_once) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Ticket.objects.count() == 1
    statuses = sorted(answer.status_code for answer in answers)
    assert set(statuses) <= {201, 409} and 201 in statuses
    ticket_ids = {answer.json()["id"] for answer in answers if answer.status_code == 201}
    assert ticket_ids == {Ticket.objects.get().pk}
