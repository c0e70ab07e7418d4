"""An enterprise's region and capability profile feed the roll-ups: editing them recounts."""

import pytest
from django.urls import reverse

from enterprises.models import EnterpriseEvent
from tests.api_support import token_client
from tests.factories import EnterpriseMembershipFactory, SupervisorScopeFactory
from tests.stats.data import assert_figures_equal, chosen, reference_figures

OVERVIEW = "/api/v1/stats/overview/"


def _busiest(network, counted):
    """Return the enterprise with the most requests."""
    return max(network.enterprises, key=lambda e: sum(t.enterprise_id == e.pk for t in counted))


def _edit(client, enterprise, payload, capture):
    with capture(execute=True):
        return client.patch(f"/api/v1/enterprises/{enterprise.pk}/", payload, format="json")


def test_a_members_capability_edit_reaches_the_baseline_once_the_tasks_ran(
    api, admin_user, network, counted, django_capture_on_commit_callbacks
):
    enterprise = _busiest(network, counted)
    member = EnterpriseMembershipFactory(enterprise=enterprise).user
    payload = {
        "has_lab": not enterprise.has_lab,
        "in_standard_setting": not enterprise.in_standard_setting,
        "equipment_utilisation": 20 if (enterprise.equipment_utilisation or 0) >= 60 else 95,
    }
    response = _edit(token_client(member), enterprise, payload, django_capture_on_commit_callbacks)
    assert response.status_code == 200, response.data
    for filters in ({}, {"region": enterprise.region_code}):
        overview = api(admin_user).get(OVERVIEW, filters).json()
        assert_figures_equal(overview, reference_figures(chosen(**filters)))


def test_an_administrator_moving_an_enterprise_moves_its_requests_between_supervisors(
    api, admin_user, network, counted, django_capture_on_commit_callbacks
):
    enterprise = next(
        e for e in sorted(network.enterprises, key=lambda e: e.pk) if e.region_code == "420104"
    )
    assert any(t.enterprise_id == enterprise.pk for t in counted)
    response = _edit(
        token_client(admin_user),
        enterprise,
        {"region_code": "320613"},  # 南通市崇川区
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 200, response.data
    for prefix in ("4201", "3206"):
        supervisor = SupervisorScopeFactory(region_prefix=prefix).user
        overview = api(supervisor).get(OVERVIEW).json()
        assert_figures_equal(overview, reference_figures(chosen(region=prefix)))


@pytest.mark.django_db
def test_a_member_may_not_move_the_enterprise_to_another_region(
    django_capture_on_commit_callbacks,
):
    membership = EnterpriseMembershipFactory(enterprise__region_code="420102")
    client = token_client(membership.user)
    enterprise = membership.enterprise
    response = _edit(
        client,
        enterprise,
        {"region_code": "420104", "address": "武汉市江汉区"},
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 403
    assert "管理员" in response.json()["detail"]
    enterprise.refresh_from_db()
    assert (enterprise.region_code, enterprise.address) == ("420102", "")
    assert not EnterpriseEvent.objects.exists()
    same = _edit(
        client,
        enterprise,
        {"region_code": "420102", "address": "武汉市江汉区"},
        django_capture_on_commit_callbacks,
    )
    assert same.status_code == 200


def _admin_form(client, enterprise) -> tuple[str, dict]:
    """Return the admin change page's address and its form as the browser would post it."""
    url = reverse("admin:enterprises_enterprise_change", args=[enterprise.pk])
    response = client.get(url)
    assert response.status_code == 200
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    for form in forms:
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            if value is not None and value is not False:
                data[form.add_prefix(name)] = value
    return url, data


def test_an_edit_in_the_admin_recounts_like_one_through_the_api(
    client, api, admin_user, network, counted, django_capture_on_commit_callbacks
):
    enterprise = _busiest(network, counted)
    client.force_login(admin_user)
    url, data = _admin_form(client, enterprise)
    data["region_code"] = "320613"
    data["has_lab"] = "" if enterprise.has_lab else "on"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    assert EnterpriseEvent.objects.get(enterprise=enterprise).note == "has_lab, region_code"
    assert_figures_equal(api(admin_user).get(OVERVIEW).json(), reference_figures(chosen()))
    supervisor = SupervisorScopeFactory(region_prefix="4201").user
    assert_figures_equal(
        api(supervisor).get(OVERVIEW).json(), reference_figures(chosen(region="4201"))
    )
