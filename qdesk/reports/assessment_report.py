"""The assessment's documents: the notice of the results (考核结果的通报) with the ranking table as
its attachment, and the office's own self-evaluation report (自评报告) to its superior."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from qdesk.core.periods import Period
from qdesk.reports.header import prepare, take
from qdesk.reports.document import Attachment, OfficialDocument, TableSpec
from qdesk.reports.fonts import find_fonts
from qdesk.reports.period_report import ReportResult
from qdesk.store.database import Store
from qdesk.store.settings import get_setting
from qdesk.store.status import statuses_of
from qdesk.store.units import home_unit
from qdesk.views.assessment_table import assessment_table, self_score
from qdesk.views.task_ledger import TaskLedger, task_ledger, work_draft

_NUMBERS = "一二三四五六七八九十"


def notice_title(year: int) -> str:
    return f"关于{year}年度质量工作考核结果的通报"


def build_assessment_notice(store: Store, year: int, out: Path,
                            signed: dt.date | None = None, doc_number: int | None = None,
                            register: bool = True) -> ReportResult:
    """关于<year>年度质量工作考核结果的通报: the results in words, the ranking table attached.

    `doc_number` and `register` as for the period reports (period_report.build_report).
    """
    table = assessment_table(store, year)
    home = home_unit(store)
    fonts = find_fonts(get_setting(store, "font_dir") or None)
    title = notice_title(year)
    day = signed or dt.date.today()
    issue = prepare(store, home, "assessment", title, day, upward=False,
                           number=doc_number)
    issuer = issue.header.organ
    doc = OfficialDocument(fonts, issue.header)
    doc.title(title)
    doc.addressee(get_setting(store, "assessment_addressee", "各乡镇（街道）、开发区"))
    doc.paragraph(f"根据《{table.plan.title}》及其考核办法，{issuer}"
                  f"对{len(table.scores)}个单位{table.year_label}质量工作进行了考核。"
                  "现将考核结果通报如下：")
    grades = Counter(s.grade for s in table.scores)
    counts = "，".join(f"{g.grade}等次{grades[g.grade]}个" for g in table.scheme.grades
                      if grades[g.grade])
    doc.heading(1, "一、考核结果")
    doc.paragraph(f"{counts}。" if counts else "无考核对象。")
    for grade in table.scheme.grades:
        names = "、".join(s.name for s in table.scores if s.grade == grade.grade)
        if names:
            doc.paragraph(f"{grade.grade}等次：{names}。")
    vetoed = [s for s in table.scores if s.veto]
    if vetoed:
        doc.paragraph("实行一票否决的单位：" + "；".join(f"{s.name}（{s.veto}）" for s in vetoed)
                      + "。")
    doc.heading(1, "二、有关要求")
    doc.paragraph("各单位要对照考核结果，认真查找质量工作中存在的问题和不足，制定整改措施，"
                  "切实抓好落实，推动质量工作再上新台阶。")
    doc.paragraph("特此通报。")
    attachment = f"{table.year_label}质量工作考核结果"
    doc.attachment_note([attachment])
    doc.signature(issuer, day)
    header = table.header()
    doc.attach(Attachment(attachment, [TableSpec(
        header, table.rows(), [1.2, 4.4, *([2] * len(table.scheme.items)), 1.4, 1.4, 1.6, 1.4],
        ["center", "left", *(["center"] * (len(header) - 2))])], landscape=True))
    doc.write(out, title, issuer, subject=str(year))
    if register:
        take(store, issue)
    return ReportResult(Path(out), fonts.describe(), [*fonts.warnings, *issue.warnings],
                        stand_ins=fonts.stand_in_notice(), doc_number=issue.header.number)


def _task_summary(ledger: TaskLedger) -> list[str]:
    """The year's tasks as the ledger stands at its last quarter: how many are done, on time or
    late, and the progress of each, by category (the 工作开展情况 draft)."""
    rows = ledger.rows
    if not rows:
        return ["方案未列出重点工作任务。"]
    done = [r for r in rows if r.done_on is not None]
    late = [r for r in done if r.task.deadline is not None and r.done_on is not None
            and r.done_on > r.task.deadline]
    going = len(rows) - len(done)
    summary = (f"方案确定的{len(rows)}项重点工作任务中，已完成{len(done)}项"
               + (f"（其中逾期完成{len(late)}项）" if late else "")
               + (f"，尚未完成{going}项。" if going else "，全部完成。"))
    return [summary, *[line for line in work_draft(ledger).splitlines() if line]]


def build_self_evaluation(store: Store, year: int, out: Path,
                          signed: dt.date | None = None, doc_number: int | None = None,
                          register: bool = True) -> ReportResult:
    """The office's 自评报告: its figures against its targets and its score by the same scheme."""
    table, score = self_score(store, year)
    home = home_unit(store)
    fonts = find_fonts(get_setting(store, "font_dir") or None)
    title = f"{home.name}{year}年度质量工作自评报告"
    day = signed or dt.date.today()
    issue = prepare(store, home, "self-evaluation", title, day, upward=True,
                           number=doc_number)
    doc = OfficialDocument(fonts, issue.header)
    doc.title(title)
    doc.addressee(get_setting(store, "superior", "上级质量工作领导小组办公室"))
    doc.paragraph(f"按照《{table.plan.title}》考核办法，我们对{table.year_label}质量工作进行了自评，"
                  f"自评得分{score.total}分，等次为{score.grade}。现将有关情况报告如下：")
    doc.heading(1, "一、主要指标完成情况")
    statuses = statuses_of(store, table.plan, [home], Period.year_of(year))[home.id]
    for n, a in enumerate(statuses, start=1):
        target = a.target.label(a.indicator.unit) if a.target else "无目标"
        value = a.shown or "未填报"
        doc.paragraph(f"（{n}）{a.indicator.name}：{value}，目标{target}，{a.status.label_zh}。")
    doc.heading(1, "二、重点工作任务完成情况")
    ledger = task_ledger(store, table.plan, home, Period.parse(f"{year}Q4"), dt.date.today())
    for said in _task_summary(ledger):
        doc.paragraph(said)
    doc.heading(1, "三、自评得分情况")
    for n, line in enumerate(table.breakdown(score.code), start=1):
        lead = f"{_NUMBERS[n - 1]}是" if n <= len(_NUMBERS) else f"{n}."
        doc.paragraph(f"{lead}{line.name}：{line.how}。".replace("。。", "。"))
    doc.heading(1, "四、存在问题和下步打算")
    lagging = [a.indicator.name for a in statuses if a.status.value == "not-met"]
    doc.paragraph(("未达到目标的指标：" + "、".join(lagging) + "。下一步将针对薄弱环节加强工作。")
                  if lagging else "各项指标均已达到目标。下一步将巩固成果，持续提升质量工作水平。")
    doc.paragraph("特此报告。")
    issuer = issue.header.organ
    doc.signature(issuer, day)
    doc.write(out, title, issuer, subject=str(year))
    if register:
        take(store, issue)
    return ReportResult(Path(out), fonts.describe(), [*fonts.warnings, *issue.warnings],
                        stand_ins=fonts.stand_in_notice(), doc_number=issue.header.number)
