"""The office's own figure beside its units' total, said in one sentence where they differ."""

from __future__ import annotations

from qdesk.core.attainment import Assessment
from qdesk.core.numbers import Measure, display
from qdesk.core.plan import Plan
from qdesk.core.units import place_word, units_word
from qdesk.store.units import Unit


def both_figures(plan: Plan, office: Unit, own: Assessment, total: Measure | None,
                 units: list[Unit]) -> str | None:
    """全县由县市场监管局统计为88.8%，各乡镇合计为94.1%: where the office enters its own figure
    and its units' figures, rolled up by the indicator's rule (a rate as the ratio of summed
    counts, 合计 all the same), show otherwise; None where there are not two figures to tell
    apart (one rolled up from the units is the same figure).
    """
    indicator = own.indicator
    if own.measure is None or total is None or own.rolled_up or not units:
        return None
    mine = display(own.measure.value, indicator.decimals, plan.rounding)
    theirs = display(total.value, indicator.decimals, plan.rounding)
    if mine == theirs:
        return None
    place = place_word(office.name, office.level)
    who = indicator.responsible
    if who and place and not who.startswith(place):
        who = place + who
    counted = f"由{who}统计为" if who else "为"
    return (f"{'全' + place if place else '本级'}{counted}{mine}{indicator.unit}，"
            f"{units_word(u.level for u in units)}合计为{theirs}{indicator.unit}")
