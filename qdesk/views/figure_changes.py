"""Figures an import or a write would change, as the clerk reads them before saying yes."""

from __future__ import annotations

from qdesk.core.i18n import language, msg
from qdesk.core.numbers import NOT_APPLICABLE_TEXT
from qdesk.core.plan import Plan
from qdesk.store.entries import FigureChange, ImportWarning, RemovedFigure, Stored


def figure_text(stored: Stored) -> str:
    """A stored figure as typed: 920/1000 for a rate, the value, or 无此项; its note after it."""
    numerator, denominator, value, note = stored
    if denominator is not None:
        text = f"{numerator}/{denominator}"
    else:
        text = value if value is not None else NOT_APPLICABLE_TEXT
    return f"{text}（{note}）" if note else text


def change_line(change: FigureChange) -> str:
    """One change: unit, period, indicator, old → new."""
    period = change.period.label_zh() if language() == "zh" else str(change.period)
    return msg("{unit} ({code}) {period} {indicator} {name}: {old} → {new}",
               "{unit}（{code}）{period} {indicator} {name}：{old} → {new}",
               unit=change.unit.name, code=change.unit.code, period=period,
               indicator=change.indicator.code, name=change.indicator.name,
               old=figure_text(change.old), new=figure_text(change.new)).render()


def change_lines(changes: tuple[FigureChange, ...] | list[FigureChange],
                 limit: int | None = None) -> list[str]:
    """Every change, one line each, or the first `limit` and a line saying how many more."""
    shown = changes if limit is None else changes[:limit]
    lines = [change_line(c) for c in shown]
    if limit is not None and len(changes) > limit:
        lines.append(msg("… and {n} more", "……另有{n}处", n=len(changes) - limit).render())
    return lines


def removal_lines(removed: tuple[RemovedFigure, ...] | list[RemovedFigure]) -> list[str]:
    """Every figure removed, one line each: unit, period, indicator, what it was."""
    return [msg("{unit} ({code}) {period} {indicator}: {old} removed",
                "{unit}（{code}）{period} {indicator}：{old} 已删除", unit=r.unit.name,
                code=r.unit.code, period=r.period.label_zh() if language() == "zh"
                else str(r.period), indicator=r.indicator, old=figure_text(r.old)).render()
            for r in removed]


def warning_lines(plan: Plan, warnings: tuple[ImportWarning, ...] | list[ImportWarning],
                  limit: int | None = None) -> list[str]:
    """Every figure an import wrote that looks unlikely with no note to say why, one line
    each (unit, period, indicator, why), or the first `limit` and a line saying how many more."""
    shown = warnings if limit is None else warnings[:limit]
    lines = []
    for w in shown:
        indicator = plan.indicator(w.warning.indicator)
        lines.append(msg("{unit} ({code}) {period} {indicator} {name}: {why}",
                         "{unit}（{code}）{period} {indicator} {name}：{why}", unit=w.unit.name,
                         code=w.unit.code, period=w.period.label_zh() if language() == "zh"
                         else str(w.period), indicator=w.warning.indicator,
                         name=indicator.name if indicator else "",
                         why=w.warning.message).render())
    if limit is not None and len(warnings) > limit:
        lines.append(msg("… and {n} more", "……另有{n}处", n=len(warnings) - limit).render())
    return lines
