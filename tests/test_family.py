"""Family mutual aid: who may share, what it may pay, the family calculator, and cross-province
sharing as a state machine (seed 002: 国家医保局 财政部 医保发〔2025〕35号, as read in a reprinted
explainer; the quotes in comments are converted to simplified characters)."""

import ast
import datetime as dt
import re
import warnings
from pathlib import Path

import numpy as np
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medinsure import Enrollee, compare
from medinsure import family as fam
from medinsure.errors import DataError, InvalidInput
from medinsure.family import (
    CrossProvinceSharing,
    Relative,
    pay_in_order,
    project_family,
)
from medinsure.rules import region_slugs
from medinsure.views.family import reason_text

from .language import chinese_only, figure_texts, widget_texts
from .test_no_policy_numbers_in_code import NOT_POLICY

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
START = "2026-02-01"   # the first whole month after the notice was reported (2026-01-09)


def seed(prefix: str) -> str:
    """The seed's text without the pinyin the copy puts after some characters ("濟(jì)")."""
    found = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not found:
        pytest.skip("shared/seeds not available")
    text = found[0].read_text(encoding="utf-8")
    return re.sub(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňḿ]+\)", "", text)


def machine(balance: float = 5000.0) -> CrossProvinceSharing:
    return CrossProvinceSharing(balance, START)


# =========================================================================== seed 002, word for word
@pytest.mark.parametrize("phrase", [
    "近親屬",                          # scope: near relatives
    "共濟關系可由雙方自愿建立或解除",      # voluntary, both parties
    "參保人醫保關系變動時該關系自動解除",   # automatic dissolution
    "一人可與多人互建共濟關系",           # several links
    "在共濟額度內,共濟人不能再使用該額度的個人賬戶資金",   # ring-fenced
    "關系解除后未使用額度返還共濟人賬戶",   # unused quota returned
    "按月全額清算",                       # monthly settlement in full
    "居民醫保及長期護理保險個人繳費",       # uses: premiums
    "醫保發〔2025〕35號",
    "國辦發〔2024〕38號",
])
def test_the_rules_modelled_are_in_seed_002(phrase):
    assert phrase in seed("002").replace("，", ",")


def test_the_data_records_every_rule_of_seed_002():
    r = fam.cross_province_rules("2026-01-09")
    assert r["relatives"] == "near_relatives"
    assert r["voluntary"] and r["several_links"] and r["ring_fenced"]
    assert r["auto_dissolve_on_insurance_change"] and r["unused_returned_on_end"]
    assert r["settlement"]["frequency"] == "monthly" and r["settlement"]["full_amount"] is True
    assert set(r["uses"]) == {"medical_own_burden", "pharmacy_own_burden", "resident_premium", "ltc_premium"}
    assert r["unilateral_end"] is None and r["quota_limits"] is None  # the notice does not say
    assert r.references[0].number == "医保发〔2025〕35号"
    assert any("shared/seeds/002" in u for u in r.references[0].read_at)


# =========================================================================== the state machine
def test_seed_002_a_link_is_set_up_with_a_near_relative_and_ring_fences_its_quota():
    # "共济关系可由双方自愿建立" ; "在共济额度内，共济人不能再使用该额度的个人账户资金"
    m = machine()
    link = m.link("mother", "parent", 1000, START)
    assert link.state == "active" and m.state_of("mother") == "active"
    assert (m.balance, m.ring_fenced, m.total) == (4000.0, 1000.0, 5000.0)   # 5,000 − 1,000 free
    assert m.events[-1].action == "link" and m.events[-1].rule == "relationship"


@pytest.mark.parametrize("relation", ["spouse", "parent", "child", "sibling", "grandparent", "grandchild"])
def test_seed_002_every_near_relative_may_be_linked(relation):
    m = machine()
    m.link("x", relation, 100, START)
    assert m.state_of("x") == "active"


