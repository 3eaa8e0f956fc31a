"""National and regional statistics of the medical-insurance funds: the schema and the loader.

The figures live in ``data/statistics/<area>/<release>/<topic>.yaml`` (``area`` is ``national``
or a region slug; ``release`` keeps the NHSA 快报 (quick report), 公报 (statistical bulletin),
press-briefing and local figures apart). Each file is loaded strictly through
:func:`medinsure.rules.load_parameter_file`; values are keyed by the last day of the year they
describe (year-end balances and counts, flows over that year).

A figure is a number, ``null`` (not found; the entry says what is missing) or a mapping::

    account_net:
      value: 510.18
      derived: {op: difference, of: [account_income, account_spending]}   # DERIVED here
      qualifier: approx | more_than      # "≈", "more than"
      quote: 原文……                      # the source's own words
      ref: 1                            # which of the entry's references (0 = the first)
      note: {zh: …, en: …}

Derived figures are stored with their formula; :func:`medinsure.fund.derived_checks` recomputes
every one. The queries and shares are computed in :mod:`medinsure.fund`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import NamedTuple

from medinsure.errors import DataError
from medinsure.rules.files import (
    Reference,
    ValidationContext,
    check_amount,
    check_bilingual,
    check_keys,
    check_rate,
    data_dir,
    load_parameter_file,
    register_concept,
)
from medinsure.rules.regions import region_slugs

RELEASES = ("gongbao", "kuaibao", "briefing", "local")
"""公报 (final statistical bulletin), 快报 (quick report), NHSA briefing / Xinhua release, local
bureau figure. "Best available" prefers them in this order."""

RELEASE_LABEL = {
    "gongbao": {"zh": "公报", "en": "bulletin"},
    "kuaibao": {"zh": "快报", "en": "quick report"},
    "briefing": {"zh": "发布会/新华社", "en": "briefing"},
    "local": {"zh": "地方数据", "en": "local data"},
}
RELEASE_TITLE = {
    "gongbao": {"zh": "全国医疗保障事业发展统计公报", "en": "NHSA statistical bulletin"},
    "kuaibao": {"zh": "医疗保障事业发展统计快报", "en": "NHSA quick statistical report"},
    "briefing": {"zh": "国家医保局发布/新华社报道", "en": "NHSA release reported by Xinhua"},
    "local": {"zh": "地方医保部门数据", "en": "Local medical-security bureau figures"},
}

UNITS = {
    "100m_yuan": {"zh": "亿元", "en": "100 million yuan"},
    "10k_persons": {"zh": "万人", "en": "10,000 persons"},
    "100m_person_times": {"zh": "亿人次", "en": "100 million person-times"},
    "share": {"zh": "比例", "en": "share"},
    "growth": {"zh": "比上年增长", "en": "growth on the previous year"},
    "count": {"zh": "个", "en": "count"},
}

# topic -> figure -> (unit, required in every entry, label)
_M, _P, _V, _S, _G, _C = "100m_yuan", "10k_persons", "100m_person_times", "share", "growth", "count"
TOPICS: dict[str, dict[str, tuple[str, bool, dict]]] = {
    "insured_counts": {
        "all_insured": (_P, True, {"zh": "基本医保参保人数", "en": "Basic medical insurance enrollees"}),
        "employee_insured": (_P, True, {"zh": "职工医保参保人数", "en": "Employee insurance enrollees"}),
        "in_service": (_P, True, {"zh": "在职职工", "en": "In-service enrollees"}),
        "retired": (_P, True, {"zh": "退休人员", "en": "Retired enrollees"}),
        "employee_insured_change": (_P, False, {"zh": "职工医保参保人数比上年增加",
                                                "en": "Employee enrollees, change on the previous year"}),
        "employee_insured_growth": (_G, False, {"zh": "职工医保参保人数增长", "en": "Employee enrollees, growth"}),
        "in_service_growth": (_G, False, {"zh": "在职职工增长", "en": "In-service enrollees, growth"}),
        "retired_growth": (_G, False, {"zh": "退休人员增长", "en": "Retired enrollees, growth"}),
        "employee_enterprise": (_P, False, {"zh": "企业职工", "en": "Enterprise employees"}),
        "employee_public_sector": (_P, False, {"zh": "机关事业单位", "en": "Government and public institutions"}),
        "employee_flexible_other": (_P, False, {"zh": "灵活就业及其他", "en": "Flexibly employed and others"}),
        "employee_combined_accounts": (_P, False, {"zh": "统账结合", "en": "Pooled fund plus personal account"}),
        "employee_pooling_only": (_P, False, {"zh": "单建统筹", "en": "Pooled fund only (no account)"}),
    },
    "employee_fund": {
        "income": (_M, True, {"zh": "职工医保基金收入", "en": "Employee fund income"}),
        "spending": (_M, True, {"zh": "职工医保基金支出", "en": "Employee fund spending"}),
        "pooled_income": (_M, True, {"zh": "统筹基金收入", "en": "Pooled fund income"}),
        "pooled_spending": (_M, True, {"zh": "统筹基金支出", "en": "Pooled fund spending"}),
        "pooled_net": (_M, True, {"zh": "统筹基金当期结存", "en": "Pooled fund, balance of the year"}),
        "pooled_cumulative": (_M, True, {"zh": "统筹基金累计结存", "en": "Pooled fund, cumulative balance"}),
        "account_income": (_M, True, {"zh": "个人账户收入", "en": "Personal accounts income"}),
        "account_spending": (_M, True, {"zh": "个人账户支出", "en": "Personal accounts spending"}),
        "account_net": (_M, True, {"zh": "个人账户当期结存", "en": "Personal accounts, balance of the year"}),
        "account_cumulative": (_M, True, {"zh": "个人账户累计结存", "en": "Personal accounts, cumulative balance"}),
        "cumulative": (_M, False, {"zh": "职工医保基金累计结存", "en": "Employee fund, cumulative balance"}),
        "collected": (_M, False, {"zh": "征缴收入", "en": "Contributions collected"}),
        "income_growth": (_G, False, {"zh": "基金收入增长", "en": "Fund income, growth"}),
        "spending_growth": (_G, False, {"zh": "基金支出增长", "en": "Fund spending, growth"}),
        "pooled_income_growth": (_G, False, {"zh": "统筹基金收入增长", "en": "Pooled fund income, growth"}),
        "pooled_spending_growth": (_G, False, {"zh": "统筹基金支出增长", "en": "Pooled fund spending, growth"}),
        "pooled_share_stated": (_S, False, {"zh": "统筹基金占累计结余（原文）",
                                            "en": "Pooled fund share of the balance (as stated)"}),
        "account_share_stated": (_S, False, {"zh": "个人账户占累计结余（原文）",
                                             "en": "Account share of the balance (as stated)"}),
        "reform_shift_to_pooling": (_M, False, {"zh": "改革后当年用于加强门诊保障的基金（测算）",
                                                "en": "Money moved to outpatient protection in the reform year (estimate)"}),
    },
    "all_funds": {
        "income": (_M, True, {"zh": "基本医保基金总收入", "en": "All basic insurance funds, income"}),
        "spending": (_M, True, {"zh": "基本医保基金总支出", "en": "All basic insurance funds, spending"}),
        "net": (_M, True, {"zh": "基本医保基金当期结存", "en": "All funds, balance of the year"}),
        "cumulative": (_M, True, {"zh": "基本医保基金累计结存", "en": "All funds, cumulative balance"}),
        "pooled_net_all": (_M, False, {"zh": "统筹基金当期结存（职工+居民）",
                                       "en": "Pooled funds (employee + resident), balance of the year"}),
        "pooled_cumulative_all": (_M, False, {"zh": "统筹基金累计结存（职工+居民）",
                                              "en": "Pooled funds (employee + resident), cumulative balance"}),
    },
    "benefit_use": {
        "outpatient_benefit_uses": (_V, True, {"zh": "职工医保门诊待遇人次",
                                               "en": "Employee outpatient benefit uses"}),
        "outpatient_benefit_growth": (_G, False, {"zh": "门诊待遇人次增长", "en": "Outpatient benefit uses, growth"}),
        "employee_benefit_uses": (_V, False, {"zh": "职工医保享受待遇人次（全部）",
                                              "en": "Employee benefit uses (all kinds)"}),
        "employee_benefit_growth": (_G, False, {"zh": "享受待遇人次增长", "en": "Benefit uses, growth"}),
    },
    "mutual_aid_use": {
        "inprovince_mutual_aid_uses": (_V, False, {"zh": "省内个人账户共济（五年累计）",
                                                   "en": "In-province account mutual aid (5 years)"}),
        "inprovince_mutual_aid_amount": (_M, False, {"zh": "省内个人账户共济金额（五年累计）",
                                                     "en": "In-province account mutual aid, amount (5 years)"}),
        "cross_province_areas": (_C, False, {"zh": "开通跨省共济的统筹地区", "en": "Pooling areas with cross-province mutual aid"}),
    },
}

_FIGURE_KEYS = {"value", "qualifier", "derived", "note", "quote", "ref"}
_QUALIFIERS = ("approx", "more_than")
_OPS = ("difference", "sum", "ratio")
_OPERAND = re.compile(r"^[a-z_]+(@\d{4}(/[a-z]+)?)?$")
_GROWTH_RANGE = (-1.0, 10.0)   # sanity bounds for a growth rate, not a policy number


# --------------------------------------------------------------------------- validation
def _check_value(ctx: ValidationContext, key: str, unit: str, v: object) -> None:
    if unit == "share":
        check_rate(ctx, key, v)
    elif unit == "growth":
        if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float))
                              or not _GROWTH_RANGE[0] <= v <= _GROWTH_RANGE[1]):
            raise ctx.fail(key, f"growth {v!r} must be a share between {_GROWTH_RANGE[0]} and {_GROWTH_RANGE[1]}")
    elif unit == "count":
        if v is not None and (isinstance(v, bool) or not isinstance(v, int) or v < 0):
            raise ctx.fail(key, f"count {v!r} must be a whole number >= 0")
    else:
        check_amount(ctx, key, v)


def _validator(topic: str):
    spec = TOPICS[topic]

    def validate(ctx: ValidationContext, body: dict) -> None:
        if ctx.day is None or (ctx.day + dt.timedelta(days=1)).year != ctx.day.year + 1:
            raise ctx.fail("values", "statistics are keyed by the last day of their year (YYYY-12-31)")
        check_keys(ctx, "", body, {"release", "figures"}, {"release", "figures"})
        release = body["release"]
        if release not in RELEASES:
            raise ctx.fail("release", f"{release!r} is not one of {', '.join(RELEASES)}")
        folder = Path(ctx.rel).parent.name
        if folder != release:
            raise ctx.fail("release", f"{release!r} lies in the folder {folder!r}: keep each release in its own folder")
        figs = body["figures"]
        required = {n for n, (_, req, _) in spec.items() if req}
        check_keys(ctx, "figures", figs, set(spec), required)
        for name, raw in figs.items():
            key = f"figures.{name}"
            unit = spec[name][0]
            if not isinstance(raw, dict):
                _check_value(ctx, key, unit, raw)
                continue
            check_keys(ctx, key, raw, _FIGURE_KEYS, {"value"})
            _check_value(ctx, f"{key}.value", unit, raw["value"])
            if raw.get("qualifier") is not None and raw["qualifier"] not in _QUALIFIERS:
                raise ctx.fail(f"{key}.qualifier", f"{raw['qualifier']!r} is not one of {', '.join(_QUALIFIERS)}")
            if "note" in raw:
                check_bilingual(ctx, f"{key}.note", raw["note"])
            if raw["value"] is None and "note" not in raw:
                raise ctx.fail(f"{key}.note", "the value is null: say what is missing in a note")
            if "quote" in raw and (not isinstance(raw["quote"], str) or not raw["quote"].strip()):
                raise ctx.fail(f"{key}.quote", "must be the source's text")
            if "ref" in raw and (isinstance(raw["ref"], bool) or not isinstance(raw["ref"], int) or raw["ref"] < 0):
                raise ctx.fail(f"{key}.ref", f"{raw['ref']!r} must be an index (0, 1, …) into the references")
            if "derived" in raw:
                d = raw["derived"]
                check_keys(ctx, f"{key}.derived", d, {"op", "of"}, {"op", "of"})
                if d["op"] not in _OPS:
                    raise ctx.fail(f"{key}.derived.op", f"{d['op']!r} is not one of {', '.join(_OPS)}")
                if not isinstance(d["of"], list) or len(d["of"]) != 2 or \
                        not all(isinstance(o, str) and _OPERAND.match(o) for o in d["of"]):
                    raise ctx.fail(f"{key}.derived.of", "two operands: name, name@YYYY or name@YYYY/release")
                if raw["value"] is None:
                    raise ctx.fail(f"{key}.derived", "a derived figure needs its value")
            if raw["value"] is None and any(k in raw for k in ("qualifier", "quote")):
                raise ctx.fail(key, "a null value has no qualifier or quote")

    validate.__name__ = f"validate_{topic}"
    return validate


_REGISTERED: dict[str, object] = {}
for _topic in TOPICS:
    _REGISTERED[_topic] = _validator(_topic)
    register_concept(_topic, _REGISTERED[_topic])


# --------------------------------------------------------------------------- loading
@dataclass(frozen=True)
class Figure:
    """One statistic for one year, area and release."""

    topic: str
    name: str
    area: str
    release: str
    year: int
    value: float | None
    unit: str
    qualifier: str | None
    derived: dict | None
    note: dict | None
    entry_note: dict | None
    quote: str | None
    reference: Reference
    source: str

    @property
    def key(self) -> str:
        return f"{self.topic}.{self.name}"

    @property
    def label(self) -> dict:
        return TOPICS[self.topic][self.name][2]


class Point(NamedTuple):
    """A point of a :func:`series`: year, value (None = not known), unit, reference, release."""

    year: int
    value: float | None
    unit: str
    reference: Reference
    release: str


def statistics_dir() -> Path:
    return data_dir() / "statistics"


def _derived_reference(ref: Reference, formula: str) -> Reference:
    return dataclasses.replace(ref, reliability="DERIVED",
                               note=f"DERIVED here: {formula}" + (f" — {ref.note}" if ref.note else ""))


@cache
def _load(folder: str) -> tuple[Figure, ...]:
    base = Path(folder)
    if not base.is_dir():
        return ()
    areas = {"national", *region_slugs()}
    out: list[Figure] = []
    for path in sorted(base.glob("*/*/*.yaml")):
        area, release = path.parent.parent.name, path.parent.name
        pf = load_parameter_file(path)
        if area not in areas:
            raise DataError(pf.source, "(folder)", f"area {area!r} is neither national nor a region slug")
        for e in pf.entries:
            for name, raw in e["figures"].items():
                m = raw if isinstance(raw, dict) else {"value": raw}
                ref_i = m.get("ref", 0)
                if ref_i >= len(e.references):
                    raise DataError(pf.source, f"figures.{name}.ref",
                                    f"there are only {len(e.references)} references", e.date)
                value = m["value"]
                out.append(Figure(
                    topic=pf.concept, name=name, area=area, release=release, year=e.date.year,
                    value=None if value is None else float(value), unit=TOPICS[pf.concept][name][0],
                    qualifier=m.get("qualifier"), derived=m.get("derived"), note=m.get("note"),
                    entry_note=e.note, quote=m.get("quote"), reference=e.references[ref_i],
                    source=f"{pf.source}@{e.date.isoformat()}"))
    figs = tuple(out)
    index = {(f.topic, f.name, f.area, f.release, f.year): f for f in figs}
    final = []
    for f in figs:
        if f.derived:
            words = []
            for spec in f.derived["of"]:
                n, y, r = operand(spec, f.year, f.release)
                if (f.topic, n, f.area, r, y) not in index or index[(f.topic, n, f.area, r, y)].value is None:
                    raise DataError(f.source.split("@")[0], f"figures.{f.name}.derived.of",
                                    f"{spec!r} names no figure with a value", f.source.split("@")[1])
                words.append(f"{n} {y} {r}")
            sign = {"difference": " − ", "sum": " + ", "ratio": " / "}[f.derived["op"]]
            f = dataclasses.replace(f, reference=_derived_reference(f.reference, sign.join(words)))
        final.append(f)
    return tuple(final)


def load_statistics() -> tuple[Figure, ...]:
    """Every figure in ``data/statistics/`` (validated; raises DataError naming file and key)."""
    return _load(str(statistics_dir()))


def clear_cache() -> None:
    _load.cache_clear()


def operand(spec: str, fig_year: int, fig_release: str) -> tuple[str, int, str]:
    """``name``, ``name@YYYY`` or ``name@YYYY/release`` -> (name, year, release)."""
    name, _, rest = spec.partition("@")
    if not rest:
        return name, fig_year, fig_release
    year, _, release = rest.partition("/")
    return name, int(year), release or fig_release
