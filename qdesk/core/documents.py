"""The period documents qdesk prints: their kinds, the period each is for, and their names."""

from __future__ import annotations

from enum import Enum

from qdesk.core.errors import InputError
from qdesk.core.i18n import Msg, msg
from qdesk.core.periods import Frequency, Period
from qdesk.core.units import place_word

_LABELS = {
    "quarterly": msg("Quarterly report", "季度报告"),
    "half-year": msg("Half-year summary", "半年工作小结"),
    "annual": msg("Annual summary", "全年工作总结"),
    "targets": msg("Target attainment report", "目标完成情况报告"),
}


_FILE_WORDS = {"quarterly": "报告", "half-year": "工作小结", "annual": "工作总结",
               "targets": "目标完成情况报告"}


class ReportKind(str, Enum):
    """A report on one period. The first three are owed by the reporting calendar; the target
    attainment report is made on demand for a year."""

    QUARTERLY = "quarterly"
    HALF_YEAR = "half-year"
    ANNUAL = "annual"
    TARGETS = "targets"

    @property
    def frequency(self) -> Frequency:
        """The period the report is normally made on, and the only one a scheduled report takes."""
        return Frequency.ANNUAL if self is ReportKind.TARGETS else Frequency(self.value)

    @property
    def scheduled(self) -> bool:
        """True for the reports a plan's [[deadline]] rules can ask for."""
        return self is not ReportKind.TARGETS

    @property
    def label(self) -> Msg:
        return _LABELS[self.value]

    @property
    def label_zh(self) -> str:
        return self.label.render("zh")

    def file_name(self, unit_name: str, period: Period) -> str:
        """What a saved report is called: 盘山县2020年第四季度报告.pdf."""
        return f"{unit_name}{period.label_zh()}{_FILE_WORDS[self.value]}.pdf"

    @classmethod
    def of_period(cls, frequency: Frequency) -> ReportKind:
        """The calendar's report on a period of this frequency (the one a package carries)."""
        return cls(frequency.value)

    @classmethod
    def parse(cls, text: str) -> ReportKind:
        try:
            return cls(text)
        except ValueError:
            kinds = " | ".join(kind.value for kind in cls)
            raise InputError(msg("unknown report kind {kind!r}: choose one of {kinds}",
                                 "未知的报告类型“{kind}”，可选：{kinds}", kind=text,
                                 kinds=kinds)) from None

    def check_period(self, period: Period) -> None:
        """Refuse a period of the wrong length for a scheduled report (a quarterly report on
        2026H1); the target attainment report may be made at any period's end."""
        if self.scheduled and period.frequency is not self.frequency:
            raise InputError(msg(
                "a {kind} report is for a {freq_en} period, not {period}",
                "{label}的报告期应为{freq_zh}，而不是{period}", kind=self.value,
                freq_en=self.frequency.value, freq_zh=self.frequency.label_zh,
                label=self.label_zh, period=str(period)))


# The campaigns plans are written for. 质量强市 / 质量强兵团 / 质量强区 are one campaign named at
# each level by its own place (盘锦 works to 质量强市, its 盘山县 to 质量强县); the others keep
# their name at every level.
_NAMED = ("质量提升行动", "质量振兴")


def level_word(name: str, level: str) -> str:
    """What the office's own level is called in a campaign: 县, 区 (a 市辖区, by its GB/T 2260
    name), 市, 兵团, and 师 for a division whatever its name ends with (第八师石河子市)."""
    if level == "division":
        return "师"
    if name.endswith("兵团"):
        return "兵团"
    return place_word(name, level) or "县"


def campaign(plan_title: str, name: str, level: str) -> str:
    """The campaign an office reports on: the plan's own (质量提升行动, 质量振兴), or 质量强 and
    the office's level when the plan is a 质量强X one or names none."""
    for named in _NAMED:
        if named in plan_title:
            return named
    return f"质量强{level_word(name, level)}"
