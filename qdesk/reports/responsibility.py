"""目标责任书: the targets the office and one of its units sign for a year, the plan's and the
unit's own, with a signature block for each side."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from itertools import zip_longest
from pathlib import Path

from qdesk.core.documents import campaign
from qdesk.core.errors import InputError
from qdesk.core.i18n import msg
from qdesk.core.periods import Period
from qdesk.core.plan import Plan
from qdesk.core.targets import Target
from qdesk.files import check_folder
from qdesk.reports.document import OfficialDocument, date_zh
from qdesk.reports.fonts import find_fonts
from qdesk.reports.header import issuing_organ
from qdesk.reports.layout import CHARS_PER_LINE
from qdesk.reports.period_report import ReportResult
from qdesk.store.database import Store
from qdesk.store.plans import load_plan, unit_targets
from qdesk.store.settings import get_setting
from qdesk.store.units import Unit, find_unit, home_unit

# Where the second party's signature block starts, in characters from the left.
SECOND_PARTY_X = 15


def target_lines(plan: Plan, year: int, own: Mapping[str, Mapping[int | None, Target]]
                 ) -> list[str]:
    """The unit's target for each indicator it is held to in the year: its own where the letter
    sets one (the plan's beside it when they differ), else the plan's."""
    lines = []
    for indicator in plan.indicators:
        if indicator.retired:
            continue
        planned = indicator.target_for(year)
        mine = own.get(indicator.code)
        target = indicator.target_for(year, mine) if mine else planned
        if target is None:
            continue
        text = f"{indicator.name}：{target.label(indicator.unit)}"
        if planned is not None and target != planned:
            text += f"（方案目标{planned.label(indicator.unit)}）"
        lines.append(text)
    return [f"{n}. {text}。" for n, text in enumerate(lines, start=1)]


def signature_rows(first: str, second: str, day: str) -> list[tuple[str, str]]:
    """The two parties' blocks side by side (甲方 left, 乙方 right), each name broken to stay in
    its column and the 负责人 and date lines level across both."""
    def broken(name: str, width: int) -> list[str]:
        return [name[i:i + width] for i in range(0, len(name), width)]
    names = list(zip_longest(broken(first, SECOND_PARTY_X - 1),
                             broken(second, CHARS_PER_LINE - SECOND_PARTY_X), fillvalue=""))
    return [("甲方（盖章）", "乙方（盖章）"), *names, ("负责人（签字）：", "负责人（签字）："),
            ("", ""), (day, day)]


def _unit_for(store: Store, code: str, year: int) -> Unit:
    unit = find_unit(store, code)
    if unit.is_office:
        raise InputError(msg("{code} is the office itself: a responsibility letter is signed "
                             "with one of its units", "{code}是本级单位：目标责任书应与下级单位签订",
                             code=code))
    if not unit.on_roll(Period.year_of(year)):
        raise InputError(msg("{name} was retired before {year}", "{name}在{year}年之前已撤销",
                             name=unit.name, year=year))
    return unit


def build_responsibility(store: Store, code: str, year: int, out: Path,
                         signed: dt.date | None = None) -> ReportResult:
    """<year>年度<campaign>目标责任书 between the office (甲方) and the unit `code` (乙方)."""
    plan = load_plan(store)
    plan.check_period(Period.year_of(year))
    unit = _unit_for(store, code, year)
    check_folder(Path(out).parent)
    home = home_unit(store)
    issuer = issuing_organ(store, home)
    named = campaign(plan.title, home.name, home.level)
    fonts = find_fonts(get_setting(store, "font_dir") or None)
    lines = target_lines(plan, year, unit_targets(store, unit.id))

    doc = OfficialDocument(fonts)
    title = [unit.name, f"{year}年度", named, "目标责任书"]
    doc.title(title)
    doc.columns([(0, f"甲方：{issuer}")])
    doc.columns([(0, f"乙方：{unit.name}")])
    doc.blank()
    doc.paragraph(f"为贯彻落实《{plan.title}》，确保{year}年度{named}各项目标任务完成，"
                  "经甲乙双方协商，签订本目标责任书。")
    doc.heading(1, "一、目标任务")
    doc.paragraph(f"{year}年，乙方应完成以下质量工作目标：" if lines
                  else f"方案未确定{year}年的量化指标目标。")
    for line in lines:
        doc.paragraph(line)
    doc.heading(1, "二、工作责任")
    doc.paragraph("乙方主要负责人是本单位质量工作第一责任人，要把质量工作列入重要议事日程，"
                  "明确分管领导和工作人员，落实工作措施和经费保障。")
    doc.paragraph("乙方按照报告制度，按时报送指标填报表和工作情况，对所报数据的真实性、准确性负责。")
    doc.heading(1, "三、考核奖惩")
    doc.paragraph(f"甲方依据《{plan.title}》及其考核办法，对乙方目标完成情况进行考核，"
                  "考核结果作为评先评优的重要依据。")
    doc.heading(1, "四、附则")
    # The last paragraph goes with the signatures: a page of signatures alone is no part of a
    # document (GB/T 9704 §7.3.5.4).
    day = "　　年　　月　　日" if signed is None else date_zh(signed)
    doc.add_block(doc.paragraph_lines(f"本责任书一式两份，甲乙双方各执一份，自签订之日起生效，"
                                      f"有效期至{year}年12月31日。")
                  + [line for first, second in [("", ""), *signature_rows(issuer, unit.name, day)]
                     for line in doc.column_lines([(0, first or "　"),
                                                   (SECOND_PARTY_X, second or "　")])])
    doc.write(out, "".join(title), issuer, subject=f"{unit.code} {year}")
    return ReportResult(Path(out), fonts.describe(), list(fonts.warnings),
                        stand_ins=fonts.stand_in_notice())
