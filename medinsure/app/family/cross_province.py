"""The family app's third tab: cross-province sharing played step by step on the library's
state machine (:class:`medinsure.cross_province.CrossProvinceSharing`)."""

from __future__ import annotations

import datetime as dt

import ipywidgets as widgets

from medinsure import family as fam
from medinsure.app.controls import columns
from medinsure.cross_province import CrossProvinceSharing
from medinsure.errors import InvalidInput
from medinsure.views import cross_province as cpv
from medinsure.views import family as view

# display settings, not policy: the relatives one can play with
_CAST = (("mother", "parent"), ("brother", "sibling"), ("daughter", "child"))


class CrossProvincePlay:
    """Controls ``cp_*`` in ``self.controls``, ``self.quota_box`` to place, :meth:`quota_action`."""

    controls: dict

    def _quota_controls(self, c: dict, style: dict) -> None:
        c["cp_balance"] = widgets.BoundedFloatText(value=5000.0, min=0, max=1_000_000, step=100,
                                                   description="起始余额 Balance", style=style)
        c["cp_who"] = widgets.Dropdown(options=cpv.cast_options(_CAST), value="mother",
                                       description="被共济人 Beneficiary", style=style,
                                       layout=widgets.Layout(width="98%"))
        c["cp_action"] = widgets.Dropdown(options=cpv.ACTIONS, value="link", description="操作 Action", style=style,
                                          layout=widgets.Layout(width="98%"))
        c["cp_use"] = widgets.Dropdown(options=[(f"{v['zh']} {v['en']}", k) for k, v in view.USES.items()],
                                       value="medical_own_burden", description="用途 Use", style=style,
                                       layout=widgets.Layout(width="98%"))
        c["cp_amount"] = widgets.BoundedFloatText(value=1000.0, min=0, max=1_000_000, step=100,
                                                  description="金额 Amount", style=style)
        c["cp_partial"] = widgets.Checkbox(value=False, indent=False,
                                           description="超额部分自付 Pay the excess oneself")
        self.cp_do = widgets.Button(description="执行 Do it", button_style="primary")
        self.cp_reset = widgets.Button(description="重新开始 Start again", layout=widgets.Layout(width="180px"))
        self.cp_do.on_click(lambda _: self.quota_action())
        self.cp_reset.on_click(lambda _: self._reset_quota())
        self.cp_status = widgets.HTML()
        self.cp_result = widgets.HTML()
        self.cp_log = widgets.HTML()
        self.cp_rules = widgets.HTML()
        form = widgets.VBox([c["cp_balance"], c["cp_who"], c["cp_action"], c["cp_use"], c["cp_amount"],
                             c["cp_partial"], widgets.HBox([self.cp_do, self.cp_reset])])
        self.quota_box = widgets.VBox([columns(form, widgets.VBox([self.cp_result, self.cp_status])),
                                       self.cp_log, self.cp_rules])

    def _reset_quota(self, start: str | None = None) -> None:
        first = fam.first_cross_province_day()
        # the first whole month under the notice (display choice)
        nxt = (first.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
        self._quota_day0 = dt.date.fromisoformat(start) if start else nxt
        self.quota = CrossProvinceSharing(float(self.controls["cp_balance"].value), self._quota_day0)
        self.quota_day = self._quota_day0
        self.quota_log: list[tuple[bool, dict]] = []
        self.quota_message: tuple[bool, dict] | None = None
        self._render_quota()

    def quota_action(self, action: str | None = None, who: str | None = None, amount: float | None = None,
                     use: str | None = None) -> bool:
        """Run one action on the cross-province state machine; returns False when it was refused."""
        c = self.controls
        action = action or c["cp_action"].value
        who = who or c["cp_who"].value
        amount = float(c["cp_amount"].value if amount is None else amount)
        use = use or c["cp_use"].value
        q = self.quota
        day = self.quota_day
        rel = dict(_CAST)[who]
        try:
            if action == "link":
                q.link(who, rel, amount, day)
            elif action == "spend":
                q.spend(who, amount, use, day, allow_partial=bool(c["cp_partial"].value))
            elif action == "sharer_spend":
                q.sharer_spend(amount, day, use)
            elif action == "unlink":
                q.unlink(who, day)
            elif action == "unlink_one":
                q.unlink(who, day, sharer_agrees=True, beneficiary_agrees=False)
            elif action == "insurance_change":
                q.insurance_relationship_changed(day)
            elif action == "next_month":
                month = day.strftime("%Y-%m")
                self.quota_day = (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
                q.settle(month, self.quota_day)
            else:
                raise InvalidInput("action", action, "one of the listed actions")
        except InvalidInput as exc:
            self.quota_message = (False, cpv.refusal(exc, action, q.rules))
        else:
            self.quota_message = (True, cpv.event_text(q.events[-1]))
        self.quota_log.append(self.quota_message)
        self._render_quota()
        return self.quota_message[0]

    def _render_quota(self) -> None:
        if not hasattr(self, "quota"):
            return
        lang = self.controls["lang"].value
        self.cp_status.value = cpv.status_html(self.quota, self.quota_day, tuple(k for k, _ in _CAST), lang)
        self.cp_result.value = cpv.result_html(self.quota_message, lang)
        self.cp_log.value = cpv.log_html(self.quota_log, lang)
        self.cp_rules.value = cpv.rules_html(self.quota.rules, lang)

