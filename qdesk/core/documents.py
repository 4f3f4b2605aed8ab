"""The period documents qdesk prints: their kinds, the period each is for, and their names."""

from __future__ import annotations

from enum import Enum

from qdesk.core.errors import InputError
from qdesk.core.i18n import Msg, msg
from qdesk.core.periods import Frequency, Period

_LABELS = {
    "quarterly": msg("Quarterly report", "季度报告"),
    "half-year": msg("Half-year summary", "半年工作小结"),
    "annual": msg("Annual summary", "全年工作总结"),
    "targets": msg("Target attainment report", "目标完成情况报告"),
}


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
