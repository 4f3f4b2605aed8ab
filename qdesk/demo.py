"""The demo county: 盘山县 working to the 盘锦 plan, with townships, two years of figures and a group.

Deterministic: the same file every time, so screenshots and tests can rely on it.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from decimal import Decimal
from pathlib import Path
from typing import Any

from qdesk.core.calendar import due_date
from qdesk.core.documents import ReportKind
from qdesk.core.narratives import Section
from qdesk.core.periods import Frequency, Period
from qdesk.core.plan import Indicator, Kind, OverTime, Plan
from qdesk.core.targets import Target
from qdesk.core.tasks import TaskProgress, TaskStatus
from qdesk.plans.library import find_template
from qdesk.plans.template import load_template
from qdesk.store.assessment import add_entry, publish, set_manual_score
from qdesk.store.database import Store
from qdesk.store.entries import EntryInput, set_entries
from qdesk.store.group import NewMember, adjust, create_group
from qdesk.store.group import members as group_members
from qdesk.store.narratives import save_narrative
from qdesk.store.plans import set_unit_target, unit_targets_of
from qdesk.store.setup import build_new, date_as_kept, seed
from qdesk.store.submissions import record_submission
from qdesk.store.tasks import write_progress
from qdesk.store.units import Unit, add_subordinate

PLAN_ID = "panjin-2014"
HOME = ("211122", "盘山县")
YEARS = (2019, 2020)
LATEST = Period.parse("2020Q4")
SUBORDINATES = [
    ("211122001", "高升街道", "township"), ("211122100", "石新镇", "township"),
    ("211122101", "坝墙子镇", "township"), ("211122102", "胡家镇", "township"),
    ("211122103", "沙岭镇", "township"), ("211122104", "甜水镇", "township"),
    ("211122400", "盘山经济开发区", "zone"),
]
SETTINGS = {
    "operator": "县质量办 李晓燕",
    "superior": "盘锦市质量强市工作领导小组办公室",
    "issuing_organ": "盘山县质量强县工作领导小组办公室",
    "organ_code": "盘质强办",
    "signer": "王建国",
    "contact": "李晓燕",
    "contact_phone": "0427-5612345",
    "cc": "盘山县人民政府办公室\n盘山县市场监督管理局",
    "printed_by": "盘山县质量强县工作领导小组办公室",
}


def build_demo(path: Path, force: bool = False) -> dict[str, Any]:
    """Write the demo database to `path` (refused if it exists, unless force); returns a summary."""
    template = find_template(PLAN_ID)
    plan = load_template(template)
    text = template.read_bytes().decode("utf-8-sig")
    summary: dict[str, Any] = {}

    def fill(store: Store) -> None:
        for key, value in SETTINGS.items():
            store.db.table("settings").upsert({"key": key, "value": value}, pk="key")
        seed(store, plan, text, *HOME)
        units = [add_subordinate(store, code, name, level) for code, name, level in SUBORDINATES]
        _unit_targets(store, plan, units)
        home = store.db.table("units").get(1)
        _ledger(store, plan, home["code"])
        entries = _figures(store, plan, Unit(home["id"], home["code"], home["name"],
                                             home["level"], None), units)
        _group(store)
        _assess(store, plan, units)
        summary.update(path=str(path), unit=HOME[1], plan=plan.title, entries=entries,
                       latest=str(LATEST))

    build_new(Path(path), fill, force)
    return summary


def _assess(store: Store, plan: Plan, units: list[Unit]) -> None:
    """The 2019 assessment of the townships, finished and published: the assessor's scores of
    the two manual items, a bonus and a penalty with their reasons and documents."""
    year = YEARS[0]
    rng = random.Random(2019)
    for unit in units:
        for item, most in (("K07", 15), ("K08", 10)):
            points = Decimal(rng.randint(most * 6, most * 10)) / 10
            set_manual_score(store, plan, year, unit.code, item, str(points),
                             "经实地检查和查阅资料评定")
    add_entry(store, plan, year, units[1].code, "bonus", "J01", 1,
              "辖区企业获第五届辽宁省省长质量奖", "辽政发〔2019〕21号")
    add_entry(store, plan, year, units[4].code, "penalty", "F01", 1,
              "食品安全专项检查工作被市政府通报批评", "盘政办发〔2019〕37号")
    publish(store, plan, year)


def _unit_targets(store: Store, plan: Plan, units: list[Unit]) -> None:
    """Each township signs its own 目标责任书: stricter or looser on the first two pass rates."""
    rates = [(i, i.target.low) for i in plan.indicators if i.kind is Kind.RATE and i.target and
             i.target.op == ">=" and i.target.low is not None][:2]
    for n, unit in enumerate(units):
        for shift, (indicator, low) in zip((Decimal(n % 3 - 1), Decimal(2 - n % 2 * 3)), rates):
            bound = min(low + shift, Decimal(100))
            set_unit_target(store, unit.id, unit.code, indicator.code, str(Target(">=", bound)))


def _pick(rng: random.Random, indicator: Indicator, target: Target | None, met: bool,
          big: bool) -> EntryInput:
    """A believable figure for an indicator, meeting its target or not."""
    low = float(target.low) if target and target.low is not None else 90.0
    if indicator.kind is Kind.RATE:
        batches = rng.randint(300, 1500) if big else rng.randint(24, 260)
        if met:
            share = 1.0 if low >= 100 else (low + rng.uniform(0.4, 100 - low)) / 100
            passed = min(batches, math.ceil(batches * share))
        else:
            passed = int(batches * (low - rng.uniform(0.6, 4.5)) / 100)
        return EntryInput(indicator.code, str(passed), str(batches))
    if indicator.kind is Kind.FLAG:
        return EntryInput(indicator.code, value="1" if met else "0")
    if indicator.kind is Kind.COUNT:
        if target and target.op == "==" and target.low is not None:
            return EntryInput(indicator.code, value=str(int(target.low) if met else 1))
        return EntryInput(indicator.code, value=str(int(low) + rng.randint(0, 3) if met
                                                    else max(0, int(low) - 1)))
    value = low + rng.uniform(0.8, 6.5) if met else low - rng.uniform(0.5, 3.0)
    return EntryInput(indicator.code, value=f"{min(value, 100.0) if indicator.unit == '%' else value:.1f}")


def _figures(store: Store, plan: Plan, home: Unit, units: list[Unit]) -> int:
    """Two years of figures: most met, a few not, a few missing; earlier periods submitted."""
    rng = random.Random(20201231)
    own_targets = unit_targets_of(store, [u.id for u in units])
    # What the latest report should show: one figure behind target, one not yet entered.
    quarterly = [i for i in plan.indicators if i.frequency is Frequency.QUARTERLY]
    behind, absent = quarterly[1].code, quarterly[-1].code
    count = 0
    for year in YEARS:
        for period in Period.year_of(year).subperiods(Frequency.QUARTERLY) + [
                Period.year_of(year)]:
            for unit in [home, *units]:
                is_home = unit is home
                if not is_home and period.frequency is Frequency.ANNUAL and rng.random() < 0.5:
                    continue
                items = []
                for indicator in plan.indicators:
                    if indicator.frequency is not period.frequency:
                        continue
                    if not is_home and indicator.over_time is OverTime.LAST:
                        continue
                    if period == LATEST and is_home and indicator.code == absent:
                        continue
                    if not is_home and rng.random() < 0.04:
                        continue
                    target = indicator.target_for(year, own_targets.get(unit.id, {}).get(
                        indicator.code))
                    met = not (period == LATEST and is_home and indicator.code == behind) and \
                        rng.random() > (0.06 if is_home else 0.14)
                    items.append(_pick(rng, indicator, target, met, is_home))
                if items:
                    count += set_entries(store, plan, unit, period, items)
        for period in [*Period.year_of(year).subperiods(Frequency.QUARTERLY),
                       Period.parse(f"{year}H1"), Period.year_of(year)]:
            _narrate(store, home, period)
    for period, report in _submitted():
        record_submission(store, home, period, report, f"{HOME[0]}-{period}.qdpkg")
    _date_as_kept(store, plan, [home, *units])
    return count


# Returns that came in after their report was due: the overview and the report's 报送情况 show
# these two 逾期报送, with the day they came.
_LATE = {("211122100", "2020Q3"): 4, ("211122400", "2019Q4"): 2}


def _date_as_kept(store: Store, plan: Plan, units: list[Unit]) -> None:
    """Dates the figures and the reports upward as the office made them, not on the day the
    demo is built: each unit's figures for a period a few days before its report was due (two
    late, `_LATE`), each report upward the day before it was due. Built today, every township's
    return for 2019 would read 逾期报送, dated years after."""
    rng = random.Random("entered")

    def at(day: dt.date, hour: int) -> str:
        return dt.datetime.combine(day, dt.time(hour, rng.randint(0, 59))).astimezone() \
            .isoformat(timespec="seconds")

    due = {p: due_date(d, p) for d in plan.deadlines
           for year in YEARS for p in Period.year_of(year).subperiods(d.report.frequency)}

    def entered(unit: Unit, period: Period) -> str:
        late = _LATE.get((unit.code, str(period)))
        day = due[period] + dt.timedelta(days=late if late else -rng.randint(2, 9))
        return at(day, rng.randint(9, 16))

    date_as_kept(store, units, entered, lambda period: at(due[period] - dt.timedelta(days=1), 15))


def _submitted() -> list[tuple[Period, ReportKind]]:
    """Everything up to the third quarter of 2020 has gone upward; 2020Q4 is being prepared."""
    result = []
    for year in YEARS:
        for q in Period.year_of(year).subperiods(Frequency.QUARTERLY):
            if q < LATEST:
                result.append((q, ReportKind.QUARTERLY))
        result.append((Period.parse(f"{year}H1"), ReportKind.HALF_YEAR))
    result.append((Period.year_of(2019), ReportKind.ANNUAL))
    return result


_PROGRESS = {
    TaskStatus.NOT_STARTED: "已列入{year}年工作要点，正在制定实施方案",
    TaskStatus.IN_PROGRESS: "{label}召开专题推进会{m}次，牵头单位会同各镇街逐项推进，完成年度计划的{share}%",
    TaskStatus.DONE: "已按方案要求全部完成，相关制度文件印发执行，{label}转入常态化落实",
    TaskStatus.LATE: "受机构改革影响进度滞后，已督促牵头单位制定整改计划，限期完成",
}
# The tasks the ledger shows behind (past their deadline, T12) or done early (T04, T07).
_DONE_EARLY = {"T04": dt.date(2019, 3, 20), "T07": dt.date(2019, 8, 28)}
_BEHIND = {"T12"}


def _ledger(store: Store, plan: Plan, home_code: str) -> None:
    """The county's own task ledger for every quarter: most tasks under way, some done, one late."""
    rows = []
    for year in YEARS:
        for period in Period.year_of(year).subperiods(Frequency.QUARTERLY):
            rng = random.Random(f"ledger {period}")
            quarter = (year - YEARS[0]) * 4 + period.index
            for n, task in enumerate(plan.tasks):
                done_on = _DONE_EARLY.get(task.code)
                if done_on is None and n % 5 == 1 and task.code not in _BEHIND:
                    done_on = dt.date(2020, 6, 10 + n)
                if task.code in _BEHIND and quarter >= 2:
                    status, done_on = TaskStatus.LATE, None
                elif done_on is not None and done_on <= period.end:
                    status = TaskStatus.DONE
                elif quarter == 1 and n % 4 == 3:
                    status, done_on = TaskStatus.NOT_STARTED, None
                else:
                    status, done_on = TaskStatus.IN_PROGRESS, None
                text = _PROGRESS[status].format(
                    year=year, label=period.label_zh(), m=rng.randint(1, 4),
                    share=min(95, 20 * (period.index + 1) + rng.randint(0, 9)))
                rows.append(TaskProgress(task.code, home_code, period, status, text,
                                         done_on if status is TaskStatus.DONE else None))
    write_progress(store, plan, rows, dt.date.today())