def test_seed_002_a_link_needs_both_parties():
    with pytest.raises(InvalidInput, match="consent"):
        machine().link("mother", "parent", 1000, START, beneficiary_agrees=False)
    with pytest.raises(InvalidInput, match="consent"):
        machine().link("mother", "parent", 1000, START, sharer_agrees=False)


def test_the_sharer_cannot_be_their_own_beneficiary_and_only_relations_in_the_list_count():
    with pytest.raises(InvalidInput, match="relation"):
        machine().link("me", "self", 100, START)
    with pytest.raises(InvalidInput, match="relation"):
        machine().link("uncle", "uncle", 100, START)


def test_seed_002_one_sharer_may_link_with_several_beneficiaries():
    # "一人可与多人互建共济关系": three links, three separate quotas
    m = machine(5000)
    m.link("mother", "parent", 1000, START)
    m.link("brother", "sibling", 500, START)
    m.link("daughter", "child", 1500, START)
    assert set(m.links) == {"mother", "brother", "daughter"}
    assert (m.balance, m.ring_fenced) == (2000.0, 3000.0)   # 5,000 − (1,000 + 500 + 1,500)
    m.spend("brother", 200, "medical_own_burden", "2026-02-03")
    assert (m.links["mother"].remaining, m.links["brother"].remaining, m.links["daughter"].remaining) == \
        (1000.0, 300.0, 1500.0)    # only the brother's quota moved: 500 − 200


def test_a_second_link_with_the_same_person_is_refused():
    m = machine()
    m.link("mother", "parent", 1000, START)
    with pytest.raises(InvalidInput, match="beneficiary"):
        m.link("mother", "parent", 500, START)


def test_a_quota_cannot_exceed_the_free_balance_or_be_zero():
    m = machine(1000)
    with pytest.raises(InvalidInput, match="quota"):
        m.link("mother", "parent", 1000.01, START)
    with pytest.raises(InvalidInput, match="quota"):
        m.link("mother", "parent", 0, START)
    m.link("mother", "parent", 1000, START)      # exactly the free balance is fine
    assert m.balance == 0.0


@pytest.mark.parametrize("use", ["medical_own_burden", "pharmacy_own_burden", "resident_premium", "ltc_premium"])
def test_seed_002_the_quota_pays_care_drugs_and_the_relatives_contributions(use):
    # "共济资金可用于支付被共济人就医购药的个人负担费用、居民医保及长期护理保险个人缴费"
    m = machine()
    m.link("mother", "parent", 1000, START)
    assert m.spend("mother", 400, use, "2026-02-05") == (400.0, 0.0)
    assert m.links["mother"].remaining == 600.0 and m.balance == 4000.0   # 1,000 − 400; free balance untouched


@pytest.mark.parametrize("use", ["public_health", "fitness", "wellness"])
def test_disallowed_uses_are_refused(use):
    # 国办发〔2021〕14号: "不得用于公共卫生费用、体育健身或养生保健消费等"; seed 002 lists what may be paid
    m = machine()
    m.link("mother", "parent", 1000, START)
    with pytest.raises(InvalidInput, match="use"):
        m.spend("mother", 100, use, "2026-02-05")
    assert m.links["mother"].remaining == 1000.0


def test_spending_above_the_remaining_quota_is_refused_or_paid_up_to_the_quota():
    m = machine()
    m.link("mother", "parent", 1000, START)
    m.spend("mother", 300, "medical_own_burden", "2026-02-05")
    with pytest.raises(InvalidInput, match="amount"):
        m.spend("mother", 800, "medical_own_burden", "2026-02-06")      # only 700 left
    # with allow_partial the quota pays its 700 and 100 is left to the mother: 800 − 700
    assert m.spend("mother", 800, "pharmacy_own_burden", "2026-02-06", allow_partial=True) == (700.0, 100.0)
    assert m.links["mother"].remaining == 0.0


