"""Blank entry sheets for subordinate units: their indicators and own targets, only the input cells open.

One workbook per unit, ready to fill in Excel or WPS and send back through `qdesk import`. The
sheet's expected layout is kept in a hidden, protected sheet, so a sheet whose rows were moved,
codes changed or columns deleted is recognised on import and refused at the cell that is wrong.
A row with nothing to count this period is marked in its 无此项 column (a list of one word; not on
a yes/no's row); a sheet made before that column was added still imports, by its own layout.
"""

from __future__ import annotations

import json
from pathlib import Path

from qdesk.core.entries import check_entry_period, check_typed
from qdesk.core.errors import InputError, QdeskError
from qdesk.core.i18n import msg
from qdesk.core.numbers import NOT_APPLICABLE_TEXT
from qdesk.core.periods import Period
from qdesk.core.plan import Kind
from qdesk.files import check_folder, write_whole
from qdesk.store.database import Store
from qdesk.store.plans import load_plan, unit_targets_of
from qdesk.store.units import Unit, home_unit, subordinates

HEADER = ["单位代码", "指标代码", "报告期", "分子", "分母", "数值", NOT_APPLICABLE_TEXT, "备注", "指标",
          "计量单位", "目标", "分子说明", "分母说明"]
LAYOUT_SHEET = "_qdesk"


def sheet_name(unit: Unit, period: Period) -> str:
    return f"{unit.code}-{period}-填报表.xlsx"


def write_blank_sheets(store: Store, period: Period, folder: Path) -> list[Path]:
    """One workbook per subordinate unit for a period; returns the files written."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    plan = load_plan(store)
    plan.check_period(period)
    folder = check_folder(folder)
    units = subordinates(store, home_unit(store), period)
    if not units:
        raise InputError(msg("the unit has no subordinate units to send sheets to",
                             "本单位没有下级单位，无需生成填报表"))
    due = []
    for indicator in plan.indicators:
        try:
            check_typed(indicator, office=False)
            check_entry_period(plan, indicator, period)
        except QdeskError:
            continue
        due.append(indicator)
    if not due:
        raise InputError(msg("no indicator is entered for {period}", "{period}没有需要填报的指标",
                             period=str(period)))
    targets = unit_targets_of(store, [u.id for u in units])
    written = []
    for unit in units:
        book = Workbook()
        ws = book.active
        ws.title = "填报"
        ws.append(HEADER)
        for cell in ws[1]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDEBF7")
            cell.alignment = Alignment(horizontal="center")
        whole = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0",
                               showErrorMessage=True, error="请输入不小于0的整数")
        number = DataValidation(type="decimal", showErrorMessage=True, error="请输入数字",
                                operator="between", formula1="-1E+15", formula2="1E+15")
        flag = DataValidation(type="list", formula1='"1,0"', showErrorMessage=True,
                              error="请输入1（是）或0（否）")
        # A list, not free text, so that what a town picks is always a word the import reads.
        none = DataValidation(type="list", formula1=f'"{NOT_APPLICABLE_TEXT}"', allow_blank=True,
                              showErrorMessage=True, error=f"请选择“{NOT_APPLICABLE_TEXT}”或留空",
                              showInputMessage=True, promptTitle=NOT_APPLICABLE_TEXT,
                              prompt="本期没有可统计的对象时选择“无此项”，并将分子、分母、数值留空")
        for validation in (whole, number, flag, none):
            ws.add_data_validation(validation)
        rows = []
        for row, ind in enumerate(due, start=2):
            own = targets.get(unit.id, {}).get(ind.code)
            target = ind.target_for(period.year, own)
            ws.append([unit.code, ind.code, str(period), None, None, None, None, None, ind.name,
                       ind.unit, target.label(ind.unit) if target else "",
                       ind.numerator or "", ind.denominator or ""])
            rows.append([unit.code, ind.code, str(period)])
            figures = ["D", "E"] if ind.kind is Kind.RATE else ["F"]
            # A yes/no is never 无此项: its row offers no such choice.
            open_columns = figures + (["H"] if ind.kind is Kind.FLAG else ["G", "H"])
            for column in open_columns:
                ws[f"{column}{row}"].protection = Protection(locked=False)
                ws[f"{column}{row}"].fill = PatternFill("solid", fgColor="FFF2CC")
            if ind.kind is Kind.RATE:
                whole.add(f"D{row}:E{row}")
            elif ind.kind is Kind.COUNT:
                whole.add(f"F{row}")
            elif ind.kind is Kind.FLAG:
                flag.add(f"F{row}")
            else:
                number.add(f"F{row}")
            if ind.kind is not Kind.FLAG:
                none.add(f"G{row}")
        for column, width in zip("ABCDEFGHIJKLM",
                                 (12, 9, 9, 10, 10, 10, 9, 20, 34, 8, 10, 14, 14)):
            ws.column_dimensions[column].width = width
        ws.freeze_panes = "D2"
        ws.protection.sheet = True
        layout = book.create_sheet(LAYOUT_SHEET)
        layout["A1"] = json.dumps({"header": HEADER, "rows": rows}, ensure_ascii=False)
        layout.sheet_state = "hidden"
        layout.protection.sheet = True
        written.append(write_whole(folder / sheet_name(unit, period), book.save))
    return written