_NARRATIVE = {
    Section.WORK: "{label}，全县围绕质量强县目标，组织开展产品质量监督抽查{n}批次，覆盖食品、建材、"
                  "农资等重点行业；开展“质量月”宣传活动{m}场次，发放宣传资料{k}份；对在建大中型"
                  "工程开展质量巡查，督促整改问题{p}项。",
    Section.HIGHLIGHTS: "推行“双随机、一公开”抽查，抽查结果全部向社会公开；{town}试点建立食用农产品"
                        "合格证制度，带动{q}家合作社纳入追溯管理。",
    Section.PRACTICES: "坚持“部门联动、镇街落实”，每季度召开一次领导小组办公室联络员会议，"
                       "逐项对照目标任务调度进度，对滞后指标实行清单管理、限时销号。",
    Section.PROBLEMS: "一是部分镇街抽检批次偏少，样本代表性不足；二是{town}小微企业质量管理基础薄弱，"
                      "个别批次不合格问题反复出现；三是基层质量工作力量不足。",
    Section.PLANS: "下一步，继续加大重点产品监督抽查力度，对不合格企业开展回头看；组织质量提升"
                   "培训{r}场次；督促各镇街按时报送季度数据，确保全年目标任务完成。",
}


def _narrate(store: Store, home: Unit, period: Period) -> None:
    rng = random.Random(str(period))
    towns = [name for _, name, _ in SUBORDINATES]
    values = {"label": period.label_zh(), "n": rng.randint(60, 180), "m": rng.randint(3, 9),
              "k": rng.randint(2000, 8000), "p": rng.randint(5, 30), "q": rng.randint(8, 40),
              "r": rng.randint(2, 6), "town": rng.choice(towns)}
    for section, text in _NARRATIVE.items():
        save_narrative(store, home, period, section, text.format(**values))


_SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段"
_GIVEN = ["建国", "志强", "海波", "丽华", "振宇", "春梅", "文博", "晓东", "国庆", "红霞", "立新",
          "永刚", "秀英", "德明", "玉兰", "刚", "锐", "良", "敏", "军", "伟", "静", "宏伟", "晓燕",
          "成林", "金山", "凤霞", "云飞", "学军", "素莲", "长江", "明辉", "俊杰", "淑珍"]
_MEMBER_UNITS = [
    "县发展和改革局", "县工业和信息化局", "县教育局", "县科技局", "县公安局", "县财政局",
    "县人力资源和社会保障局", "县生态环境分局", "县住房和城乡建设局", "县交通运输局",
    "县农业农村局", "县水利局", "县商务局", "县文化旅游和广播电视局", "县卫生健康局",
    "县应急管理局", "县统计局", "县医疗保障局", "县林业和草原局", "县城市管理综合行政执法局",
    "县税务局", "县营商环境建设局", "县供销合作社", "县融媒体中心", "县市场监督管理局",
    "县政府办公室", "县消防救援大队",
]


def _people(rng: random.Random, count: int) -> list[str]:
    names: list[str] = []
    while len(names) < count:
        name = rng.choice(_SURNAMES) + rng.choice(_GIVEN)
        if name not in names:
            names.append(name)
    return names