def test_seed_002_the_sharer_cannot_use_the_ring_fenced_money():
    # "在共济额度内，共济人不能再使用该额度的个人账户资金": free balance 5,000 − 1,000 = 4,000
    m = machine()
    m.link("mother", "parent", 1000, START)
    with pytest.raises(InvalidInput, match="amount"):
        m.sharer_spend(4000.01, "2026-02-05")
    assert m.sharer_spend(4000, "2026-02-05") == 4000.0
    assert (m.balance, m.ring_fenced) == (0.0, 1000.0)
    assert m.spend("mother", 1000, "medical_own_burden", "2026-02-06") == (1000.0, 0.0)  # hers to use


def test_the_sharer_may_not_spend_on_excluded_uses_either():
    with pytest.raises(InvalidInput, match="use"):
        machine().sharer_spend(100, "2026-02-05", use="fitness")


def test_seed_002_unused_quota_returns_when_the_link_ends():
    # "关系解除后未使用额度返还共济人账户": 1,000 − 300 spent = 700 back
    m = machine()
    m.link("mother", "parent", 1000, START)
    m.spend("mother", 300, "medical_own_burden", "2026-02-05")
    assert m.unlink("mother", "2026-02-20") == 700.0
    assert m.state_of("mother") == "ended"
    assert (m.balance, m.ring_fenced, m.total) == (4700.0, 0.0, 4700.0)   # 4,000 + 700
    ended = m.history[-1]
    assert (ended.quota, ended.spent, ended.returned) == (1000.0, 300.0, 700.0)
    with pytest.raises(InvalidInput, match="beneficiary"):
        m.spend("mother", 10, "medical_own_burden", "2026-02-21")     # no active link any more


def test_whether_one_party_alone_may_end_a_link_is_not_stated_so_it_is_refused_with_that_reason():
    m = machine()
    m.link("mother", "parent", 1000, START)
    with pytest.raises(InvalidInput, match="consent") as exc:
        m.unlink("mother", "2026-02-20", beneficiary_agrees=False)
    assert "not stated" in str(exc.value)
    assert m.state_of("mother") == "active"


def test_seed_002_a_change_of_the_sharers_insurance_dissolves_every_link_and_returns_the_unused_part():
    # "参保人医保关系变动时该关系自动解除": mother 1,000 − 250 = 750 back; brother 500 untouched
    m = machine()
    m.link("mother", "parent", 1000, START)
    m.link("brother", "sibling", 500, START)
    m.spend("mother", 250, "medical_own_burden", "2026-02-05")
    assert m.insurance_relationship_changed("2026-02-10") == {"mother": 750.0, "brother": 500.0}
    assert m.state_of("mother") == m.state_of("brother") == "dissolved"
    assert m.links == {} and m.balance == 4750.0                       # 3,500 + 750 + 500
    with pytest.raises(InvalidInput, match="beneficiary"):
        m.spend("brother", 10, "medical_own_burden", "2026-02-11")
    m.link("brother", "sibling", 300, "2026-02-12")                     # a new link may follow
    assert m.state_of("brother") == "active"


def test_only_the_listed_transitions_exist():
    assert fam.TRANSITIONS == {(None, "link"): "active", ("active", "spend"): "active",
                               ("active", "unlink"): "ended", ("active", "insurance_change"): "dissolved"}
    m = machine()
    with pytest.raises(InvalidInput, match="state"):
        m._move(None, "spend")


def test_seed_002_spending_is_settled_in_full_every_month():
    # "个人账户跨省共济产生的费用按月全额清算"
    m = machine()
    m.link("mother", "parent", 1000, START)
    m.link("brother", "sibling", 500, START)
    m.spend("mother", 300, "medical_own_burden", "2026-02-05")
    m.spend("brother", 120, "resident_premium", "2026-02-20")
    with pytest.raises(InvalidInput, match="month"):
        m.settle("2026-02")                               # February is not over on 2026-02-20
    m.spend("mother", 50, "pharmacy_own_burden", "2026-03-02")
    s = m.settle("2026-02")
    assert (s.total, s.by_beneficiary) == (420.0, {"mother": 300.0, "brother": 120.0})   # 300 + 120, in full
    with pytest.raises(InvalidInput, match="month"):
        m.settle("2026-02")                               # once only
    assert m.pending("2026-03") == [("mother", dt.date(2026, 3, 2), "pharmacy_own_burden", 50.0)]
    assert m.settle("2026-03", "2026-04-01").total == 50.0
    with pytest.raises(InvalidInput, match="day"):
        m.spend("mother", 10, "medical_own_burden", "2026-03-31")   # the clock does not go back


