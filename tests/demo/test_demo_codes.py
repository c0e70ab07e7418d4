"""The demo's codes are ones a local expert would accept."""

import pytest

from demo.enterprises import CLUSTERS, demo_enterprises
from demo.places import station_rows
from demo.requests import PROBLEMS, problem
from enterprises.validators import check_credit_code, check_industry_code, check_region_code
from requests_app.choices import Category


@pytest.mark.parametrize("enterprise", demo_enterprises(), ids=lambda e: e.credit_code)
def test_every_demo_enterprise_passes_the_code_checks(enterprise):
    check_credit_code(enterprise.credit_code)
    check_region_code(enterprise.region_code)
    check_industry_code(enterprise.industry_code)
    assert enterprise.credit_code[2:8] == enterprise.region_code


def test_every_demo_station_and_cluster_is_in_a_real_division():
    for _code, _name, _kind, region, *_rest in station_rows():
        check_region_code(region)
    for region, industry, _chain in CLUSTERS.values():
        check_region_code(region)
        check_industry_code(industry)


def test_hanzhengjie_is_placed_in_qiaokou():
    (region,) = [row[3] for row in station_rows() if row[1] == "汉正街质量服务站"]
    assert region == "420104"


def test_only_makers_of_goods_in_the_ccc_catalogue_ask_about_ccc():
    askers = {
        enterprise.industry_code
        for enterprise in demo_enterprises()
        if "CCC" in problem(Category.CERTIFICATION, enterprise.industry_code)[0]
    }
    assert askers and all(code.startswith(("C38", "C39", "C367", "C2911")) for code in askers)
    assert "CCC" not in problem(Category.CERTIFICATION, "C1771")[0]


def test_every_category_has_a_question_for_any_industry():
    assert all("" in questions for questions in PROBLEMS.values())


def test_traders_ask_about_what_they_buy_and_sell_not_about_production():
    traders = {e.industry_code for e in demo_enterprises() if e.industry_code.startswith("F")}
    assert traders
    for code in traders:
        for category in Category.values:
            title, description = problem(category, code)
            assert not any(word in title + description for word in ("生产", "车间", "出厂")), (
                category,
                title,
            )


def test_drug_makers_ask_about_gmp_and_steel_fabricators_about_welds():
    assert (
        "GMP"
        in problem(Category.QUALITY_MANAGEMENT, "C2720")[1]
        + problem(Category.CERTIFICATION, "C2720")[0]
    )
    assert "焊缝" in problem(Category.INSPECTION, "C3311")[0]


def test_demo_people_have_varied_names():
    from demo.experts import demo_experts

    experts = [expert.name for expert in demo_experts()]
    contacts = {enterprise.contact_name for enterprise in demo_enterprises()}
    assert len(set(experts)) == len(experts)
    assert len({name[1:] for name in experts}) == len(experts)  # no two share a given name
    assert not contacts.intersection(experts)
    assert len(contacts) == len(demo_enterprises())
