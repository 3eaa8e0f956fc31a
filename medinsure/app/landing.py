"""The start page: every app with a one-line description, the state of the rules, how to cite."""

from __future__ import annotations

import html

import ipywidgets as widgets

from medinsure import __version__
from medinsure.app.catalog import APPS, CITATION, TRAINER_FOLDER, TRAINER_PAGES
from medinsure.app.common import app_builder
from medinsure.rules import load_region, region_slugs
from medinsure.views.html import stylesheet


def rules_compiled() -> str:
    """The latest 'checked' date on any reference in data/ (the day the rules were compiled)."""
    days = []
    for slug in region_slugs():
        reg = load_region(slug)
        refs = list(reg.reform_references)
        for pf in reg.files.values():
            for e in pf.entries:
                refs += e.references
        days += [r.checked for r in refs if r.checked]
    return max(days) if days else "?"


def landing_html() -> str:
    compiled = rules_compiled()
    rows = "".join(
        f"<tr><td><a href='{html.escape(a.notebook)}'><b>{html.escape(a.title['zh'])}</b><br>"
        f"{html.escape(a.title['en'])}</a></td><td>{html.escape(a.description['zh'])}<br>"
        f"<span class='medinsure-other-language'>{html.escape(a.description['en'])}</span></td></tr>" for a in APPS)
    regions = []
    from medinsure.coverage import region_coverage

    for slug in region_slugs():
        reg = load_region(slug)
        mark = "完整 complete" if region_coverage(slug).complete else "部分 partial"
        reform = reg.reform_date.isoformat() if reg.reform_date else "未查到 not found"
        regions.append(f"<tr><td>{html.escape(reg.name['zh'])} {html.escape(reg.name['en'])}</td>"
                       f"<td>{mark}</td><td>{reform}</td></tr>")
    cite = {k: v.format(version=__version__, compiled=compiled) for k, v in CITATION.items()}
    return (
        f"{stylesheet()}<div class='medinsure-landing'>"
        "<h1>职工医保个人账户改革与门诊共济</h1>"
        "<h3 class='medinsure-subtitle'>The employee medical-insurance account reform and "
        "outpatient pooling</h3>"
        "<p>选择一个应用 · Choose an app:</p>"
        f"<table class='medinsure-apps'>{rows}</table>"
        f"<h3>规则数据 · The rules</h3><p>规则数据整理于 {compiled}（来自公开文件的副本，每个数字附出处与可靠性标记）。"
        f"<br>Rules compiled {compiled} from copies of public documents; every number carries its "
        "source and a reliability mark.</p>"
        f"<table class='medinsure-regions'><tr><th>地区 Region</th><th>完整度 Completeness</th>"
        f"<th>账户改革日期 Account reform</th></tr>{''.join(regions)}</table>"
        f"{trainer_html()}"
        f"<h3>如何引用 · How to cite</h3><p>{html.escape(cite['zh'])}<br>"
        f"<span class='medinsure-other-language'>{html.escape(cite['en'])}</span></p></div>")

def trainer_html() -> str:
    """The "For trainers" section: the kit's printable pages, served beside the notebooks by Voila
    (``/voila/files/trainer/…``; the start page is ``/voila/render/00-start.ipynb``)."""
    items = "".join(
        f"<li><a class='medinsure-trainer-link' href='../files/{TRAINER_FOLDER}/{html.escape(name)}.html'>"
        f"<b>{html.escape(title['zh'])}</b> · {html.escape(title['en'])}</a> — {html.escape(what['zh'])} "
        f"<span style='color:#555'>{html.escape(what['en'])}</span></li>" for name, title, what in TRAINER_PAGES)
    return ("<h3>培训者资料 · For trainers</h3><p>开一堂 90 分钟的工作坊所需的材料（可打印）。"
            "<br>What a trainer needs to run a 90-minute workshop (printable).</p>"
            f"<ul class='medinsure-trainer'>{items}</ul>")


@app_builder
def landing_page() -> widgets.HTML:
    return widgets.HTML(landing_html())