def test_settlement_does_not_change_what_a_beneficiary_may_still_spend():
    m = machine()
    m.link("mother", "parent", 1000, START)
    m.spend("mother", 300, "medical_own_burden", "2026-02-05")
    m.settle("2026-02", "2026-03-01")
    assert m.links["mother"].remaining == 700.0


def test_cross_province_sharing_does_not_exist_before_the_notice():
    with pytest.raises(InvalidInput, match="date"):
        CrossProvinceSharing(5000, "2025-12-31")


def test_credits_raise_the_free_balance():
    m = machine(0)
    m.credit(180, START)          # 9,000 × 2% = 180 a month
    assert m.balance == 180.0


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(["link", "spend", "sharer", "unlink", "change", "credit"]),
                          st.sampled_from(["a", "b", "c"]), st.floats(0, 3000)), max_size=25))
def test_money_is_neither_created_nor_lost(ops):
    m = machine(5000)
    credited = spent = 0.0
    for op, who, amount in ops:
        try:
            if op == "link":
                m.link(who, "parent", amount, START)
            elif op == "spend":
                paid, _ = m.spend(who, amount, "medical_own_burden", START, allow_partial=True)
                spent += paid
            elif op == "sharer":
                spent += m.sharer_spend(amount, START)
            elif op == "unlink":
                m.unlink(who, START)
            elif op == "change":
                m.insurance_relationship_changed(START)
            else:
                m.credit(amount, START)
                credited += amount
        except InvalidInput:
            pass
        assert m.balance >= -1e-6 and all(l.remaining >= -1e-6 for l in m.links.values())
        assert m.total == pytest.approx(5000 + credited - spent, abs=0.05)


# =========================================================================== who may share, what it pays
def test_the_2021_guidance_covers_spouse_parents_and_children_only():
    # 国办发〔2021〕14号: "参保人员本人及其配偶、父母、子女"
    day = "2024-07-31"
    assert [r for r in fam.RELATIONS if fam.may_share(r, day)] == ["self", "spouse", "parent", "child"]


def test_from_the_2024_guidance_near_relatives_of_the_civil_code_may_share():
    # 国办发〔2024〕38号 + 民法典 第一千零四十五条
    assert all(fam.may_share(r, "2024-08-01") for r in fam.RELATIONS)
    assert fam.scope_on("2024-08-01")["area"] == "in_province"
    assert fam.scope_on("2026-01-09")["area"] == "cross_province"


def test_there_is_no_national_sharing_rule_before_2021_04_22():
    with pytest.raises(InvalidInput, match="date"):
        fam.may_share("spouse", "2021-04-21")


@pytest.mark.parametrize("day", ["2021-04-22", "2024-08-01", "2026-01-09", "2030-01-01"])
def test_public_health_fitness_and_wellness_are_never_paid(day):
    assert [u for u in fam.USES if fam.use_status(u, day) == "forbidden"] == ["public_health", "fitness", "wellness"]


def test_relatives_resident_contributions_went_from_explore_to_allowed_and_ltc_came_in_2026():
    assert fam.use_status("resident_premium", "2024-07-31") == "explore"
    assert fam.use_status("resident_premium", "2024-08-01") == "allowed"
    assert fam.use_status("ltc_premium", "2026-01-08") == "not_listed"
    assert fam.use_status("ltc_premium", "2026-01-09") == "allowed"


def test_unknown_relation_or_use_is_refused():
    with pytest.raises(InvalidInput, match="relation"):
        fam.may_share("cousin", "2025-01-01")
    with pytest.raises(InvalidInput, match="use"):
        fam.use_status("lottery", "2025-01-01")


