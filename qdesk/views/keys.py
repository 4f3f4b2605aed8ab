"""Signing keys as the clerk reads them, in the workbench's 下级单位密钥 and `qdesk keys`."""

from __future__ import annotations

from dataclasses import dataclass

from qdesk.core.i18n import Msg, msg
from qdesk.store.database import Store
from qdesk.store.keys import own_fingerprint, unit_keys
from qdesk.store.units import units_by_code


def own_key_line(store: Store) -> Msg:
    """The office's own fingerprint, which its superior confirms by telephone."""
    found = own_fingerprint(store)
    if found is None:
        return msg("this office's signing key is made with its first package",
                   "本单位签名密钥将在首次导出数据包时生成")
    return msg("this office's key fingerprint: {fingerprint}", "本单位签名密钥指纹：{fingerprint}",
               fingerprint=found)


@dataclass(frozen=True)
class KeyRow:
    """One unit's key, as a row of the list."""

    unit_code: str
    unit_name: str          # "" for a unit no longer registered
    fingerprint: str
    first_seen: str         # the day, YYYY-MM-DD
    package: str
    forgotten: str          # "" for the standing key, else the day and the reason

    @property
    def standing(self) -> bool:
        return not self.forgotten


COLUMNS = (msg("code", "单位代码"), msg("unit", "单位名称"), msg("fingerprint", "密钥指纹"),
           msg("kept since", "保存日期"), msg("first package", "首个数据包"),
           msg("forgotten", "已忘记"))


def key_rows(store: Store, *, forgotten: bool = False) -> list[KeyRow]:
    """The units' standing keys by unit code; with `forgotten`, the forgotten ones too."""
    names = {code: unit.name for code, unit in units_by_code(store).items()}
    return [KeyRow(k.unit_code, names.get(k.unit_code, ""), k.fingerprint, k.first_seen[:10],
                   k.package, "" if k.forgotten_at is None
                   else f"{k.forgotten_at[:10]} {k.forget_reason}")
            for k in unit_keys(store, forgotten=forgotten)]
