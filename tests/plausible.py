"""A small plan for the tests of unlikely figures: a rate, a count with its sub-count and a
[[check]] relating them, and a per-indicator warn margin; an office made from it as `qdesk init`
makes one."""

from pathlib import Path

TEMPLATE = """\
format = "qdesk-plan"
version = 1

[plan]
id = "plausible-test"
title = "存疑数据测试方案"
start_year = 2024
end_year = 2027
warn = 20
warn_points = 10

[[indicator]]
code = "A01"
name = "产品抽检合格率"
category = "产品质量"
kind = "rate"
numerator = "合格批次"
denominator = "抽检批次"
frequency = "quarterly"
target = ">= 90"
over_units = "ratio"
over_time = "ratio"

[[indicator]]
code = "A02"
name = "受理投诉件数"
category = "服务质量"
kind = "count"
unit = "件"
frequency = "quarterly"
target = ">= 0"
over_units = "sum"
over_time = "sum"

[[indicator]]
code = "A03"
name = "其中：质量投诉件数"
category = "服务质量"
kind = "count"
unit = "件"
frequency = "quarterly"
target = ">= 0"
over_units = "sum"
over_time = "sum"
warn = 50

[[check]]
left = "A03"
op = "<="
right = "A02"
message = "质量投诉是投诉的一部分，不应多于投诉总数"
"""

COUNTY = ("341822", "广德县")


def write_template(folder: Path) -> Path:
    path = folder / "plausible.toml"
    path.write_text(TEMPLATE, encoding="utf-8")
    return path


def make_office(folder: Path) -> Path:
    """A database made by `qdesk init` from TEMPLATE: the county and nothing entered."""
    from qdesk.cli import main

    db = folder / "office.qdesk"
    assert main(["init", "--db", str(db), "--template", str(write_template(folder)),
                 "--unit-code", COUNTY[0], "--unit-name", COUNTY[1]]) == 0
    return db
