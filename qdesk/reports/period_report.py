"""The reports sent upward for a period: quarterly, half-year, annual, and the target-attainment table."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, AbstractSet, Sequence

from qdesk.core.attainment import Assessment, Status, change, change_words
from qdesk.core.documents import ReportKind, campaign
from qdesk.core.errors import InputError
from qdesk.core.i18n import Msg, msg
from qdesk.core.narratives import Section
from qdesk.core.numbers import NOT_APPLICABLE_TEXT, display
from qdesk.core.periods import Frequency, Period
from qdesk.core.plan import Indicator, Kind, OverUnits, Plan
from qdesk.reports.document import Attachment, ChartSpec, OfficialDocument, TableSpec, date_zh
from qdesk.store.completeness import Arrival, UnitArrival, arrivals
from qdesk.store.database import Store
from qdesk.store.entries import entry_notes, stored_warnings
from qdesk.store.narratives import narratives
from qdesk.store.plans import load_plan
from qdesk.store.rollups import office_measures
from qdesk.store.settings import get_setting
from qdesk.store.status import period_status, statuses_of
from qdesk.store.units import Unit, home_unit, subordinates
from qdesk.views.both_figures import both_figures
from qdesk.views.overview import behind, quarterly_figures, quarters_through, units_total

if TYPE_CHECKING:
    from qdesk.reports.fonts import FontSet
    from qdesk.reports.header import Issue

_NUMERALS = "一二三四五六七八九十"
KEY_INDICATORS = 6
CHART_WIDTH = 156       # mm: the charts are drawn at the width they are printed, the type area's
CHART_MOST_HEIGHT = 200     # mm: the type area is 225 mm tall; room kept for the lines above


@dataclass
class ReportResult:
    path: Path
    fonts: str
    warnings: list[Msg] = field(default_factory=list)
    # Bundled faces printed the body or the title: said once, not a warning about this report.
    stand_ins: Msg | None = None
    doc_number: str = ""        # the 发文字号 printed, "" for none
    issue: Issue | None = None  # what a preview hands to header.take when it is issued


def report_campaign(plan: Plan, unit: Unit) -> str:
    """The campaign the office reports on, named at its own level (core.documents.campaign)."""
    return campaign(plan.title, unit.name, unit.level)


def report_title(kind: ReportKind, issuer: str, period: Period, named: str) -> list[str]:
    """The title as words that a line break must not split (词意完整); the half-year and annual
    ones as the reporting calendar names them (半年工作小结, 全年工作总结和次年工作初步打算)."""
    issued = _issuer_words(issuer)
    match kind:
        case ReportKind.ANNUAL:
            return issued + [f"{period.year}年", named, "全年工作总结和",
                             f"{period.year + 1}年", "工作初步打算"]
        case ReportKind.HALF_YEAR:
            return issued + [period.label_zh(), named, "工作小结"]
        case ReportKind.TARGETS:
            return issued + ["关于", period.label_zh(), named, "目标完成情况的报告"]
        case _:
            return issued + ["关于", period.label_zh(), named, "工作情况的报告"]


def _issuer_words(issuer: str) -> list[str]:
    """盘山县 / 质量强县工作领导小组 / 办公室 (第八师 / 质量强师…): the issuer split where a title
    may break."""
    words: list[str] = []
    rest = issuer
    for tail in ("办公室", "领导小组"):
        if rest.endswith(tail) and rest != tail:
            words.insert(0, tail)
            rest = rest[: -len(tail)]
    for head in ("县", "市", "区", "省", "师", "团"):
        place = rest.find(head)
        if 0 < place < len(rest) - 1:
            return [rest[: place + 1], rest[place + 1:], *words]
    return [rest, *words]


def build_report(store: Store, kind: ReportKind | str, period: Period, out: Path,
                 today: dt.date | None = None, doc_number: int | None = None,
                 register: bool = True, keywords: str = "") -> ReportResult:
    """Build one report as a PDF at `out`; nothing is left behind if it fails.

    It carries the next 发文字号 of the year, or `doc_number` given by hand, which the register
    takes once the PDF is written (`register` False for a preview, which takes none); and
    `keywords` in its metadata (a package's report: the digest of its figures).
    """
    from qdesk.reports import header
    from qdesk.reports.fonts import find_fonts

    today = today or dt.date.today()
    plan = load_plan(store)
    kind = ReportKind.parse(kind)
    kind.check_period(period)
    plan.check_period(period)
    if not Path(out).parent.is_dir():
        raise InputError(msg("the folder {folder} does not exist", "文件夹“{folder}”不存在",
                             folder=str(Path(out).parent)))
    fonts = find_fonts(get_setting(store, "font_dir") or None)
    home = home_unit(store)
    issuer = header.issuing_organ(store, home)
    named = report_campaign(plan, home)
    title = report_title(kind, issuer, period, named)
    issue = header.prepare(store, home, kind.value, "".join(title), today, upward=True,
                           number=doc_number)
    statuses = _PeriodStatuses.gather(store, plan, home, period, today)

    doc = OfficialDocument(fonts, issue.header)
    doc.title(title)
    doc.addressee(get_setting(store, "superior", "上级质量工作领导小组办公室"))
    for paragraph in _opening(plan, statuses, period, kind):
        doc.paragraph(paragraph)
    if kind is not ReportKind.TARGETS:
        _body(doc, store, home, period, kind)
    doc.paragraph("特此报告。")
    table_title = [period.label_zh(), named, "主要指标完成情况表"]
    chart_title = [period.label_zh(), named, "主要指标完成情况图"]
    doc.attachment_note(["".join(table_title), "".join(chart_title)])
    doc.signature(issuer, today)
    notes = entry_notes(store, home, period)
    # A note is printed where it explains: a figure not met, or one that looks unlikely.
    explained = set(stored_warnings(store, plan, home, period)) & set(notes)
    tables = _tables(plan, statuses, home, period, notes, explained)
    if kind is ReportKind.TARGETS and statuses.units:
        tables.append(_arrivals_table(arrivals(store, plan, home, period), len(tables) + 1))
    doc.attach(Attachment(table_title, tables, landscape=True))
    doc.attach(Attachment(chart_title, _charts(store, plan, statuses, home, period, fonts)))
    doc.write(out, "".join(title), issuer, subject=f"{plan.title} {period}", keywords=keywords)
    if register:
        header.take(store, issue)
    return ReportResult(Path(out), fonts.describe(), [*fonts.warnings, *issue.warnings],
                        stand_ins=fonts.stand_in_notice(), doc_number=issue.header.number,
                        issue=issue)


@dataclass
class _PeriodStatuses:
    """The statuses a report is written from: the office's own for the period and for the same
    period a year before, and each subordinate unit's for the period."""

    home: Unit
    now: list[Assessment]
    year_ago: list[Assessment] | None
    units: list[tuple[Unit, list[Assessment]]]

    @classmethod
    def gather(cls, store: Store, plan: Plan, home: Unit, period: Period,
               today: dt.date) -> _PeriodStatuses:
        now = period_status(store, plan, home, period, today)
        earlier = period.year_ago()
        year_ago = (period_status(store, plan, home, earlier, today)
                    if plan.covers(earlier.year) else None)
        below = subordinates(store, home, period)
        statuses = statuses_of(store, plan, below, period, today)
        units = [(u, statuses[u.id]) for u in below]
        return cls(home, now, year_ago, units)

    def shown(self) -> list[Assessment]:
        """The office's indicators the report lists: a retired one only for a period it has a
        figure for."""
        return [a for a in self.now if not a.indicator.retired or a.figure.due]

    def both_figures(self, plan: Plan) -> list[str]:
        """Each indicator the office enters while its units report too, where the two figures
        differ: its name and the sentence that tells them apart (views.both_figures)."""
        units = [u for u, _ in self.units]
        sentences = []
        for n, a in enumerate(self.now):
            total = units_total(a.indicator, [theirs[n] for _, theirs in self.units])
            sentence = both_figures(plan, self.home, a, total, units) if a.figure.due else None
            if sentence:
                sentences.append(f"{a.indicator.name}，{sentence}")
        return sentences


def _names(items: list[Assessment]) -> str:
    return "、".join(a.indicator.name for a in items)


def _opening(plan: Plan, statuses: _PeriodStatuses, period: Period, kind: ReportKind) -> list[str]:
    """The paragraphs the program writes from the figures: counts, shortfalls, year-on-year."""
    due = [a for a in statuses.now if a.figure.due]
    met = [a for a in due if a.status is Status.MET]
    not_met = [a for a in due if a.status is Status.NOT_MET]
    missing = [a for a in due if a.status is Status.NO_DATA]
    none = [a for a in due if a.status is Status.NOT_APPLICABLE]
    text = (f"按照《{plan.title}》确定的{len(statuses.shown())}项量化指标，{period.label_zh()}"
            f"应报送{len(due)}项，已达到目标{len(met)}项")
    if not_met:
        text += f"，未达到目标{len(not_met)}项（{_names(not_met)}）"
    else:
        text += "，无未达标指标"
    if none:
        text += f"，本期无此项{len(none)}项（{_names(none)}）"
    text += f"，未填报{len(missing)}项（{_names(missing)}）。" if missing else "，均已填报。"
    paragraphs = [text + "现将有关情况报告如下："]
    slow = [a for a in due if behind(a)]
    if slow:
        paragraphs.append(f"按年度累计进度，{_names(slow)}等{len(slow)}项指标进度滞后，"
                          "需加大工作力度。")
    both = statuses.both_figures(plan)
    if both:
        paragraphs.append("本级统计数与下级合计数不同的指标：" + "；".join(both) + "。")
    if statuses.year_ago is not None:
        moves = []
        for a, b in zip(statuses.now, statuses.year_ago):
            delta = change(a.measure, b.measure) if a.figure.due else None
            if delta is None or a.indicator.kind is not Kind.RATE:
                continue
            words = change_words(delta, a.indicator, plan.rounding)
            moves.append(f"{a.indicator.name}与上年同期持平" if words == "持平" else
                         f"{a.indicator.name}{a.display}%，比上年同期{words}")
        if moves:
            paragraphs.append("与上年同期相比，" + "；".join(moves) + "。")
    return paragraphs


def _body(doc: OfficialDocument, store: Store, home: Unit, period: Period,
          kind: ReportKind) -> None:
    """The narratives under their headings; the annual summary looks back on the year in its
    first part and ahead to the next in its second, as its title promises."""
    texts = narratives(store, home, period)
    review = [("工作开展情况", [Section.WORK]),
              ("工作亮点和经验做法", [Section.HIGHLIGHTS, Section.PRACTICES]),
              ("存在问题", [Section.PROBLEMS])]
    if kind is ReportKind.ANNUAL:
        doc.heading(1, f"一、{period.year}年工作总结")
        for number, (heading, keys) in enumerate(review):
            doc.heading(2, f"（{_NUMERALS[number]}）{heading}")
            _narrative(doc, texts, keys)
        doc.heading(1, f"二、{period.year + 1}年工作初步打算")
        _narrative(doc, texts, [Section.PLANS])
        return
    for number, (heading, keys) in enumerate([*review, ("下步打算", [Section.PLANS])]):
        doc.heading(1, f"{_NUMERALS[number]}、{heading}")
        _narrative(doc, texts, keys)


def _narrative(doc: OfficialDocument, texts: dict[Section, str], keys: list[Section]) -> None:
    bodies = [texts[k].strip() for k in keys if texts.get(k, "").strip()]
    if not bodies:
        doc.paragraph("本期未填写。")
    for body in bodies:
        for paragraph in (p.strip() for p in body.splitlines()):
            if paragraph:
                doc.paragraph(paragraph)


def _value_text(a: Assessment) -> str:
    if not a.shown:
        return "未填报" if a.figure.due else "—"
    return a.shown


def _tables(plan: Plan, statuses: _PeriodStatuses, home: Unit, period: Period,
            notes: dict[str, str], explained: AbstractSet[str] = frozenset()) -> list[TableSpec]:
    """The office's indicators with last year's figure, the change, who answers for each and,
    in 备注, the note of one not met (its reason) or `explained` (an unlikely figure's
    explanation); then the units' tables, one per kind."""
    rows = []
    ago: Sequence[Assessment | None] = statuses.year_ago or [None] * len(statuses.now)
    listed = [(a, b) for a, b in zip(statuses.now, ago) if not a.indicator.retired or a.figure.due]
    for number, (a, b) in enumerate(listed, start=1):
        ind = a.indicator
        counts = (f"{a.measure.numerator}/{a.measure.denominator}"
                  if a.measure is not None and a.measure.denominator else "—")
        delta = change(a.measure, b.measure) if b is not None and a.figure.due else None
        moved = "—" if delta is None else change_words(delta, ind, plan.rounding, signed=True)
        reason = notes.get(ind.code, "") if a.status is Status.NOT_MET \
            or ind.code in explained else ""
        rows.append([str(number), ind.category, ind.name,
                     a.target.label(ind.unit) if a.target else "—", counts, _value_text(a),
                     _value_text(b) if b is not None and a.figure.due else "—", moved,
                     NOT_APPLICABLE_TEXT if a.status is Status.NOT_APPLICABLE else
                     a.status.label_zh, ind.responsible or "", reason])
    tables = [TableSpec(
        ["序号", "类别", "指标", "目标", "分子/分母", "本期数值", "上年同期", "同比增减", "状态",
         "责任单位", "备注"],
        rows, [3, 6, 18, 8, 8, 7, 7, 7, 6, 11, 14],
        ["center", "center", "left", "center", "center", "center", "center", "center",
         "center", "left", "left"],
        caption=f"一、{home.name}主要指标完成情况（比率指标的同比增减以百分点计）")]
    keys = _key_indicators(plan, period, statuses)
    kinds = [kind for kind in _UNIT_TABLE_KINDS if any(i.kind is kind for i in keys)]
    for number, kind in enumerate(kinds, start=2):
        tables.append(_units_table(plan, statuses, [i for i in keys if i.kind is kind], number,
                                   kind))
    return tables


def _units_word(statuses: _PeriodStatuses) -> str:
    """What a document calls the units below: townships and zones for a county, else 下级单位."""
    if all(unit.level in ("township", "zone") for unit, _ in statuses.units):
        return "各乡镇（街道）和开发区"
    return "各下级单位"


def _arrivals_table(rows: list[UnitArrival], number: int) -> TableSpec:
    """Which subordinate units have reported for the period, how, and on time or late."""
    due = next((r.due for r in rows if r.due), None)
    caption = f"{_NUMERALS[number - 1]}、各下级单位报送情况"
    if due:
        caption += f"（应于{date_zh(due)}前报送）"
    return TableSpec(["序号", "单位", "报送情况", "报送方式", "报送日期"],
                     [[str(i), r.unit.name, r.arrival.label_zh,
                       r.channel.label_zh if r.channel else "—",
                       date_zh(r.made_on) if r.made_on else "—"]
                      for i, r in enumerate(rows, start=1)],
                     [4, 16, 10, 10, 12], caption=caption,
                     emphasis={(i, 2) for i, r in enumerate(rows)
                               if r.arrival is not Arrival.ON_TIME})


_UNIT_TABLE_KINDS = (Kind.RATE, Kind.COUNT, Kind.VALUE)
_KIND_WORDS = {Kind.RATE: "比率指标", Kind.COUNT: "数量指标", Kind.VALUE: "数值指标"}


def _key_indicators(plan: Plan, period: Period, statuses: _PeriodStatuses) -> list[Indicator]:
    """The indicators the units' tables show: of each kind the first few the units report.

    One no unit has a figure for is left out: the units do not enter it, and a column of
    未填报 would say they failed to.
    """
    entered = {a.indicator.code for _, theirs in statuses.units for a in theirs
               if a.figure.due and a.status is not Status.NO_DATA}
    shown = [i for i in plan.indicators if i.code in entered
             and i.over_units is not OverUnits.NONE]
    return [i for kind in _UNIT_TABLE_KINDS
            for i in [i for i in shown if i.kind is kind][:KEY_INDICATORS]]


def _units_table(plan: Plan, statuses: _PeriodStatuses, keys: list[Indicator], number: int,
                 kind: Kind) -> TableSpec:
    """Subordinate units against their own targets on indicators of one kind, ranked by
    targets met, then by the first indicator."""
    scored = []
    for unit, theirs in statuses.units:
        by_code = {a.indicator.code: a for a in theirs}
        cells, short = [], []
        for column, ind in enumerate(keys, start=2):
            a = by_code[ind.code]
            target = f"\n{a.target.label(ind.unit)}" if a.target else ""
            cells.append(f"{_value_text(a)}{target}")
            if a.status is Status.NOT_MET:
                short.append(column)
        met = sum(by_code[i.code].status is Status.MET for i in keys)
        first = by_code[keys[0].code].measure if keys else None
        scored.append((met, first.value if first else Fraction(-1), unit, cells, short))
    scored.sort(key=lambda s: (-s[0], -s[1], s[2].code))
    rows = [[str(rank), unit.name, *cells, f"{met}/{len(keys)}"]
            for rank, (met, _, unit, cells, _) in enumerate(scored, start=1)]
    emphasis = {(row, column) for row, (*_, short) in enumerate(scored) for column in short}
    totals = []
    for ind in keys:
        figures = [a for _, theirs in statuses.units for a in theirs if a.indicator.code == ind.code]
        combined = units_total(ind, figures)
        if combined:
            totals.append(f"{display(combined.value, ind.decimals, plan.rounding)}{ind.unit}")
        elif figures and all(a.status is Status.NOT_APPLICABLE for a in figures):
            totals.append(NOT_APPLICABLE_TEXT)
        else:
            totals.append("—")
    rows.append(["", "合计", *totals, ""])
    return TableSpec(["排名", "单位", *[i.name for i in keys], "达标项数"], rows,
                     [5, 10, *[11] * len(keys), 6],
                     caption=f"{_NUMERALS[number - 1]}、{_units_word(statuses)}"
                             f"{_KIND_WORDS[kind]}完成情况（数值下为该单位目标，黑体为未达标）",
                     emphasis=emphasis)


def _charts(store: Store, plan: Plan, statuses: _PeriodStatuses, home: Unit, period: Period,
            fonts: FontSet) -> list[ChartSpec | str]:
    from qdesk.reports.charts import (Bar, Series, attainment_chart, attainment_height,
                                      attainment_runs, trend_chart, trend_height)
    from qdesk.reports.fonts import Role

    font = fonts[Role.HEI].path
    rates = [a for a in statuses.now if a.indicator.kind is Kind.RATE and a.figure.due]
    bars = [Bar(a.indicator.name, float(a.measure.value) if a.measure else None, a.shown,
                float(a.target.marks[0]) if a.target and a.target.marks else None,
                a.status is Status.MET)
            for a in rates]
    parts: list[ChartSpec | str] = []
    for n, run in enumerate(attainment_runs(bars, CHART_MOST_HEIGHT)):
        height = attainment_height(run)
        title = "主要比率指标完成情况（%）" + ("（续）" if n else "")
        parts.append(ChartSpec(attainment_chart(run, font, CHART_WIDTH, height, title),
                               CHART_WIDTH, height))
    keys = [a.indicator for a in rates if a.indicator.frequency is Frequency.QUARTERLY][:4]
    first_year = max(plan.start_year, period.year - 1)
    quarters = quarters_through(first_year, period)
    measures = office_measures(store, home, keys, period, first_year)
    series = [Series(ind.name, [
        float(m.value) if m else None
        for m in quarterly_figures(ind, quarters, measures.get(ind.code, {}))]) for ind in keys]
    if series and quarters:
        height = trend_height(series)
        parts.append(ChartSpec(trend_chart(quarters, series, font, CHART_WIDTH, height,
                                           "重点比率指标逐季走势（%）"), CHART_WIDTH, height))
    return parts
