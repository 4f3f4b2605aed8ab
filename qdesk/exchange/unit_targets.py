"""The units' own targets (目标责任书) as one workbook: indicators × units, the plan's target beside.

Row 1 holds the year; row 2 the header and, from column E on, one unit code a column; row 3 the
units' names; then one indicator a row: its code, name, display unit, the plan's target, and each
unit's own target for the year. An empty cell changes nothing; a bare number takes the comparison
of the plan's target (92 under ≥90% is ≥92%).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qdesk.core.errors import InputError, Problem
from qdesk.core.i18n import Msg, msg
from qdesk.core.plan import Plan
from qdesk.core.target_sums import OwnTargets, shortfall_warnings
from qdesk.core.targets import Target
from qdesk.exchange.workbook import first_sheet
from qdesk.files import check_folder, write_whole
from qdesk.store.changes import NOTHING, Changes
from qdesk.store.database import Store
from qdesk.store.plans import UnitTarget, load_plan, unit_targets_of, write_unit_targets
from qdesk.store.units import Unit, home_unit, subordinates

YEAR = "年度"
HEADER = ["指标代码", "指标名称", "计量单位", "方案目标"]
NAMES = "（单位名称）"
FIRST_UNIT = len(HEADER) + 1        # column E
HINT = ("在各单位的列中填写该单位本年度的目标，如 ≥92%、不低于92%、3～5家；只填数字（如92）时"
        "沿用方案目标的比较方式。空格表示不作修改；“方案目标”一列仅供对照，改动无效。")


@dataclass(frozen=True)
class TargetsImport:
    """What a targets sheet changed, or would change (`check`), and what it warns of."""

    year: int
    written: tuple[UnitTarget, ...]     # the cells that differ from what applied before
    unchanged: int                      # filled cells that already applied
    changes: Changes
    warnings: tuple[Msg, ...]


def write_targets_sheet(store: Store, year: int, out: Path) -> Path:
    """The subordinate units' own targets for a year, beside the plan's, as one workbook."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    plan = load_plan(store)
    _check_year(plan, year)
    units = _units(store)
    check_folder(Path(out).parent)
    own = unit_targets_of(store, [u.id for u in units])
    book = Workbook()
    ws = book.active
    ws.title = f"{year}年目标"
    ws.append([YEAR, year, HINT])
    ws.append([*HEADER, *[u.code for u in units]])
    ws.append([NAMES, "", "", "", *[u.name for u in units]])
    for indicator in plan.indicators:
        standing = indicator.target_for(year)
        cells: list[Any] = [indicator.code, indicator.name, indicator.unit,
                            standing.label(indicator.unit) if standing else ""]
        for unit in units:
            mine = own.get(unit.id, {}).get(indicator.code)
            target = indicator.target_for(year, mine) if mine else None
            cells.append(target.written(indicator.unit) if target else "")
        ws.append(cells)
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            # Text stays text whatever it starts with (≥, =, -): never run as a formula.
            if isinstance(cell.value, str):
                cell.data_type = "s"
    heading = PatternFill("solid", fgColor="DDEBF7")
    for row in (2, 3):
        for cell in ws[row]:
            cell.font, cell.fill = Font(bold=True), heading
            cell.alignment = Alignment(horizontal="center")
    ws["A1"].font = Font(bold=True)
    ws.freeze_panes = ws.cell(4, FIRST_UNIT)
    for column, width in enumerate((10, 40, 8, 14), start=1):
        ws.column_dimensions[get_column_letter(column)].width = width
    for column in range(FIRST_UNIT, FIRST_UNIT + len(units)):
        ws.column_dimensions[get_column_letter(column)].width = 16
    return write_whole(Path(out), book.save)


def import_targets_sheet(store: Store, path: Path, check: bool = False) -> TargetsImport:
    """A targets sheet read whole: every bad cell named and nothing written, or all of it written.

    With `check`, nothing is written either way: what would change is returned.
    """
    plan = load_plan(store)
    units = _units(store)
    own = unit_targets_of(store, [u.id for u in units])
    year, written, unchanged = _read(Path(path), plan, units, own)
    after: dict[int, dict[str, dict[int | None, Target]]] = {
        u.id: {code: dict(years) for code, years in own.get(u.id, {}).items()} for u in units}
    for t in written:
        after[t.unit.id].setdefault(t.indicator, {})[year] = t.target
    changes = NOTHING if check else write_unit_targets(store, written)
    warnings = shortfall_warnings(plan, year, [after[u.id] for u in units])
    return TargetsImport(year, tuple(written), unchanged, changes, tuple(warnings))


def _units(store: Store) -> list[Unit]:
    units = subordinates(store, home_unit(store))
    if not units:
        raise InputError(msg("the unit has no subordinate units to set targets for",
                             "本单位没有下级单位，无需设置下级目标"))
    return units


