"""The refusals a user can fix: each carries a message fit to show a clerk and where it arose."""

from __future__ import annotations

from dataclasses import dataclass

from qdesk.core.i18n import Msg, language


@dataclass(frozen=True)
class Problem:
    """One thing wrong, with where it is: file, line or row, field."""

    message: Msg
    source: str | None = None
    line: int | None = None
    field: str | None = None

    def render(self, lang: str | None = None) -> str:
        lang = lang or language()
        where: list[str] = []
        if self.source:
            where.append(self.source)
        if self.line is not None:
            where.append(f"第{self.line}行" if lang == "zh" else f"line {self.line}")
        if self.field:
            where.append(self.field)
        text = self.message.render(lang)
        if not where:
            return text
        sep = "，" if lang == "zh" else ", "
        colon = "：" if lang == "zh" else ": "
        return sep.join(where) + colon + text


class QdeskError(Exception):
    """A refusal a user can fix. The CLI exits 3 with it; the GUI shows it in place."""

    def __init__(self, *problems: Problem | Msg, source: str | None = None) -> None:
        items = [p if isinstance(p, Problem) else Problem(p) for p in problems]
        if source:
            items = [p if p.source else Problem(p.message, source, p.line, p.field) for p in items]
        self.problems: tuple[Problem, ...] = tuple(items)
        super().__init__(self.render("en"))

    def render(self, lang: str | None = None) -> str:
        return "\n".join(p.render(lang) for p in self.problems)

    def __str__(self) -> str:
        return self.render()


class InputError(QdeskError):
    """Bad input: a value, code, period or file that does not pass its rules."""


class TemplateError(InputError):
    """A plan template that does not pass the checks of DESIGN.md §3."""


class LockedPeriodError(QdeskError):
    """A change to a submitted (locked) period."""


class DatabaseFileError(QdeskError):
    """A database path that is not a usable qdesk file: a folder, another file, a newer version."""


class DamagedDatabaseError(DatabaseFileError):
    """A database file SQLite finds damaged: only a backup can put it right."""
