"""The sections of a period's written account (工作总结) that a report's body is made of."""

from __future__ import annotations

from enum import Enum


class Section(str, Enum):
    WORK = "work"
    HIGHLIGHTS = "highlights"
    PRACTICES = "practices"
    PROBLEMS = "problems"
    PLANS = "plans"

    @property
    def label_zh(self) -> str:
        return {"work": "工作开展情况", "highlights": "工作亮点", "practices": "经验做法",
                "problems": "存在问题", "plans": "下步打算"}[self.value]
