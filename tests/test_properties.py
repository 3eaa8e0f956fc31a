"""Properties that must hold for every region, date, status and bill (hypothesis)."""

import math

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medinsure.compare import Inputs, compute
from medinsure.outpatient import pooled_reimbursement
from medinsure.rules import LEVELS, STATUSES, load_region, region_slugs, rules_for

REGION_DATES = [(slug, day) for slug in region_slugs() for day in load_region(slug).change_dates()]


def population(n, rng, status=None):
    st_codes = rng.integers(0, 3, n) if status is None else np.full(n, status)
    return Inputs(
        status=st_codes.astype(np.int8),
        age=np.where(st_codes == 1, rng.integers(50, 95, n), rng.integers(18, 65, n)),
        wage=rng.uniform(1000, 40000, n),
        pension=rng.uniform(1000, 12000, n),
        retirement_year=rng.integers(1995, 2024, n).astype(float),
        outpatient=rng.choice([0.0, 100.0, 1000.0, 5000.0, 30000.0], n) * rng.uniform(0, 2, n),
        out_of_scope=rng.uniform(0, 500, n),
        level=rng.integers(0, 4, n).astype(np.int8))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(REGION_DATES), st.integers(0, 2**32 - 1))
def test_money_adds_up_and_stays_within_bounds(region_date, seed):
    slug, day = region_date
    rs = rules_for(slug, day)
    x = population(200, np.random.default_rng(seed))
    r = compute(rs, x)
    for regime in ("old", "new"):
        reimb, acct, cash = r[f"reimbursement_{regime}"], r[f"account_paid_{regime}"], r[f"cash_{regime}"]
        known = ~np.isnan(reimb)
        # the fund never pays more than the in-scope bill, nor less than nothing
        assert np.all(reimb[known] <= x.outpatient[known] + 1e-9)
        assert np.all(reimb[known] >= 0)
        # the account pays only in-scope costs and no more than this year's credit
        ok = known & ~np.isnan(acct)
        assert np.all(acct[ok] <= r[f"credit_{regime}"][ok] + 1e-9)
        assert np.all(acct[ok] >= -1e-9)
        # fund + account + cash = the whole bill
        assert np.allclose((reimb + acct + cash)[ok], (x.outpatient + x.out_of_scope)[ok])
        assert np.all(cash[ok] >= x.out_of_scope[ok] - 1e-9)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(REGION_DATES), st.integers(0, 2**32 - 1))
def test_in_service_credits_reconcile_with_contributions(region_date, seed):
    """New rules: the credit is at most the employee's own contribution (employer money all
    goes to the pooled fund, 国办发〔2021〕14号); old rules: at most both contributions."""
    slug, day = region_date
    rs = rules_for(slug, day)
    x = population(200, np.random.default_rng(seed), status=STATUSES.index("in_service"))
    r = compute(rs, x)
    for regime in ("old", "new"):
        credit = r[f"credit_{regime}"]
        own, employer = r[f"own_contribution_{regime}"], r[f"employer_contribution_{regime}"]
        ok = ~np.isnan(credit) & ~np.isnan(own) & ~np.isnan(employer)
        pooled = own + employer - credit
        assert np.all(pooled[ok] >= -1e-6), f"{slug} {day} {regime}: credit exceeds contributions"
    new_rule = rs.new.account.rule_for("in_service")
    if rs.new.account.regime == "new" and new_rule.kind == "share_of_base":
        own_rate = rs.new.rates.employee_rate
        for band in new_rule.bands:
            assert own_rate is None or band.rate <= own_rate + 1e-12


@settings(max_examples=300, deadline=None)
@given(st.floats(0, 1e6), st.floats(0, 1e6), st.floats(0, 5e4), st.floats(0, 1),
       st.one_of(st.just(math.inf), st.floats(0, 1e5)), st.floats(0, 1),
       st.one_of(st.none(), st.floats(1, 1e5)), st.one_of(st.just(math.inf), st.floats(0, 1e5)),
       st.one_of(st.none(), st.floats(0, 1)))
def test_reimbursement_is_capped_bounded_and_never_falls_as_the_bill_grows(a, b, deductible, ratio, cap,
                                                                          high_ratio, high_above, ceiling,
                                                                          beyond):
    lo, hi = sorted((a, b))
    bills = np.array([lo, hi])
    segments = ((np.inf, np.full(2, ratio)),) if high_above is None else (
        (high_above, np.full(2, ratio)), (np.inf, np.full(2, high_ratio)))
    beyond_ratio = None if beyond is None or high_above is not None else np.full(2, beyond)
    paid = pooled_reimbursement(bills, np.full(2, deductible), segments, np.full(2, cap),
                                np.full(2, ceiling), beyond_ratio)
    assert np.all(paid <= bills + 1e-9)          # never above the in-scope bill
    assert np.all(paid <= np.minimum(bills, ceiling) + 1e-9)  # nothing paid above the ceiling
    if beyond_ratio is None:
        assert np.all(paid <= cap + 1e-9)        # never above the cap
    assert np.all(paid >= 0)
    assert paid[1] >= paid[0] - 1e-9             # never decreasing with the bill


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(REGION_DATES), st.sampled_from(range(len(LEVELS))), st.integers(0, 2),
       st.integers(18, 90))
def test_reimbursement_never_falls_as_the_bill_grows_in_every_region(region_date, level, status, age):
    slug, day = region_date
    rs = rules_for(slug, day)
    n = 400
    bills = np.linspace(0, 60000, n)
    x = Inputs(status=np.full(n, status, np.int8), age=np.full(n, age), wage=np.full(n, 8000.0),
               pension=np.full(n, 4000.0), retirement_year=np.full(n, 2010.0), outpatient=bills,
               out_of_scope=np.zeros(n), level=np.full(n, level, np.int8))
    r = compute(rs, x)
    for regime in ("old", "new"):
        reimb = r[f"reimbursement_{regime}"]
        if np.isnan(reimb).any():
            continue
        # account-first schemes: the fund's share grows with the bill once the account is spent
        assert np.all(np.diff(reimb) >= -1e-9), f"{slug} {day} {regime}"
