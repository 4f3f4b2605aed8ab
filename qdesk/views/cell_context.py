"""What the entry grid shows beside a figure: the unit's last figures of it, last year's, its own history."""

from __future__ import annotations

from dataclasses import dataclass

from qdesk.core.i18n import msg
from qdesk.core.numbers import NOT_APPLICABLE_TEXT, Measure, display
from qdesk.core.periods import Period
from qdesk.core.plan import Indicator, Kind, Plan
from qdesk.core.plausibility import history
from qdesk.store import audit
from qdesk.store.database import Store
from qdesk.views.change_history import new_text, old_text
from qdesk.views.entry_sheet import EntrySheet

# A figure's history shown beside it: its latest changes, the change history holds them all.
HISTORY_SHOWN = 20


@dataclass(frozen=True)
class PastFigure:
    """One period's figure of the unit, as the panel lists it."""

    period: Period
    label: str          # 2025年第四季度
    text: str           # 92.3%（120/130）, 12项, 无此项, or 未填报


@dataclass(frozen=True)
class FigureChange:
    """One change of the figure, from the audit trail."""

    at: str             # the day and minute, as the writer's clock had them
    operator: str
    old: str            # "" for the first entry
    new: str
    reason: str


@dataclass(frozen=True)
class CellContext:
    """A row's figure in its context: the unit's last figures, the same period last year, the
    changes the trail records of it (newest first), and why it looks unlikely."""

    code: str
    name: str
    earlier: tuple[PastFigure, ...]     # newest first
    year_ago: PastFigure
    changes: tuple[FigureChange, ...]
    warnings: tuple[str, ...]


def figure_text(plan: Plan, indicator: Indicator, measure: Measure | None) -> str:
    """A stored figure in a few characters: a rate with its two counts, a value with its unit."""
    if measure is None:
        return msg("not entered", "未填报").render()
    if not measure.applicable:
        return NOT_APPLICABLE_TEXT
    shown = display(measure.value, indicator.decimals, plan.rounding)
    if indicator.kind is Kind.RATE:
        return f"{shown}%（{measure.numerator}/{measure.denominator}）"
    if indicator.kind is Kind.FLAG:
        return msg("yes", "是").render() if measure.value else msg("no", "否").render()
    return shown + indicator.unit


def cell_context(store: Store, sheet: EntrySheet, row: int) -> CellContext:
    """The context of a shown row of the sheet: its history from the figures the sheet holds,
    its changes from the audit trail (one query, for the unit and period)."""
    item = sheet.row(row)
    indicator, unit, period = item.indicator, sheet.unit, sheet.period
    past = history(item.measures, period)

    def figure(at: Period, measure: Measure | None) -> PastFigure:
        return PastFigure(at, at.label_zh(), figure_text(sheet.plan, indicator, measure))

    key = f"{unit.code}/{period}/{indicator.code}"
    found = [change for change in audit.iter_changes(store, table="entries",
                                                     unit_code=unit.code, period=str(period))
             if change.key == key][:HISTORY_SHOWN]
    return CellContext(
        indicator.code, indicator.name, tuple(figure(p, m) for p, m in past.earlier),
        figure(*past.year_ago),
        tuple(FigureChange(change.at[:16].replace("T", " "), change.operator,
                           old_text(change), new_text(change), change.reason or "")
              for change in found),
        tuple(warning.message.render() for warning in item.warnings))
