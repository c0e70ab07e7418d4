"""Bad codes typed at registration, on an enterprise, a station, an expert or a
supervisor get a 400 on the field; a code stored earlier stays valid."""

import io

import pytest
from django.core.management import CommandError, call_command

from enterprises.codes import industry_table, region_table
from enterprises.models import Enterprise
from enterprises.validators import check_industry_code
from tests.accounts.test_registration import URL as REGISTER
from tests.accounts.test_registration import registration
from tests.api_support import token_client
from tests.factories import (
    AdminFactory,
    EnterpriseMembershipFactory,
    ExpertFactory,
    StationFactory,
)

pytestmark = pytest.mark.django_db

HAN = "\u4e00-\u9fff"


def has_chinese(messages) -> bool:
    return any(any(HAN[0] <= char <= HAN[-1] for char in message) for message in messages)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("region_code", "999999"),
        ("region_code", "330103"),
        ("industry_code", "A34"),
        ("industry_code", "C0511"),
        ("credit_code", "91350100M000100Y44"),
        ("credit_code", "94420102MA00042019"),
    ],
)
def test_registration_with_a_bad_code_is_400_on_the_nested_field_in_chinese(field, value):
    response = token_client(language="zh-hans").post(
        REGISTER, registration(enterprise={field: value}), format="json"
    )
    assert response.status_code == 400
    errors = response.json()["enterprise"]
    assert list(errors) == [field]
    assert has_chinese(errors[field])
    assert not Enterprise.objects.exists()