def test_national_minimum_resident_contribution_by_coverage_year():
    # policy_facts §4.1: ≥380 for 2024 (2023 notice), ≥400 for 2025 (2024 notice); others not found
    assert fam.resident_minimum(2024)[0] == 380.0
    assert fam.resident_minimum(2025)[0] == 400.0
    assert fam.resident_minimum(2023)[0] is None and fam.resident_minimum(2026)[0] is None
    assert fam.resident_minimum(2030)[0] is None         # beyond the data: not known
    assert fam.resident_minimum(2020) == (None, None)    # before the data
    with pytest.raises(InvalidInput, match="coverage_year"):
        fam.resident_minimum("2025")


def test_the_minimum_agrees_with_the_resident_insurance_data_where_both_exist():
    other = ROOT / "data" / "resident" / "national" / "resident_minimum_funding.yaml"
    if not other.exists():
        pytest.skip("no resident data")
    theirs = yaml.safe_load(other.read_text(encoding="utf-8"))["values"]
    for day, v in theirs.items():
        assert fam.resident_minimum(day.year)[0] == v["individual_min"], day


# =========================================================================== the family calculator
def test_pay_in_order_pays_each_cost_in_turn():
    assert pay_in_order(500.0, [300.0, 400.0, 100.0]).tolist() == [300.0, 200.0, 0.0]
    assert pay_in_order(0.0, [10.0]).tolist() == [0.0]
    assert pay_in_order(100.0, []).tolist() == []


def test_the_enrollee_is_paid_first_then_each_relative_contributions_before_care():
    # balance 0 + credit 1,000: own 800 first, then the mother's 400 contribution gets 200, care 0
    s = project_family(0.0, 1000.0, 800.0, [Relative("parent", "resident", 1500, 400)], 2025, 1,
                       dt.date(2025, 3, 1))
    assert [(i.kind, i.paid) for i in s.years[0].items] == [("own_share", 800.0), ("premium", 200.0),
                                                           ("medical", 0.0)]
    assert s.years[0].short == 1700.0 and s.years[0].end == 0.0   # 200 + 1,500 not paid


def wuhan_worker(**kw):
    base = dict(status="in_service", age=45, wage_monthly=9000.0, outpatient_yearly=800.0, level="primary",
                visits_yearly=12)
    base.update(kw)
    return Enrollee(**base)


FAMILY = [Relative("parent", "resident", 1500, 400, name="mother"),
          Relative("sibling", "resident", 500, 400, name="brother")]


def test_a_wuhan_family_over_five_years_old_vs_new_credit():
    p = fam.family_plan("wuhan", "2025-03-01", wuhan_worker(), 3000, FAMILY, years=5)
    # credits: old 9,000 × 3.4% × 12 = 3,672 (ages 36–45); new 9,000 × 2% × 12 = 2,160
    assert (p.old.credit_yearly, p.new.credit_yearly) == (3672.0, 2160.0)
    # own share: new 800 − 85% × 800 = 120 (Wuhan phase 2, primary, no deductible); old: no pooling, 800
    assert (p.old.own_share_yearly, p.new.own_share_yearly) == (800.0, 120.0)
    # new: need 120 + (400 + 1,500) + (400 + 500) = 2,920 a year; 3,000 + 2,160 − 2,920 = 2,240 …
    assert [y.end for y in p.new.years] == [2240.0, 1480.0, 720.0, 0.0, 0.0]
    # 2028: 720 + 2,160 = 2,880 paid of 2,920 (40 short); 2029: 2,160 paid (760 short)
    assert [y.paid for y in p.new.years] == [2920.0, 2920.0, 2920.0, 2880.0, 2160.0]
    assert p.new.first_short_year == 2028
    assert p.new.coverage == pytest.approx(13800 / 14600)   # (3 × 2,920 + 2,880 + 2,160) / (5 × 2,920)
    # old: need 800 + 1,900 + 900 = 3,600 < 3,672 a year: always covered, balance grows by 72
    assert p.old.coverage == 1.0 and [y.end for y in p.old.years][:2] == [3072.0, 3144.0]
    assert c_credits(p) == (compare("wuhan", "2025-03-01", wuhan_worker()).credit_old, 2160.0)


