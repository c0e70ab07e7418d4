"""Account responses the schema fuzzing found undocumented, now answered as documented."""

import pytest

pytestmark = pytest.mark.django_db


def test_invalid_nested_registration_answers_in_the_documented_400_shape(conforming):
    body = {
        "username": "wanglei",
        "password": "Zhiliang-2026",
        "enterprise": {
            "name": "武汉精衡衡器有限公司",
            "credit_code": "not-a-code",
            "region_code": "42",
            "contact_name": "王磊",
            "contact_phone": "phone",
        },
    }
    response = conforming("POST", "/api/v1/auth/register/", body=body)
    assert response.status_code == 400
    assert set(response.json()["enterprise"]) == {"credit_code", "region_code", "contact_phone"}


def test_a_body_that_is_no_object_answers_in_the_documented_400_shape(conforming):
    response = conforming("POST", "/api/v1/auth/token/", body=["demo", "password"])
    assert response.status_code == 400
    assert list(response.json()) == ["non_field_errors"]


def test_a_login_without_expert_or_region_is_shown_as_documented(conforming, world):
    admin = world.users["admin"]
    response = conforming("GET", "/api/v1/users/{id}/", admin, path_parameters={"id": admin.pk})
    assert response.status_code == 200
    assert response.json()["expert_id"] is None
    assert response.json()["region_code"] is None


def test_a_body_of_an_unsupported_media_type_answers_a_documented_415(conforming):
    response = conforming("POST", "/api/v1/auth/token/", body="demo", media_type="text/plain")
    assert response.status_code == 415
