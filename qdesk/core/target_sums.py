"""Whether the units' own targets of a summed indicator add up to the office's own (扬子杯 4)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from qdesk.core.i18n import Msg, msg
from qdesk.core.plan import Indicator, OverUnits, Plan
from qdesk.core.targets import Target

OwnTargets = Mapping[str, Mapping[int | None, Target]]     # indicator code -> year -> target


def shortfall(indicator: Indicator, year: int, units: Sequence[Mapping[int | None, Target] | None]
              ) -> tuple[Decimal, Decimal] | None:
    """(the units' targets added up, the office's own) when a summed indicator's come short.

    Each unit counts with the target that applies to it, its own or the plan's; only lower bounds
    add up (an aim by its floor), so a unit held below a figure, or compared with last year,
    leaves nothing to add.
    """
    office = indicator.target_for(year)
    if indicator.over_units is not OverUnits.SUM or not units or office is None \
            or not office.is_lower_bound or office.low is None:
        return None
    total = Decimal(0)
    for own in units:
        target = indicator.target_for(year, own)
        if target is None or not target.is_lower_bound or target.low is None:
            return None
        total += target.low
    return (total, office.low) if total < office.low else None


def shortfall_warnings(plan: Plan, year: int, units: Sequence[OwnTargets]) -> list[Msg]:
    """A warning, not a refusal, for each summed indicator whose units' targets come short."""
    warnings = []
    for indicator in plan.indicators:
        short = shortfall(indicator, year, [own.get(indicator.code) for own in units])
        if short is not None:
            total, office = short
            warnings.append(msg(
                "{code} {name}: the units' targets for {year} add up to {total}{unit}, less "
                "than the office's own {office}{unit}",
                "{code} {name}：各单位{year}年目标合计{total}{unit}，少于本级目标{office}{unit}",
                code=indicator.code, name=indicator.name, year=year, total=total,
                office=office, unit=indicator.unit))
    return warnings
