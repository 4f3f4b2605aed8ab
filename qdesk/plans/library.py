"""The plan templates shipped in forms/, found by file or by plan id."""

from __future__ import annotations

from pathlib import Path

from qdesk.core.errors import InputError
from qdesk.core.i18n import msg
from qdesk.core.plan import Plan
from qdesk.plans.template import load_template
from qdesk.resources import forms_dir


def shipped_templates() -> list[Path]:
    return sorted(forms_dir().glob("*.toml"))


def find_template(name: str) -> Path:
    """A template file by path, or a shipped one by its file stem (= plan id): "bingtuan-2016"."""
    path = Path(name)
    if path.is_file():
        return path
    for candidate in shipped_templates():
        if candidate.stem == name:
            return candidate
    known = "、".join(p.stem for p in shipped_templates())
    raise InputError(msg("no template file {name!r} and no shipped plan of that id ({known})",
                         "找不到模板文件“{name}”，也没有此编号的内置方案（内置：{known}）",
                         name=name, known=known))


def load_shipped(plan_id: str) -> Plan:
    return load_template(find_template(plan_id))