def test_registration_with_real_codes_passes_and_stores_the_credit_code_upper_case():
    response = token_client().post(
        REGISTER,
        registration(
            enterprise={
                "credit_code": "91350100m000100y43",
                "region_code": "450206",
                "industry_code": "C1439",
            }
        ),
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert Enterprise.objects.get().credit_code == "91350100M000100Y43"


def owner_client(enterprise):
    return token_client(enterprise.members.get())


@pytest.fixture
def enterprise():
    return EnterpriseMembershipFactory().enterprise


@pytest.mark.parametrize(
    ("field", "value"), [("region_code", "999999"), ("industry_code", "C0511")]
)
def test_changing_an_enterprise_to_an_unknown_code_is_400_on_the_field(enterprise, field, value):
    response = owner_client(enterprise).patch(
        f"/api/v1/enterprises/{enterprise.pk}/", {field: value}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()) == [field]


def test_a_code_stored_before_the_table_dropped_it_stays_valid(enterprise):
    Enterprise.objects.filter(pk=enterprise.pk).update(region_code="330103", industry_code="C34")
    assert "330103" not in region_table()
    response = owner_client(enterprise).patch(
        f"/api/v1/enterprises/{enterprise.pk}/",
        {"region_code": "330103", "address": "杭州市"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    enterprise.refresh_from_db()
    assert (enterprise.region_code, enterprise.address) == ("330103", "杭州市")


def test_a_station_in_no_division_is_400_on_region_code():
    response = token_client(AdminFactory()).patch(
        f"/api/v1/stations/{StationFactory().pk}/", {"region_code": "999999"}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()) == ["region_code"]


def test_an_expert_industry_outside_gb_t_4754_is_400_on_industries():
    expert = ExpertFactory()
    response = token_client(AdminFactory()).patch(
        f"/api/v1/experts/{expert.pk}/", {"industries": ["C17", "A34"]}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()["industries"]) == ["1"]


@pytest.mark.parametrize("prefix", ["99", "4299", "999999"])
def test_a_supervisor_region_of_no_division_is_400_on_region_code(prefix):
    response = token_client(AdminFactory()).post(
        "/api/v1/users/",
        {
            "username": "jianguan",
            "password": "Zhiliang-2026",
            "role": "supervisor",
            "region_code": prefix,
        },
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()) == ["region_code"]


@pytest.fixture
def table_file(settings, tmp_path):
    path = tmp_path / "regions.csv"
    path.write_text("code,name\n420000,湖北省\n420100,武汉市\n420104,硚口区\n", encoding="utf-8")
    settings.REGION_TABLE_FILE = path
    return path


def test_import_regions_replaces_the_table_and_new_codes_are_accepted(table_file, tmp_path):
    newer = tmp_path / "area.csv"
    newer.write_text(
        "code,name,province\n420000,湖北省,42\n420104,硚口区,42\n429004,仙桃市,42\n",
        encoding="utf-8",
    )
    out = io.StringIO()
    call_command("import_regions", str(newer), "--source", "民政部 2026", stdout=out)
    assert "3 divisions: 1 added, 1 no longer listed" in out.getvalue()
    assert set(region_table().names) == {"420000", "420104", "429004"}
    header = table_file.read_text(encoding="utf-8").splitlines()[:2]
    assert "area.csv" in header[0] and header[1] == "# 民政部 2026"


def test_import_regions_refuses_a_table_without_the_provinces(table_file, tmp_path):
    partial = tmp_path / "area.csv"
    partial.write_text("code,name\n420104,硚口区\n", encoding="utf-8")
    with pytest.raises(CommandError, match="province"):
        call_command("import_regions", str(partial), stdout=io.StringIO())
    assert "420100" in region_table()


def test_import_regions_refuses_codes_that_are_not_six_digits(table_file, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("code,name\n420000,湖北省\n4201,武汉市\n", encoding="utf-8")
    with pytest.raises(CommandError, match="six-digit"):
        call_command("import_regions", str(bad), stdout=io.StringIO())


@pytest.fixture
def industry_file(settings, tmp_path):
    path = tmp_path / "industries.csv"
    path.write_text("code,name\nC,制造业\nC17,纺织业\nC171,棉纺织\nC1713,棉印染\n", "utf-8")
    settings.INDUSTRY_TABLE_FILE = path
    return path


def test_import_industries_takes_the_standards_layout_and_new_codes_are_accepted(
    industry_file, tmp_path
):
    newer = tmp_path / "gbt4754.csv"
    newer.write_text(
        "code,name\nA,农、林、牧、渔业\n01,农业\n011,谷物种植\n0111,稻谷种植\n"
        "C,制造业\n17,纺织业\n171,棉纺织及印染精加工\nC1713,棉印染精加工\n",
        encoding="utf-8",
    )
    out = io.StringIO()
    call_command("import_industries", str(newer), "--source", "国家统计局 2026", stdout=out)
    assert "8 codes: 4 added, 0 no longer listed" in out.getvalue()
    assert industry_table()["C171"] == "棉纺织及印染精加工"
    check_industry_code("A0111")
    assert "# 国家统计局 2026" in industry_file.read_text(encoding="utf-8").splitlines()[:2]


@pytest.mark.parametrize(
    ("rows", "named"),
    [
        ("C,制造业\n171,棉纺织\n", "No parent"),  # a group without its division
        ("17,纺织业\n", "not a section letter"),  # digits before any section
        ("C,制造业\nC17,\n", "no name"),
    ],
)
def test_import_industries_refuses_an_incomplete_table_and_keeps_the_old(
    industry_file, tmp_path, rows, named
):
    bad = tmp_path / "bad.csv"
    bad.write_text("code,name\n" + rows, encoding="utf-8")
    with pytest.raises(CommandError, match=named):
        call_command("import_industries", str(bad), stdout=io.StringIO())
    assert "C1713" in industry_table()


def test_an_industry_code_stored_before_the_table_dropped_it_stays_valid(enterprise, industry_file):
    Enterprise.objects.filter(pk=enterprise.pk).update(industry_code="C3449")
    response = owner_client(enterprise).patch(
        f"/api/v1/enterprises/{enterprise.pk}/",
        {"industry_code": "C3449", "address": "南通市"},
        format="json",
    )
    assert response.status_code == 200, response.json()