def _check_year(plan: Plan, year: object, source: str | None = None) -> int:
    """A year of the plan; refused naming the sheet's year cell when it comes from one."""
    if not isinstance(year, int) or not plan.covers(year):
        raise InputError(Problem(msg(
            "the year {year!r} is not a year of the plan ({start}–{end})",
            "年度“{year}”不在方案年限（{start}—{end}年）内", year=str(year),
            start=plan.start_year, end=plan.end_year),
            source, 1 if source else None, "B1" if source else None))
    return year


def _read(path: Path, plan: Plan, units: list[Unit],
          own: Mapping[int, OwnTargets]) -> tuple[int, list[UnitTarget], int]:
    """The sheet's year, the filled cells that differ from what applies now, and how many do not.

    InputError naming each bad cell.
    """
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    source = str(path)
    if not path.is_file():
        raise InputError(Problem(msg("no such file", "文件不存在"), source))
    try:
        book = load_workbook(path, read_only=True, data_only=False)
        try:
            rows = [list(r) for r in first_sheet(book, source).iter_rows()]
        finally:
            book.close()
    except InputError:
        raise
    except Exception:  # openpyxl raises many kinds for a file that is not a sound workbook
        raise InputError(Problem(msg("this is not an xlsx workbook", "该文件不是xlsx工作簿"),
                                 source)) from None
    if len(rows) < 3 or _text(_at(rows[0], 0)) != YEAR \
            or [_text(_at(rows[1], n)) for n in range(len(HEADER))] != HEADER:
        raise InputError(Problem(msg(
            "this is not a targets sheet: row 1 should begin with 年度 and the year, row 2 with "
            "{header}; export one with `qdesk targets export`",
            "这不是下级目标表：第1行应为“年度”和年份，第2行应以“{header}”开头；"
            "请先用“导出目标表”生成", header="、".join(HEADER)), source))
    year = _check_year(plan, _number(_at(rows[0], 1)), source)
    problems: list[Problem] = []
    by_code = {u.code: u for u in units}
    columns: dict[int, Unit] = {}
    for index in range(FIRST_UNIT - 1, len(rows[1])):
        code = _text(_at(rows[1], index))
        if not code:
            continue
        where = f"{get_column_letter(index + 1)}2"
        if code not in by_code:
            problems.append(Problem(msg("unknown subordinate unit code {code!r}",
                                        "下级单位代码“{code}”不存在", code=code),
                                    source, 2, where))
        elif by_code[code] in columns.values():
            problems.append(Problem(msg("unit {code} has a second column",
                                        "单位“{code}”出现了两列", code=code), source, 2, where))
        else:
            columns[index] = by_code[code]
    seen: set[str] = set()
    cells: list[UnitTarget] = []
    unchanged = 0
    for line, row in enumerate(rows[3:], start=4):
        code = _text(_at(row, 0))
        filled = {i: _at(row, i) for i in columns if _text(_at(row, i))}
        if not code and not filled:
            continue
        indicator = plan.indicator(code)
        if indicator is None or code in seen:
            problems.append(Problem(
                msg("unknown indicator code {code!r}", "指标代码“{code}”不存在", code=code)
                if indicator is None else
                msg("indicator {code} has a second row", "指标“{code}”出现了两行", code=code),
                source, line, f"A{line}"))
            continue
        seen.add(code)
        like = indicator.target_for(year)
        for index, cell in filled.items():
            unit = columns[index]
            where = f"{get_column_letter(index + 1)}{line}（{unit.name} {code}）"
            if getattr(cell, "data_type", None) in ("f", "e"):
                problems.append(Problem(msg("a formula or error value where a target goes",
                                            "此处应填写目标，而不是公式或错误值"),
                                        source, line, where))
                continue
            try:
                target = Target.parse(_typed(cell), like=like)
            except InputError as exc:
                problems.extend(Problem(p.message, source, line, where) for p in exc.problems)
                continue
            if indicator.target_for(year, own.get(unit.id, {}).get(code)) == target:
                unchanged += 1
            else:
                cells.append(UnitTarget(unit, code, target, year))
    if problems:
        raise InputError(*problems)
    return year, cells, unchanged


def _at(row: list[Any], index: int) -> Any:
    return row[index] if index < len(row) else None


def _text(cell: Any) -> str:
    value = getattr(cell, "value", None)
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _number(cell: Any) -> object:
    """The year cell as a whole number, whether typed as a number or as text."""
    text = _text(cell).removesuffix("年")
    return int(text) if text.isdigit() else text


def _typed(cell: Any) -> str:
    """What the clerk typed: Excel keeps 92% as 0.92 in a percent-formatted cell."""
    value = cell.value
    if isinstance(value, (int, float)) and not isinstance(value, bool) \
            and "%" in (getattr(cell, "number_format", "") or ""):
        shown = value * 100
        return f"{int(shown) if float(shown).is_integer() else round(shown, 6)}%"
    return _text(cell)
