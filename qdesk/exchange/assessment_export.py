"""The assessment table as a workbook: units × items, bonus, penalty, totals, grades, ranks."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from qdesk.files import check_folder, write_whole
from qdesk.views.assessment_table import AssessmentTable


def export_assessment(table: AssessmentTable, out: Path) -> Path:
    """One sheet of scores (points as numbers with the scheme's places) and one of every
    unit's breakdown; text is stored as text whatever it starts with (= + - @)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    check_folder(Path(out).parent)
    book = Workbook()
    scores = book.active
    scores.title = f"{table.year}年度考核结果"
    header = ["排名", "单位代码", "单位", *[f"{i.code} {i.name}（{i.points.normalize():f}分）"
                                         for i in table.scheme.items],
              "加分", "扣分", "总分", "等次", "一票否决"]
    scores.append(header)
    places = "0" if table.scheme.decimals == 0 else "0." + "0" * table.scheme.decimals
    for s in table.scores:
        points = [Decimal(table.points(i.earned)) for i in s.items]
        scores.append([s.rank, s.code, s.name, *[float(p) for p in points],
                       float(Decimal(table.points(s.bonus))),
                       float(Decimal(table.points(s.penalty))), float(s.total), s.grade,
                       s.veto or ""])
        for cell in scores[scores.max_row]:
            if isinstance(cell.value, float):
                cell.number_format = places
    details = book.create_sheet("得分明细")
    details.append(["单位代码", "单位", "项目代码", "项目", "分值", "数值", "目标", "计分说明", "得分"])
    for s in table.scores:
        for line in table.breakdown(s.code):
            details.append([s.code, s.name, line.code, line.name, line.worth, line.figure,
                            line.target, line.how, line.earned])
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for ws in (scores, details):
        for cell in ws[1]:
            cell.font, cell.fill = bold, fill
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str):
                    # Stored as text: never run as a formula (a reason may begin with = or -).
                    cell.data_type = "s"
        ws.freeze_panes = "A2"
        for index in range(1, ws.max_column + 1):
            longest = max(len(str(c.value or "")) for c in ws[get_column_letter(index)])
            ws.column_dimensions[get_column_letter(index)].width = min(40, 4 + longest * 2)
    return write_whole(out, book.save)
