"""Bilingual messages for the refusals a clerk reads; Chinese unless English is chosen."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

LANGUAGES = ("zh", "en")
_language = "zh"


def set_language(lang: str) -> None:
    """Choose the language messages render in ("zh" or "en")."""
    global _language
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    _language = lang


def language() -> str:
    return _language


@dataclass(frozen=True)
class Msg:
    """A message written in both languages, rendered when it is read, so a GUI can switch."""

    en: str
    zh: str
    args: dict[str, Any] = field(default_factory=dict)

    def render(self, lang: str | None = None) -> str:
        template = self.zh if (lang or _language) == "zh" else self.en
        return template.format(**self.args)

    def __str__(self) -> str:
        return self.render()


def msg(en: str, zh: str, **args: Any) -> Msg:
    return Msg(en, zh, args)
