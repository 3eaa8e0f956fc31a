"""Print the README's table of regions from `medinsure regions --json` (medinsure/coverage.py):
what the data can compute at each region's latest rules and what it does not know.

Run: .venv/bin/python tools/regions_table.py   (tests/test_readme_regions.py checks the README)
"""

from medinsure.coverage import all_coverage

WHO = {"in_service": "在职 in-service", "retired": "退休 retired", "flexible": "灵活 flexible"}
FIELDS = {"credit_old": "old credit", "credit_new": "new credit",
          "reimbursement_old": "old OP", "reimbursement_new": "new OP"}
HEADER = ("| region | level | account reform | pooling start | latest rules | in-service & retired | "
          "not known (at the latest rules) |")


def _date(iso: str | None, exact: bool, none: str) -> str:
    if iso is None:
        return none
    return iso + ("" if exact else " (by)")


def table() -> str:
    rows = [HEADER, "|---|---|---|---|---|---|---|"]
    covs = all_coverage()
    for c in covs:
        d = c.to_dict()
        gaps = []
        for status, s in d["statuses"].items():
            if s["unknown"]:
                gaps.append(f"{WHO[status]}: {', '.join(FIELDS[f] for f in s['unknown'])}")
        rows.append(
            f"| {d['name_zh']} {d['name_en']} (`{d['slug']}`) | {d['level']} | "
            f"{_date(d['account_reform'], d['account_reform_exact'], 'not found')} | "
            f"{_date(d['pooling_start'], d['pooling_start_exact'], 'before the reform / not found')} | "
            f"{d['latest_rules']} | {'complete' if d['complete'] else 'partial'} | "
            f"{'; '.join(gaps) or 'nothing: all four numbers computed'} |")
    complete = sum(c.complete for c in covs)
    rows.append("")
    rows.append(f"{len(covs)} regions (incl. the national framework); {complete} complete for "
                "in-service and retired enrollees.")
    return "\n".join(rows)


if __name__ == "__main__":
    print(table())
