"""New template files: a commented skeleton to fill in, or a copy of a shipped plan under a new id."""

from __future__ import annotations

import re
from pathlib import Path

from qdesk.core.errors import InputError
from qdesk.core.i18n import msg
from qdesk.plans.library import find_template
from qdesk.plans.template import PLAN_ID, parse_template

# The id line of the [plan] table, which comes first in every template.
_ID_LINE = re.compile(r'^(\s*id\s*=\s*)"[^"\n]*"', re.MULTILINE)

BLANK = "【必填】"

_SKELETON = """\
# 方案模板（qdesk template new 生成）。填写方式见 docs/templates.md。
# 标有“{blank}”的字段须填写；“# ”开头的行是说明，或可选字段（需要时删去行首的“# ”）。
# 填好后运行：qdesk template check 本文件
format = "qdesk-plan"             # 固定不变：本文件是 qdesk 方案模板
version = 1                       # 固定不变：模板格式版本

[plan]                            # 方案本身
id = "{plan_id}"{id_blank}
title = ""                        # {blank}方案标题，照原文写，如“质量强县工作实施方案（2026—2030年）”
# doc_number = ""                 # 可选：文号，如“某政发〔2026〕1号”
# issuer = ""                     # 可选：印发单位
start_year = 0                    # {blank}方案起始年份，如 2026
end_year = 0                      # {blank}方案终止年份（含），如 2030
rounding = "half-up"              # 修约方式：half-up（四舍五入）或 half-even（GB/T 8170 修约）
judge = "exact"                   # 达标判定：exact（按精确值比较）或 rounded（按修约后的显示值比较）
# warn = 20                       # 可选：存疑提示，计数、数值超出近4期数值范围20%以上即提示，保存须说明原因（默认20）
# warn_points = 10                # 可选：百分比指标比上年同期变动超过10个百分点即提示（默认10）

# 报送期限：每种报告一条，按方案原文修改；months_after 与 month 二选一。
[[deadline]]
report = "quarterly"              # 季度报告
months_after = 1                  # 期满后第1个月……
day = 5                           # ……的5日前报送（第三季度10月5日，第四季度次年1月5日）

[[deadline]]
report = "half-year"              # 半年工作小结
month = 7                         # 当年7月……
day = 10                          # ……10日前报送

[[deadline]]
report = "annual"                 # 全年工作总结
month = 12
day = 10

# 指标：每项一个 [[indicator]]，按原文顺序排列。下面是一项比率指标和一项计数指标，照样增删。
[[indicator]]
code = ""                         # {blank}指标代码，方案内唯一，如 P01（字母、数字及 _ . -，最长16位）
name = ""                         # {blank}指标名称，照原文写
category = ""                     # {blank}类别，如 产品质量、工程质量、服务质量、环境质量
kind = "rate"                     # 类型：rate（比率，填分子分母）| value（数值）| count（计数）| flag（是否，1/0）
numerator = ""                    # {blank}比率的分子名称，如 合格批次（仅 rate）
denominator = ""                  # {blank}比率的分母名称，如 抽查批次（仅 rate）
unit = "%"                        # 计量单位：%、天、项、件、户、家……
decimals = 1                      # 显示的小数位数（0—6）
frequency = "quarterly"           # 填报频次：quarterly（季度）| half-year（半年）| annual（年度）
target = ""                       # {blank}末年目标，如 ">= 90"（≥90%）、"== 100"、"3..5"
# targets = {{ 2026 = ">= 88", 2027 = ">= 89" }}   # 可选：分年度目标，未列的年份用 target
over_units = "ratio"              # 跨单位汇总：ratio（比率：分子、分母分别合计后相除）| sum | mean | min | max | none
over_time = "ratio"               # 跨期汇总：ratio | sum | mean | last（累计数取最新一期）| none
# responsible = ""                # 可选：提供数据的成员单位，如 市场监管局
# note = ""                       # 可选：备注，如口径说明
# source = "units"                # 可选：本单位数值由下级单位汇总（按 over_units），不直接填报；默认 entered
# retired = true                  # 可选：停用，保留已有数据，不再填报
# warn_points = 5                 # 可选：本指标自己的存疑幅度（百分比指标用 warn_points，其他用 warn）

[[indicator]]
code = ""                         # {blank}
name = ""                         # {blank}
category = ""                     # {blank}
kind = "count"                    # 计数：填一个不小于0的整数（无分子分母）
unit = "项"
decimals = 0
frequency = "annual"
target = ""                       # {blank}如 ">= 3"；“不发生事故”写作 "== 0"
over_units = "sum"                # 计数按单位相加
over_time = "last"                # 累计数取最新一期；当期数相加用 sum

# 重点任务（可选）：方案的定性工作，每项一个 [[task]]，在任务台账中逐期填报进展。
# [[task]]
# code = "T01"                    # 任务代码，方案内唯一
# text = ""                       # 任务内容，照原文写
# category = ""                   # 类别，如原文“（一）加强宏观质量管理”
# lead = ""                       # 可选：牵头单位（成员单位名称或代码），如 市场监管局
# deadline = 2026-12-31           # 可选：完成时限（日期，不加引号）
# 校验规则（可选）：同一单位同一报告期两项指标应有的关系，不符时提示并须说明原因，不拒收。
# [[check]]
# left = "A03"                    # 指标代码，如分项
# op = "<="                       # <= | < | >= | > | ==
# right = "A02"                   # 指标代码，如总数
# message = "分项不应多于总数"       # 可选：提示语
# 可选：考核办法（考核下级单位），需要时删去下面各行行首的“# ”。写法见 docs/templates.md。
# [assessment]
# full_marks = 100                # 满分；各考核项目分值之和须等于满分
# [[assessment.item]]
# code = "K01"
# name = "责任落实"
# points = 100
# manual = true                   # 由考核组评分；按指标计分写 indicator = "P01" 和 rule
"""


