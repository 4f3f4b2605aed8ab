"""催报通知: the notice to the subordinate units that have not reported for a period, or whose
package was returned, with the deadline the plan's calendar set for it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from qdesk.core.documents import ReportKind, campaign
from qdesk.core.errors import InputError
from qdesk.core.i18n import msg
from qdesk.core.periods import Period
from qdesk.files import check_folder
from qdesk.reports.document import OfficialDocument, date_zh
from qdesk.reports.fonts import find_fonts
from qdesk.reports.header import prepare, take
from qdesk.reports.period_report import ReportResult
from qdesk.store.completeness import UnitArrival, arrivals
from qdesk.store.database import Store
from qdesk.store.plans import load_plan
from qdesk.store.settings import get_setting
from qdesk.store.units import home_unit


def reminder_paragraphs(plan_title: str, period: Period, named: str, missing: list[UnitArrival],
                        reported: int, day: dt.date,
                        returned: list[UnitArrival] | None = None) -> list[str]:
    """The notice's body: what was due and by when, who has not reported, whose package was
    returned and why, what to do now."""
    returned = returned or []
    due = (missing or returned)[0].due
    report = ReportKind.of_period(period.frequency).label_zh
    names = "、".join(a.unit.name for a in missing)
    deadline = f"应于{date_zh(due)}前报送" if due else "应按时报送"
    late = due is not None and day > due
    owing = f"，{names}{'已逾期' if late else ''}尚未报送" if missing else ""
    sent_back = "".join(
        f"{a.unit.name}报送的数据包经审核已退回（退回理由：{a.review.reason}），"
        for a in returned if a.review is not None)
    return [
        f"按照《{plan_title}》确定的报告制度，{period.label_zh()}{named}指标填报表和{report}"
        f"{deadline}。截至{date_zh(day)}，已有{reported}个单位报送{owing}。"
        + (f"{sent_back}请按退回意见更正后重新报送。" if sent_back else ""),
        f"请上述单位高度重视，{'立即' if late else '抓紧'}组织填报，"
        + (f"于{date_zh(due)}前" if due and not late else "尽快")
        + "将填报表和工作情况报送本办公室。",
    ]


def build_reminder(store: Store, period: Period, out: Path, signed: dt.date | None = None,
                   doc_number: int | None = None) -> ReportResult:
    """关于催报<period><campaign>工作情况的通知, addressed to the units that have not reported: a
    downward notice with the 版头 and the next 发文字号 (or `doc_number`), taken once written.
    A unit whose package was returned (store.reviews) is reminded too, with the reason."""
    day = signed or dt.date.today()
    plan = load_plan(store)
    plan.check_period(period)
    home = home_unit(store)
    state = arrivals(store, plan, home, period)
    missing = [a for a in state if not a.reported]
    returned = [a for a in state if a.returned]
    if not state:
        raise InputError(msg("the office has no subordinate units for {period}",
                             "{period}没有应报送的下级单位", period=period.label_zh()))
    if not missing and not returned:
        raise InputError(msg("every unit has reported for {period}: no reminder is needed",
                             "{period}各单位均已报送，无需催报", period=period.label_zh()))
    check_folder(Path(out).parent)
    named = campaign(plan.title, home.name, home.level)
    fonts = find_fonts(get_setting(store, "font_dir") or None)
    title = ["关于催报", period.label_zh(), named, "工作情况的通知"]
    issue = prepare(store, home, "reminder", "".join(title), day, upward=False,
                    number=doc_number)
    issuer = issue.header.organ
    doc = OfficialDocument(fonts, issue.header)
    doc.title(title)
    doc.addressee("、".join(a.unit.name for a in state if not a.reported or a.returned))
    for paragraph in reminder_paragraphs(plan.title, period, named, missing,
                                         len(state) - len(missing), day, returned):
        doc.paragraph(paragraph)
    doc.signature(issuer, day)
    doc.write(out, "".join(title), issuer, subject=str(period))
    take(store, issue)
    return ReportResult(Path(out), fonts.describe(), [*fonts.warnings, *issue.warnings],
                        stand_ins=fonts.stand_in_notice(), doc_number=issue.header.number)
