"""Small builders of core objects for tests."""

import json
import sqlite3

from qdesk.core.documents import ReportKind
from qdesk.core.numbers import Judge, Rounding
from qdesk.core.periods import Frequency
from qdesk.core.plan import Deadline, Indicator, Kind, OverTime, OverUnits, Plan
from qdesk.core.targets import Target
from qdesk.store.audit import chain_hash

SEED_DEADLINES = (Deadline(ReportKind.QUARTERLY, 5, months_after=1),
                  Deadline(ReportKind.HALF_YEAR, 10, month=7),
                  Deadline(ReportKind.ANNUAL, 10, month=12))


def indicator(code="P01", kind=Kind.RATE, target=">= 90", frequency=Frequency.QUARTERLY,
              over_units=None, over_time=None, decimals=2, unit=None, targets=None):
    rate = kind is Kind.RATE
    return Indicator(
        code=code, name=f"指标{code}", category="产品质量", kind=kind,
        unit=unit if unit is not None else ("%" if rate else "项"), decimals=decimals,
        frequency=frequency, target=Target.parse(target) if target else None,
        over_units=OverUnits(over_units or ("ratio" if rate else "sum")),
        over_time=OverTime(over_time or ("ratio" if rate else "sum")),
        targets={y: Target.parse(t) for y, t in (targets or {}).items()},
        numerator="合格批次" if rate else None, denominator="抽查批次" if rate else None)


def plan(*indicators, start=2024, end=2027, rounding=Rounding.HALF_UP, judge=Judge.EXACT,
         deadlines=SEED_DEADLINES):
    return Plan("test-plan", "测试方案", start, end, tuple(indicators or (indicator(),)),
                tuple(deadlines), rounding, judge)