def c_credits(p):
    return p.comparison.credit_old, p.comparison.credit_new


def test_before_august_2024_a_sibling_is_not_covered_and_a_parents_contribution_only_where_explored():
    p = fam.family_plan("wuhan", "2024-03-01", wuhan_worker(), 3000, FAMILY, years=1)
    items = {(i.person, i.kind): i for i in p.new.years[0].items}
    assert not items[(2, "medical")].allowed and "sibling" in reason_text(items[(2, "medical")].reason, "en")
    assert not items[(1, "premium")].allowed and "explored" in reason_text(items[(1, "premium")].reason, "en")
    assert items[(1, "medical")].paid == 1500.0
    assert p.new.years[0].not_allowed == 400 + 400 + 500      # both contributions and the sibling's care
    p2 = fam.family_plan("wuhan", "2024-03-01", wuhan_worker(), 3000, FAMILY, years=1, exploratory_allowed=True)
    items2 = {(i.person, i.kind): i for i in p2.new.years[0].items}
    assert items2[(1, "premium")].paid == 400.0 and not items2[(2, "premium")].allowed


def test_a_resident_contribution_left_to_the_national_minimum_is_unknown_where_the_data_is():
    rel = [Relative("parent", "resident", 0)]
    p = fam.family_plan("wuhan", "2025-03-01", wuhan_worker(outpatient_yearly=0.0), 0, rel, years=2)
    amounts = [[i.amount for i in y.items if i.kind == "premium"][0] for y in p.new.years]
    assert amounts == [400.0, None]          # 2025: 400; 2026: not found
    assert any(u["field"] == "premium 2026" for u in p.unknown)


def test_an_employee_relative_has_no_contribution_to_pay_from_the_account():
    p = fam.family_plan("wuhan", "2025-03-01", wuhan_worker(), 0, [Relative("spouse", "employee", 300)], years=1)
    assert [i.kind for i in p.new.years[0].items] == ["own_share", "medical"]


def test_where_credits_or_outpatient_rules_are_unknown_the_case_is_not_computed():
    # 湖南: the old credit is not in the data (the outpatient rules are, per visit since 2023-06)
    e = Enrollee(status="in_service", age=40, wage_monthly=6000.0, outpatient_yearly=500.0, visits_yearly=12)
    p = fam.family_plan("hunan", "2024-03-01", e, 1000, FAMILY, years=2)
    assert p.old is None and p.new is not None and [u["field"] for u in p.unknown] == ["old: credit"]
    # entering the own share directly: new credit 6,000 × 2% × 12 = 1,440
    p2 = fam.family_plan("hunan", "2024-03-01", e, 1000, FAMILY, years=2, own_share_yearly=500.0)
    assert p2.old is None and p2.new.credit_yearly == 1440.0 and p2.new.own_share_yearly == 500.0


def test_every_region_gives_a_plan_or_says_what_is_unknown():
    for slug in region_slugs():
        p = fam.family_plan(slug, "2025-03-01", wuhan_worker(), 1000, FAMILY, years=2, own_share_yearly=200.0)
        assert p.new is not None or p.unknown, slug


@pytest.mark.parametrize("kwargs, field", [
    (dict(relation="self"), "relation"),
    (dict(relation="cousin"), "relation"),
    (dict(relation="parent", insurance="private"), "insurance"),
    (dict(relation="parent", medical_yearly=-1), "medical_yearly"),
    (dict(relation="parent", premium_yearly=float("nan")), "premium_yearly"),
])
def test_bad_relatives_are_refused(kwargs, field):
    with pytest.raises(InvalidInput, match=field):
        Relative(**kwargs)


