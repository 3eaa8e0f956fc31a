"""Command line: ``medinsure regions``, ``medinsure compare …`` and ``medinsure case … --html FILE``.

Bad input exits with code 2 and one line on stderr; broken data files exit 3.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from medinsure.compare import compare
from medinsure.enrollee import Enrollee
from medinsure.errors import DataError, InvalidInput
from medinsure.rules import LEVELS, STATUSES
from medinsure.views.comparison import comparison_dict, render_table


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
    add_case_arguments(c)
    c.add_argument("--json", action="store_true")
    k = sub.add_parser("case", help="one enrollee's comparison as a self-contained HTML page to print")
    add_case_arguments(k)
    k.add_argument("--html", required=True, metavar="FILE", help="the page to write")
    k.add_argument("--base-url", dest="base_url",
                   help="the household app's address; the page's link then opens the case there "
                        "(default: a relative link, ?region=…)")
    return p


def add_case_arguments(c: argparse.ArgumentParser) -> None:
    """The inputs of one case (``compare`` and ``case`` take the same)."""
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


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if args.command == "regions":
            return _print(_regions(args.json))
        result = compare(args.region, args.date, _enrollee(args), old_date=args.old_date)
        if args.command == "case":
            return _print(_write_case(result, args))
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
        return _print(json.dumps(comparison_dict(result, args.lang), ensure_ascii=False, indent=2))
    return _print(render_table(result, args.lang))


def _enrollee(args: argparse.Namespace) -> Enrollee:
    return Enrollee(status=args.status, age=args.age, wage_monthly=args.wage,
                    pension_monthly=args.pension, outpatient_yearly=args.outpatient,
                    level=args.level, out_of_scope_yearly=args.out_of_scope,
                    retirement_year=args.retirement_year, visits_yearly=args.visits,
                    account_available=args.account_available,
                    frozen_credit_monthly=args.frozen_credit,
                    flexible_retiree=args.flexible_retiree)


def _write_case(result, args: argparse.Namespace) -> str:
    """Write the case page to ``--html``; return its path."""
    from pathlib import Path

    from medinsure.views.case import case_html, case_query  # matplotlib: only for this command

    query = case_query(result, args.lang)
    link = f"{args.base_url.split('?')[0]}?{query}" if args.base_url else f"?{query}"
    path = Path(args.html)
    page = case_html(result, args.lang, link)
    try:
        path.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise _UsageError(f"--html: cannot write {path}: {exc.strerror or exc}") from None
    return str(path.resolve())


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
