"""Settings are checked before they are stored; a refused value changes nothing."""

import pytest

from qdesk.core.errors import InputError
from qdesk.store import audit
from qdesk.store.settings import get_setting, set_setting


@pytest.mark.parametrize("key, value, said", [
    ("colour", "red", "没有设置项“colour”"),
    ("letterhead", "red", "版头：“red”不是可选值（print | blank | none）之一"),
    ("seal", "maybe", "用印版式：“maybe”不是可选值（sealed | unsealed）之一"),
    ("contact_phone", "0427-abc1234", "联系电话：“0427-abc1234”不是电话号码"),
    ("contact_phone", "123", "不是电话号码"),
    ("organ_code", "盘质强办〔2026〕", "不带年份和序号"),
    ("signer", "王2", "不是姓名"),
    ("issuing_organ", "盘山县\n办公室", "只能填一行"),
])
def test_a_bad_value_is_refused_with_its_field_and_nothing_changes(store, key, value, said):
    set_setting(store, "letterhead", "blank")
    before = len(audit.trail(store, "settings"))
    with pytest.raises(InputError) as refused:
        set_setting(store, key, value)
    assert said in refused.value.render("zh")
    assert get_setting(store, "letterhead") == "blank"
    assert len(audit.trail(store, "settings")) == before


def test_good_values_are_stored_trimmed_and_audited(store):
    set_setting(store, "contact_phone", " 0427-5612345 ")
    set_setting(store, "letterhead", "none")
    assert get_setting(store, "contact_phone") == "0427-5612345"
    assert get_setting(store, "letterhead") == "none"
    assert audit.trail(store, "settings")[-1]["new"] == {"value": "none"}


def test_copies_to_keep_one_organ_a_line_without_blank_lines(store):
    set_setting(store, "cc", "  县政府办公室\n\n县市场监管局  \n")
    assert get_setting(store, "cc") == "县政府办公室\n县市场监管局"


def test_an_unset_letterhead_prints_and_an_unset_seal_is_sealed(store):
    assert get_setting(store, "letterhead") == "print"
    assert get_setting(store, "seal") == "sealed"