@pytest.mark.parametrize("kwargs, field", [
    (dict(years=0), "years"), (dict(years=31), "years"), (dict(start_balance=-1), "start_balance"),
    (dict(date="2025-02-30"), "date"), (dict(own_share_yearly=-5), "own_share_yearly"),
    (dict(relatives=["mother"]), "relatives"),
])
def test_bad_plan_inputs_are_refused(kwargs, field):
    args = dict(region="wuhan", date="2025-03-01", enrollee=wuhan_worker(), start_balance=0, relatives=[])
    args.update(kwargs)
    with pytest.raises(InvalidInput, match=field):
        fam.family_plan(**args)


# =========================================================================== data and code rules
def test_every_mutual_aid_file_loads_with_a_reference_on_every_value():
    for pf in fam.load_all().values():
        for e in pf.entries:
            assert e.references and all(r.read_at for r in e.references)


@pytest.mark.parametrize("concept, find, replace, key", [
    ("mutual_aid_uses", "fitness: forbidden", "fitness: maybe", "uses.fitness"),
    ("mutual_aid_scope", "relatives: [self, spouse, parent, child]", "relatives: [spouse, parent, child]", "relatives"),
    ("mutual_aid_cross_province", "ring_fenced: true", "ring_fenced: yes please", "ring_fenced"),
    ("mutual_aid_resident_premium", "coverage_year: 2025", "coverage_year: 2024", "coverage_year"),
])
def test_the_loader_refuses_a_broken_file_and_names_file_and_key(data_copy, concept, find, replace, key):
    path = data_copy / "national" / "mutual_aid" / f"{concept}.yaml"
    text = path.read_text(encoding="utf-8")
    assert find in text
    path.write_text(text.replace(find, replace, 1), encoding="utf-8")
    with pytest.raises(DataError, match=re.escape(key)) as exc:
        fam.load(concept)
    assert f"{concept}.yaml" in str(exc.value)


def test_the_family_module_holds_no_policy_numbers_or_dates():
    # 30: sanity bound on years; 5: default projection length; 0.005: half a fen (rounding tolerance)
    allowed = set(NOT_POLICY) | {30, 5, 0.005}
    text = (ROOT / "medinsure" / "family.py").read_text(encoding="utf-8")
    found = [f"{n.lineno}: {n.value!r}" for n in ast.walk(ast.parse(text))
             if isinstance(n, ast.Constant) and isinstance(n.value, (int, float))
             and not isinstance(n.value, bool) and n.value not in allowed]
    assert not found
    code = "\n".join(line.split("#")[0] for line in text.splitlines())
    assert not re.search(r"\b(19|20)\d\d-\d\d-\d\d\b", code)


# =========================================================================== the app
@pytest.fixture
def app():
    from medinsure.app.family import family_explainer
    return family_explainer(region="wuhan", date="2025-03-01")


def test_the_app_shows_the_library_numbers(app):
    p = app.result
    assert app.error is None and p.new.credit_yearly == 2160.0
    s = app.sentence.value
    assert "medinsure-sentence" in s and "3,672.00" in s and "2,160.00" in s and "2,920.00" in s
    assert list(np.atleast_2d(app.chart.bars.y)[-1]) == [y.paid for y in p.new.years]  # the live chart (browser)
    assert "国办发〔2024〕38号" in app.rules_now.value


def test_changing_the_date_to_before_august_2024_drops_the_sibling(app):
    app.controls["date"].value = dt.date(2024, 3, 1)
    assert app.result.new.years[0].not_allowed == 400 + 400 + 500
    assert "sibling" in app.year_table.value or "兄弟姐妹" in app.year_table.value


def test_invalid_input_shows_a_message_not_a_traceback(app):
    app.controls["date"].value = None
    assert app.result is None and "medinsure-error" in app.error_box.value and "日期" in app.error_box.value  # the field in words
    app.controls["date"].value = dt.date(2020, 1, 1)          # before any national sharing rule
    assert app.result is None and "Traceback" not in app.error_box.value


def test_every_region_opens(app):
    app.controls["own_mode"].value = "direct"
    for _, slug in app.controls["region"].options:
        app.controls["region"].value = slug
        assert app.error is None, (slug, app.error)