def _group(store: Store) -> None:
    """A group of 31 seats made by the county's 2019 notice, then adjusted twice."""
    rng = random.Random(2019)
    names = _people(rng, 40)
    home = store.db.table("units").get(1)
    home_unit = Unit(home["id"], home["code"], home["name"], home["level"], None)
    group = create_group(store, home_unit, "盘山县质量强县工作领导小组", "县市场监督管理局")
    founding = [NewMember("leader", names[0], "县委常委、副县长"),
                NewMember("deputy", names[1], "县政府办公室副主任", "县政府办公室"),
                NewMember("deputy", names[2], "县市场监督管理局局长", "县市场监督管理局")]
    founding += [NewMember("member", names[3 + i], f"{unit}副局长" if unit.endswith("局")
                           else f"{unit}副主任", unit)
                 for i, unit in enumerate(_MEMBER_UNITS)]
    founding.append(NewMember("office-director", names[2], "县市场监督管理局局长",
                              "县市场监督管理局"))
    adjust(store, group, dt.date(2019, 3, 12), "盘县政办发〔2019〕9号",
           "成立盘山县质量强县工作领导小组", add=founding)
    members = {m.name: m.stored_id for m in group_members(store, group)}
    leaving = [members[names[5]], members[names[12]]]
    adjust(store, group, dt.date(2019, 11, 4), "盘县政办发〔2019〕47号",
           "因人事变动调整领导小组成员", remove=leaving,
           add=[NewMember("member", names[31], "县教育局副局长", "县教育局"),
                NewMember("member", names[32], "县农业农村局副局长", "县农业农村局")])
    adjust(store, group, dt.date(2020, 6, 18), "盘县政办发〔2020〕22号",
           "因县政府领导分工调整，调整领导小组组长", remove=[members[names[0]]],
           add=[NewMember("leader", names[33], "县政府副县长")])
