"""南京 Nanjing: the mutual-aid outpatient reform of 2023-01-01.

Sources are those of data/regions/nanjing/ and /work/research/nanjing.md. The per-group ratios of
the three spending bands were not found, so outpatient amounts are unknown in the data; the
cases below check what is known (credits, the band bounds, the spending ceiling) and show the
ceiling-versus-cap decision on the data's bounds with hand-made ratios.
"""

import datetime as dt

import numpy as np
import pytest

from medinsure import Enrollee, compare
from medinsure.outpatient import pooled_reimbursement
from medinsure.rules import load_region, rules_on

INF = np.inf


def one(x):
    return np.array([float(x)])


def in_service(age=40, wage=8000.0, **kw):
    return Enrollee(status="in_service", age=age, wage_monthly=wage, **kw)


def retired(age=68, pension=4000.0, **kw):
    return Enrollee(status="retired", age=age, pension_monthly=pension, **kw)


# --------------------------------------------------------------------------- credits
def test_in_service_credit_falls_to_2_percent_on_2023_01_01():
    # base 8,000 (no floor/ceiling known then). 2022-12-31, age 45 ("45周岁及以下" 3%):
    # 8,000 × 3% × 12 = 2,880; age 46 (4%): 3,840. From 2023-01-01: 8,000 × 2% × 12 = 1,920
    assert compare("nanjing", "2022-12-31", in_service(age=45)).credit_new == 2880.0
    assert compare("nanjing", "2022-12-31", in_service(age=46)).credit_new == 3840.0
    c45 = compare("nanjing", "2023-01-01", in_service(age=45))
    c46 = compare("nanjing", "2023-01-01", in_service(age=46))
    assert (c45.credit_old, c45.credit_new) == (2880.0, 1920.0)
    assert (c46.credit_old, c46.credit_new) == (3840.0, 1920.0)


def test_retirees_are_frozen_at_their_december_2022_credit():
    # old (probable): 5.4% of the own pension, 4,000 × 5.4% = 216 a month = 2,592 a year.
    # 2023: "按照2022年12月份本人个人账户划拨金额按月定额划入" → the same 2,592 unless the own
    # December-2022 amount is entered: 230.5 × 12 = 2,766
    assert compare("nanjing", "2022-12-31", retired()).credit_new == 2592.0
    c = compare("nanjing", "2023-01-01", retired())
    assert (c.credit_old, c.credit_new, c.gain_from_account) == (2592.0, 2592.0, 0.0)
    own = compare("nanjing", "2023-01-01", retired(frozen_credit_monthly=230.5))
    assert own.credit_new == 2766.0


def test_someone_retiring_in_2023_gets_5_4_percent_of_the_first_pension_then_fixed():
    # "2023年当年新退休人员按退休当月养老金的5.4%核准划账金额,按月定额划入": pension 5,000 in the
    # retirement month → 270 a month → 3,240 a year (the model applies the 2022-12-31 rule to the
    # pension entered)
    assert compare("nanjing", "2023-09-01", retired(age=60, pension=5000.0)).credit_new == 3240.0


def test_the_retiree_credit_is_unknown_from_2024_01_01():
    # "2024年1月起,退休人员个人账户划拨政策按国家和省相关规定调整": amount not found
    assert compare("nanjing", "2023-12-31", retired()).credit_new == 2592.0
    c = compare("nanjing", "2024-01-01", retired())
    assert c.credit_new is None and c.credit_old == 2592.0
    # in-service still 2%
    assert compare("nanjing", "2024-01-01", in_service(wage=8000.0)).credit_new == 1920.0


# --------------------------------------------------------------------------- outpatient
def test_outpatient_amounts_are_unknown_before_and_after_the_reform():
    # old: parameters by group not found (kind unknown); new: band ratios not found
    e = in_service(outpatient_yearly=3000, level="secondary")
    assert compare("nanjing", "2022-12-31", e).reimbursement_new is None
    c = compare("nanjing", "2023-01-01", e)
    assert c.reimbursement_old is None and c.reimbursement_new is None
    # no spending, nothing to pay: known (no deductible, nothing counted)
    assert compare("nanjing", "2023-01-01", in_service(outpatient_yearly=0)).reimbursement_new == 0.0