def test_every_region_opens_from_the_bill(app):
    # the bill mode needs the visits where the deductible is per visit (郑州 40元/次, 湖南, 昆明, 山西)
    for _, slug in app.controls["region"].options:
        app.controls["region"].value = slug
        assert app.error is None, (slug, app.error)


@pytest.mark.parametrize("slug", ["hunan", "zhengzhou"])
def test_a_per_visit_deductible_takes_the_visits_from_the_page(app, slug):
    app.controls["region"].value = slug
    app.controls["level"].value = "secondary"                 # where the visits change the result
    assert app.controls["visits"].layout.display is None      # shown where the rules need it
    shares = []
    for visits in (2, 20):
        app.controls["visits"].value = visits
        e = Enrollee(status="in_service", age=45, wage_monthly=9000.0, outpatient_yearly=800.0,
                     level="secondary", visits_yearly=visits)
        c = compare(slug, "2025-03-01", e)
        shares.append(app.result.new.own_share_yearly)
        assert shares[-1] == pytest.approx(800.0 - c.reimbursement_new)
    assert shares[0] < shares[1]                              # more visits, more deductibles paid
    app.controls["own_mode"].value = "direct"                 # no bill, no visits to ask for
    assert app.controls["visits"].layout.display == "none" and app.error is None
    app.controls["own_mode"].value = "bill"
    app.controls["region"].value = "wuhan"
    assert app.controls["visits"].layout.display == "none"


def test_english_leaves_no_chinese_only_text(app):
    app.controls["lang"].value = "en"
    app.quota_action("link", "mother", 1000)
    app.quota_action("spend", "mother", 100, "fitness")
    texts = [t for t in widget_texts(app) if t != "中文"]   # the language switch names itself
    assert not chinese_only(texts), chinese_only(texts)[:5]
    assert not [t for t in app.chart.texts() if re.search(r"[\u3400-\u9fff]", t)]
    assert not [t for t in figure_texts(app.chart.export_chart().fig) if re.search(r"[\u3400-\u9fff]", t)]


def test_charts_draw_without_missing_glyphs(app):
    """The live charts' texts are Chinese in zh (the browser draws them with its CJK font); the
    export, drawn by matplotlib, has every glyph."""
    app.controls["region"].value = "hunan"        # the "old: not found" note
    app.controls["own_mode"].value = "direct"
    app.controls["years"].value = 10
    texts = app.chart.texts()
    assert "旧划入办法：未查到" in texts and all(re.search(r"[\u3400-\u9fff]|^\d{4}$", t) for t in texts), texts
    for lang in ("zh", "en"):
        app.controls["lang"].value = lang
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            app.chart.export("png", "来源 Sources: test footer")
        assert not [w for w in caught if "missing from font" in str(w.message)]


def test_the_quota_sandbox_runs_the_state_machine(app):
    assert app.quota_action("link", "mother", 1000)
    assert app.quota_action("spend", "mother", 300, "medical_own_burden")
    assert not app.quota_action("spend", "mother", 100, "fitness")            # refused, with the rule
    assert "medinsure-refusal" in app.cp_result.value
    assert not app.quota_action("sharer_spend", "mother", 4500)               # 4,000 free
    assert not app.quota_action("unlink_one", "mother")
    assert app.quota_action("insurance_change", "mother")
    assert app.quota.state_of("mother") == "dissolved" and app.quota.balance == 4700.0
    assert app.quota_action("next_month")
    assert app.quota.settled["2026-02"].total == 300.0
    assert app.cp_log.value.count("<li") == 7


def test_notebook_pieces_compute_their_answers():
    from medinsure.app.family import exercises_html, key_numbers, sources_html
    text = exercises_html()
    assert "2,160.00" in text and "3,672.00" in text and "4,000.00" in text and "700.00" in text
    assert "医保发〔2025〕35号" in sources_html()
    p = fam.family_plan("wuhan", "2025-03-01", wuhan_worker(), 3000, FAMILY, years=5)
    assert key_numbers(p).startswith("credit 3,672.00 -> 2,160.00; old 2025: paid 3,600.00")
