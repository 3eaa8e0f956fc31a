"""The exercises of the account life-cycle page (notebook 05), answered by the library."""

from __future__ import annotations

from medinsure import lifecycle as lc
from medinsure.compare import compare
from medinsure.enrollee import Enrollee
from medinsure.views.lifecycle import describe
from medinsure.views.words import both, money


def lifecycle_exercises() -> list[tuple[dict, dict]]:
    """The life-cycle page's questions and their answers, computed now by the library."""
    retiree = compare("hunan", "2024-01-01", Enrollee(status="retired", age=66, pension_monthly=3500.0))
    move = lc.what_happens("move_to_other_province", 5000.0, 1200.0, "2024-06-01")
    death = lc.what_happens("death", 5000.0, 1200.0, "2024-06-01")
    cash = lc.what_happens("cash_while_insured", 5000.0, 1200.0, "2024-06-01")
    p = lc.balance_projection("wuhan", "2024-01-01", Enrollee(status="retired", age=68, pension_monthly=4166.67),
                              2000.0, 1500.0, 5)
    return [
        (both("湖南省本级退休人员改革后每月划入个人账户多少？", "How much does a Hunan provincial-level retiree get credited each month after the reform?"),
         both(f"每年 {money(retiree.credit_new)} 元，即每月 {money(retiree.credit_new / 12)} 元（解读材料的表：退休 75元）。",
              f"{money(retiree.credit_new, 'en')} yuan a year, i.e. {money(retiree.credit_new / 12, 'en')} a month "
              "(the explainer's table: retired 75 yuan).")),
        (both("医保卡里有 5,000 元、记账户里有 1,200 元，转到外省参保，钱会怎样？",
              "5,000 yuan on the card and 1,200 in the ledger account: what happens on moving to another province?"),
         both(describe(move, "zh"), describe(move, "en"))),
        (both("同样的余额，参保人去世呢？", "The same balances, and the enrollee dies?"),
         both(describe(death, "zh"), describe(death, "en"))),
        (both("仍在参保，能把余额取成现金吗？", "Still insured: can the balance be taken out as cash?"),
         both(describe(cash, "zh"), describe(cash, "en"))),
        (both("武汉 68 岁退休人员（月养老金 4,166.67 元），账户余额 2,000 元，每年从账户付 1,500 元。5 年后按新旧划入办法余额各多少？",
              "A Wuhan retiree aged 68 (pension 4,166.67 a month) has 2,000 yuan in the account and pays 1,500 a "
              "year from it. What is the balance after 5 years with the old and the new credit?"),
         both(f"旧：{money(p.balance_old[-1])} 元；新：{money(p.balance_new[-1])} 元（不计利息）。",
              f"Old: {money(p.balance_old[-1], 'en')} yuan; new: {money(p.balance_new[-1], 'en')} yuan (no interest).")),
    ]