def test_the_bands_and_the_15000_ceiling_are_in_the_data():
    op = rules_on(load_region("nanjing"), dt.date(2023, 1, 1)).pooling
    assert [s.up_to for s in op.ratio.in_service.segments] == [1000, 5000, None]
    assert (op.deductible.in_service, op.deductible.retired) == (0, 0)
    assert (op.spending_ceiling.in_service, op.spending_ceiling.retired) == (15000, 15000)
    assert (op.cap.in_service, op.cap.retired) == ("unlimited", "unlimited")


def test_15000_is_a_ceiling_on_spending_not_a_cap_on_payment():
    # nanjing.gov.cn 2025-12-23: "累加限额为15000元…累计费用达到15000元后,额度用尽" (spending).
    # With the top ratios of the published ranges (60% / 85% / 90%, hand-made: the real values were
    # not found) and a yearly bill of 20,000:
    #   ceiling reading: 1,000 × 60% + 4,000 × 85% + 10,000 × 90% = 600 + 3,400 + 9,000 = 13,000
    #   payment-cap reading: 600 + 3,400 + 15,000 × 90% = 17,500 → capped at 15,000
    op = rules_on(load_region("nanjing"), dt.date(2023, 1, 1)).pooling
    bounds = [INF if s.up_to is None else float(s.up_to) for s in op.ratio.in_service.segments]
    segs = tuple(zip(bounds, (one(0.60), one(0.85), one(0.90))))
    ceiling = one(op.spending_ceiling.in_service)
    assert pooled_reimbursement(one(20000), one(0), segs, one(INF), ceiling)[0] == pytest.approx(13000.0)
    assert pooled_reimbursement(one(20000), one(0), segs, one(15000))[0] == pytest.approx(15000.0)
    # the lowest ratios (40% / 60% / 65%) give the smallest yearly maximum, 400 + 2,400 + 6,500 = 9,300
    low = tuple(zip(bounds, (one(0.40), one(0.60), one(0.65))))
    assert pooled_reimbursement(one(30000), one(0), low, one(INF), ceiling)[0] == pytest.approx(9300.0)


def test_the_published_category_b_example_needs_the_missing_band_ratios():
    # http://china-loadcell.com/jiaobanshebei/251.html (a spun copy of a Nanjing FAQ): a retiree buys a
    # drug at a non-community facility; payment standard 12,364.44, 乙类 self-pay 30%:
    # "12364.44*0.7=8655.1元…按门诊统筹待遇比例基金支付". The 8,655.11 enters the bands; 3,709.33 is
    # paid first (out of scope here). The band ratios for retirees were not found: unknown.
    in_scope = round(12364.44 * 0.7, 2)
    assert in_scope == 8655.11
    c = compare("nanjing", "2023-03-01", retired(outpatient_yearly=in_scope, level="secondary",
                                                 out_of_scope_yearly=round(12364.44 - in_scope, 2)))
    assert c.reimbursement_new is None


# --------------------------------------------------------------------------- contributions
def test_the_base_floor_of_4250_applies_from_the_page_of_2023_06_07():
    # wage 3,000: unclamped on 2023-06-06 → 3,000 × 2% × 12 = 720; clamped to 4,250 on 2023-06-07
    # → 4,250 × 2% × 12 = 1,020. Employer 8.8% of 8,000 × 12 = 8,448 from that day (unknown before).
    assert compare("nanjing", "2023-06-06", in_service(wage=3000.0)).credit_new == 720.0
    assert compare("nanjing", "2023-06-07", in_service(wage=3000.0)).credit_new == 1020.0
    assert compare("nanjing", "2023-06-06", in_service()).contributions["employer_new"] is None
    assert compare("nanjing", "2023-06-07", in_service()).contributions["employer_new"] == 8448.0