def add_audit_row(store, at, table="entries", key="211122/2020Q4/P03", action="update",
                  old=None, new=None, operator="王强", reason=None, unit_code="211122",
                  period="2020Q4"):
    """A row as the trail keeps it, chained to the row before it, written at a given time (the
    services stamp the clock's)."""
    last = store.conn.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    row = ((last[0] if last else 0) + 1, at, operator, table, key, action,
           old and json.dumps(old), new and json.dumps(new), reason, unit_code, period)
    store.db.execute(
        "INSERT INTO audit (id, at, operator, table_name, row_key, action, old, new, reason,"
        " unit_code, period, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [*row, chain_hash(last[1] if last else None, row)])


INDICATOR_HEADER = ["指标代码", "指标名称", "类别", "类型", "分子名称", "分母名称", "计量单位",
                    "小数位数", "填报频次", "目标值", "2026年目标", "2027年目标"]
INDICATOR_ROWS = [
    ["Z01", "产品质量监督抽查合格率", "产品质量", "比率", "合格批次", "抽查批次", "%", 1, "季度",
     ">= 90", ">= 88", None],
    ["Z02", "扬子杯优质工程数", "工程质量", "计数", None, None, "项", 0, "年度", ">= 4", None,
     None],
    ["Z03", "公共服务质量满意度", "服务质量", "数值", None, None, "分", 1, "半年", "≥80", None,
     ">= 81"],
]
PLAN_SHEET_ROWS = [["方案编号", "jiangdu-2026"], ["方案名称", "江都区质量强区工作方案"],
                   ["文号", "江都政办发〔2026〕8号"], ["起始年份", 2026], ["终止年份", 2030]]


def indicator_workbook(path, rows=None, header=None, plan_rows=PLAN_SHEET_ROWS, title=True):
    """An indicator table as a superior hands it out: a title line, the header, one row each."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "指标"
    if title:
        sheet.append(["江都区质量工作指标表"])
    sheet.append(INDICATOR_HEADER if header is None else header)
    for row in INDICATOR_ROWS if rows is None else rows:
        sheet.append(row)
    if plan_rows:
        plan_sheet = book.create_sheet("方案")
        for row in plan_rows:
            plan_sheet.append(row)
    book.save(path)
    return path


# A district's own plan with targets against a reference figure (高于全省平均水平), as a clerk
# would write it: a quarterly rate above the province's average, an annual value at least it,
# and a fixed target beside them.
REFERENCE_TEMPLATE = """\
format = "qdesk-plan"
version = 1

[plan]
id = "jiangdu-2026"
title = "江都区质量强区工作方案（2026—2027年）"
start_year = 2026
end_year = 2027

[[deadline]]
report = "quarterly"
months_after = 1
day = 5

[[deadline]]
report = "annual"
month = 12
day = 10

[[indicator]]
code = "R01"
name = "产品质量监督抽查合格率"
category = "产品质量"
kind = "rate"
numerator = "合格批次"
denominator = "抽查批次"
unit = "%"
decimals = 1
frequency = "quarterly"
target = "高于全省平均水平"
over_units = "ratio"
over_time = "ratio"

[[indicator]]
code = "R02"
name = "消费者满意度"
category = "质量安全"
kind = "value"
unit = "分"
decimals = 1
frequency = "annual"
target = ">= reference"
over_units = "mean"
over_time = "last"

[[indicator]]
code = "R03"
name = "新增省长质量奖企业"
category = "质量品牌"
kind = "count"
unit = "家"
decimals = 0
frequency = "annual"
target = ">= 1"
over_units = "sum"
over_time = "sum"
"""


def reference_template(folder):
    """The reference plan written as a template file in `folder`; its path."""
    path = folder / "jiangdu-2026.toml"
    path.write_text(REFERENCE_TEMPLATE, encoding="utf-8")
    return path


# A district plan whose office figure of D01 is rolled up from its towns, D03 entered by the
# office while the towns report it too, a quarterly count summed over the year (D02) and an
# annual one (D04), and D05, which the tests retire.
UNITS_TEMPLATE = """\
format = "qdesk-plan"
version = 1

[plan]
id = "jiangdu-units"
title = "江都区质量强区工作方案"
start_year = 2026
end_year = 2027

[[deadline]]
report = "quarterly"
months_after = 1
day = 5

[[deadline]]
report = "half-year"
month = 7
day = 10

[[deadline]]
report = "annual"
month = 12
day = 10

[[indicator]]
code = "D01"
name = "产品质量监督抽查合格率"
category = "产品质量"
kind = "rate"
numerator = "合格批次"
denominator = "抽查批次"
frequency = "quarterly"
target = ">= 90"
over_units = "ratio"
over_time = "ratio"
source = "units"

[[indicator]]
code = "D02"
name = "金龙杯优质工程数"
category = "工程质量"
kind = "count"
unit = "项"
frequency = "quarterly"
target = ">= 20"
over_units = "sum"
over_time = "sum"

[[indicator]]
code = "D03"
name = "食品安全监测合格率"
category = "食品安全"
kind = "rate"
numerator = "合格批次"
denominator = "监测批次"
frequency = "quarterly"
target = ">= 90"
over_units = "ratio"
over_time = "ratio"
responsible = "市场监管局"

[[indicator]]
code = "D04"
name = "创建质量标杆企业数"
category = "质量提升"
kind = "count"
unit = "家"
frequency = "annual"
target = ">= 4"
over_units = "sum"
over_time = "sum"

[[indicator]]
code = "D05"
name = "质量投诉处理完结率"
category = "服务质量"
kind = "rate"
numerator = "完结件数"
denominator = "投诉件数"
frequency = "quarterly"
target = ">= 95"
over_units = "ratio"
over_time = "ratio"
"""


def units_template(folder, text=UNITS_TEMPLATE):
    """The district plan of UNITS_TEMPLATE (or `text`) as a template file in `folder`; its path."""
    path = folder / "jiangdu-units.toml"
    path.write_text(text, encoding="utf-8")
    return path


def retire_in_template(text, code):
    """The template text with the indicator `code` retired."""
    head = f'code = "{code}"\n'
    assert head in text
    return text.replace(head, head + "retired = true\n")


def tamper(path, *statements):
    """Change a database as the sqlite3 shell would, outside qdesk: no checks, no trail."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()