def skeleton(plan_id: str = "") -> str:
    """A commented template with every key; its blanks (marked 【必填】) fail the check until filled."""
    if plan_id:
        check_plan_id(plan_id)
    id_note = f"{BLANK}方案编号" if not plan_id else "方案编号"
    return _SKELETON.format(
        blank=BLANK, plan_id=plan_id,
        id_blank=" " * max(1, 27 - len(plan_id)) + f"# {id_note}：小写字母、数字和“-”，"
                                                  "定下后不再改，如 mycounty-2026")


def copy_of(plan_id: str, new_id: str) -> str:
    """The text of a shipped plan, or of a template file, its comments kept, under a new plan
    id; refused unless the copy passes the check."""
    check_plan_id(new_id)
    source = find_template(plan_id)
    text = source.read_bytes().decode("utf-8-sig")
    copied = (f"# 由方案 {plan_id} 复制（qdesk template new --from {plan_id}），"
              f"方案编号改为 {new_id}。\n" + _ID_LINE.sub(lambda m: f'{m[1]}"{new_id}"', text, 1))
    if parse_template(copied.encode("utf-8"), str(source)).id != new_id:
        raise InputError(msg("{path}: the plan id is not written as id = \"…\" on a line of "
                             "its own, so the copy cannot change it",
                             "{path}：方案编号未单独一行写作 id = \"…\"，复制时无法修改",
                             path=str(source)))
    return copied


def new_plan_id(out: Path, source_id: str | None = None) -> str:
    """The id a new template takes when none is given: its file's name when that is a plan id
    (and not the copied plan's), else the copied plan's id with "-copy", else a blank."""
    stem = Path(out).stem
    if PLAN_ID.fullmatch(stem) and stem != source_id:
        return stem
    return f"{source_id}-copy" if source_id else ""


def check_plan_id(plan_id: str) -> None:
    if not PLAN_ID.fullmatch(plan_id):
        raise InputError(msg("plan id {id!r} may hold only a-z, 0-9 and -",
                             "方案编号“{id}”只能包含小写字母、数字和“-”", id=plan_id))
