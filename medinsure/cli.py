"""Command line: ``medinsure regions`` and ``medinsure compare …``.

Bad input exits with code 2 and one line on stderr; broken data files exit 3.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Sequence

from medinsure.views import words
from medinsure.compare import Comparison, compare
from medinsure.enrollee import Enrollee
from medinsure.errors import DataError, InvalidInput
from medinsure.rules import LEVELS, STATUSES, load_region, region_slugs


class _OneLineParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse prints usage + message; we print one line
        raise _UsageError(message)


class _UsageError(Exception):
    pass


def _number(field: str, unit: str):
    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number ({unit})") from None
        return value
    return parse


def _whole(field: str, unit: str):
    def parse(text: str) -> int:
        try:
            return int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number ({unit})") from None
    return parse


def build_parser() -> argparse.ArgumentParser:
    p = _OneLineParser(prog="medinsure", description=(
        "职工医保个人账户改革与门诊共济计算 / Employee medical-insurance account reform calculator"))
    sub = p.add_subparsers(dest="command", required=True, parser_class=_OneLineParser)
    r = sub.add_parser("regions", help="list regions and how complete their rules are")
    r.add_argument("--json", action="store_true")
    c = sub.add_parser("compare", help="old vs new rules for one enrollee")
    c.add_argument("--region", required=True)
    c.add_argument("--date", required=True, help="YYYY-MM-DD: the rules in force that day are 'new'")
    c.add_argument("--status", required=True, choices=STATUSES)
    c.add_argument("--age", required=True, type=_whole("--age", "years"))
    c.add_argument("--wage", type=_number("--wage", "yuan per month"), help="contribution base, yuan/month")
    c.add_argument("--pension", type=_number("--pension", "yuan per month"), help="yuan/month")
    c.add_argument("--outpatient", type=_number("--outpatient", "yuan per year"), default=0.0,
                   help="yearly in-scope outpatient bill, yuan")
    c.add_argument("--level", choices=LEVELS, default="primary")
    c.add_argument("--out-of-scope", dest="out_of_scope", type=_number("--out-of-scope", "yuan per year"),
                   default=0.0)
    c.add_argument("--retirement-year", dest="retirement_year", type=_whole("--retirement-year", "a year"))
    c.add_argument("--visits", dest="visits", type=_whole("--visits", "visits a year"),
                   help="outpatient visits a year, where a deductible is charged per visit")
    c.add_argument("--account-available", dest="account_available",
                   type=_number("--account-available", "yuan"),
                   help="personal-account money available for this year's in-scope bills, yuan "
                        "(default: this year's credit; 0 = the account pays nothing)")
    c.add_argument("--frozen-credit", dest="frozen_credit", type=_number("--frozen-credit", "yuan per month"),
                   help="the retiree's own monthly credit on the day a rule froze it (南京), yuan/month")
    c.add_argument("--flexible-retiree", dest="flexible_retiree", action="store_true",
                   help="a retiree who was flexibly employed (武汉 66元/月)")
    c.add_argument("--old-date", dest="old_date",
                   help="YYYY-MM-DD: compare with the rules in force that day instead of the day "
                        "before the reform")
    c.add_argument("--lang", choices=("zh", "en"), default="zh")
    c.add_argument("--json", action="store_true")
    return p


_FIELD_TO_OPTION = {"wage_monthly": "--wage", "pension_monthly": "--pension",
                    "outpatient_yearly": "--outpatient", "out_of_scope_yearly": "--out-of-scope",
                    "retirement_year": "--retirement-year", "age": "--age", "status": "--status",
                    "level": "--level", "region": "--region", "date": "--date",
                    "visits_yearly": "--visits", "account_available": "--account-available",
                    "frozen_credit_monthly": "--frozen-credit", "old_date": "--old-date"}


def _regions(as_json: bool) -> str:
    from medinsure.coverage import all_coverage

    rows = [c.to_dict() for c in all_coverage()]
    if as_json:
        return json.dumps(rows, ensure_ascii=False, indent=2)
    lines = [f"{'slug':<13}{'data':<10}{'reform':<12}{'pooling':<12}{'latest':<12}name"]
    for r in rows:
        lines.append(f"{r['slug']:<13}{'complete' if r['complete'] else 'partial':<10}"
                     f"{r['account_reform'] or '?':<12}{r['pooling_start'] or '-':<12}{r['latest_rules']:<12}"
                     f"{r['name_zh']} / {r['name_en']}")
    return "\n".join(lines)


def render_table(c: Comparison, lang: str) -> str:
    """A short readable table with the sources."""
    zh = lang == "zh"
    reg = c.ruleset.region
    title = (f"{reg.name['zh']}：{c.old_date} 的旧规则 vs {c.date} 的新规则（{words.STATUS[c.enrollee.status]['zh']}）"
             if zh else f"{reg.name['en']}: rules of {c.old_date} (old) vs {c.date} (new), "
             f"{words.STATUS[c.enrollee.status]['en']}")
    rows = [
        (("个人账户划入", "Account credit"), c.credit_old, c.credit_new),
        (("门诊统筹报销", "Outpatient pooling reimbursement"), c.reimbursement_old, c.reimbursement_new),
        (("当年现金自付", "Cash paid this year"), c.cash_old, c.cash_new),
    ]
    head = ("项目（元/年）", "旧", "新") if zh else ("item (yuan/year)", "old", "new")
    out = [title, "", f"{head[0]:<34}{head[1]:>14}{head[2]:>14}"]
    for (lzh, len_), old, new in rows:
        out.append(f"{(lzh if zh else len_):<34}{words.money(old, lang):>14}{words.money(new, lang):>14}")
    out.append("")
    out.append(("每年资源增减（新−旧）: " if zh else "Yearly resources gain (new − old): ") + words.money(c.resources_gain, lang))
    out.append(("  其中 账户划入: " if zh else "  of which account credit: ") + words.money(c.gain_from_account, lang)
               + ("；门诊统筹: " if zh else "; outpatient pooling: ") + words.money(c.gain_from_pooling, lang))
    out.append(("当年现金少付（旧−新）: " if zh else "Cash saved this year (old − new): ") + words.money(c.cash_gain, lang))
    be = {"zero": "0", "never": words.NEVER[lang], "unknown": words.UNKNOWN[lang]}.get(
        c.break_even_status, words.money(c.break_even_outpatient, lang))
    out.append(("回本门诊费用（元/年）: " if zh else "Break-even outpatient spending (yuan/year): ") + be)
    for u in c.unknown:
        out.append(("未知 " if zh else "Not known ") + f"{u['field']}: {u['note'][lang]}")
    for n in c.notices:
        out.append(("注意：" if zh else "Note: ") + n[lang])
    out.append("")
    out.append("计算步骤与出处：" if zh else "Steps and sources:")
    for s in c.trace:
        out.append(f"- {s.label[lang]}: {s.formula[lang]}")
        if all(src.startswith("data/") for src in s.sources):
            for r in s.references:
                out.append(f"    {r.cite(lang)}  {r.read_at[0]}")
        else:
            out.append(("    由上列步骤算出：" if zh else "    from the steps: ") + ", ".join(s.sources))
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if args.command == "regions":
            return _print(_regions(args.json))
        enrollee = Enrollee(status=args.status, age=args.age, wage_monthly=args.wage,
                            pension_monthly=args.pension, outpatient_yearly=args.outpatient,
                            level=args.level, out_of_scope_yearly=args.out_of_scope,
                            retirement_year=args.retirement_year, visits_yearly=args.visits,
                            account_available=args.account_available,
                            frozen_credit_monthly=args.frozen_credit,
                            flexible_retiree=args.flexible_retiree)
        result = compare(args.region, args.date, enrollee, old_date=args.old_date)
    except _UsageError as exc:
        print(f"medinsure: error: {exc}", file=sys.stderr)
        return 2
    except InvalidInput as exc:
        option = _FIELD_TO_OPTION.get(exc.field, exc.field)
        what = "missing" if exc.value is None else f"{exc.value!r} is not allowed"
        print(f"medinsure: error: {option}: {what} ({exc.allowed})", file=sys.stderr)
        return 2
    except DataError as exc:
        print(f"medinsure: broken data file: {exc}", file=sys.stderr)
        return 3
    if args.json:
        return _print(json.dumps(result.to_dict(args.lang), ensure_ascii=False, indent=2))
    return _print(render_table(result, args.lang))


def _print(text: str) -> int:
    """Print; a reader that closed the pipe (``| head``) ends the program quietly."""
    try:
        print(text)
        sys.stdout.flush()
    except BrokenPipeError:
        import os
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
