"""Print the README's table of regions: what the data can compute and what it does not know.

Run: .venv/bin/python tools/regions_table.py   (paste the output into README.md)
"""


from medinsure import Enrollee, compare
from medinsure.app.household import rule_dates
from medinsure.rules import load_region, region_slugs

PEOPLE = {
    "在职 in-service": Enrollee(status="in_service", age=40, wage_monthly=8000, outpatient_yearly=3000),
    "退休 retired": Enrollee(status="retired", age=72, pension_monthly=4000, outpatient_yearly=3000,
                           retirement_year=2010),
    "灵活 flexible": Enrollee(status="flexible", age=40, wage_monthly=6000, outpatient_yearly=3000),
}
FIELDS = {"credit_old": "old credit", "credit_new": "new credit",
          "reimbursement_old": "old OP", "reimbursement_new": "new OP"}


def main() -> None:
    print("| region | account reform | data | latest rules | not known (at the latest rules, primary level) |")
    print("|---|---|---|---|---|")
    for slug in region_slugs():
        reg = load_region(slug)
        latest = rule_dates(slug)[-1]
        gaps = []
        for who, person in PEOPLE.items():
            c = compare(slug, latest, person)
            missing = [FIELDS[u["field"]] for u in c.unknown]
            if missing:
                gaps.append(f"{who}: {', '.join(missing)}")
        reform = (reg.reform_date.isoformat() + ("" if reg.reform_date_exact else " (by)")
                  if reg.reform_date else "not found")
        print(f"| {reg.name['zh']} {reg.name['en']} (`{slug}`) | {reform} | {reg.completeness} | "
              f"{latest} | {'; '.join(gaps) or 'nothing: all four numbers computed'} |")


if __name__ == "__main__":
    main()
