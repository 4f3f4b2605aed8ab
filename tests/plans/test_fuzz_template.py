"""Fuzzing plan templates: a template is read into the plan it describes, or refused whole."""

from __future__ import annotations

import copy
import datetime as dt
import json
import math
import tomllib

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from qdesk.core.calendar import obligations
from qdesk.core.errors import QdeskError, TemplateError
from qdesk.plans.library import find_template
from qdesk.plans.template import load_template
from tests.fuzzing import assert_refusal, fuzz_settings

EXAMPLES = 200
TEMPLATES = ["panjin-2014", "bingtuan-2016", "xinjiang-2018"]


def _string(text: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_string(k)} = {_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(type(value))


def emit(document: dict) -> str:
    """A template's text: [plan] as a table, deadlines and indicators as arrays of tables."""
    lines, tables = [], []
    for key, value in document.items():
        if key == "plan" and isinstance(value, dict):
            tables.append(["[plan]"] + [f"{_string(k)} = {_value(v)}" for k, v in value.items()])
        elif key in ("deadline", "indicator") and isinstance(value, list) and value \
                and all(isinstance(item, dict) for item in value):
            for item in value:
                tables.append([f"[[{key}]]"] + [f"{_string(k)} = {_value(v)}"
                                                for k, v in item.items()])
        else:
            lines.append(f"{_string(key)} = {_value(value)}")
    return "\n\n".join(["\n".join(lines)] + ["\n".join(table) for table in tables]) + "\n"


TOML_VALUES = st.recursive(
    st.one_of(st.booleans(), st.integers(-(2**63), 2**63 - 1), st.floats(), st.text(max_size=8),
              st.datetimes(timezones=st.none()), st.dates(), st.times()),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=5)
NEAR = st.sampled_from([
    "qdesk-plan", 1, 2, 0, "1", "half-up", "half-even", "HALF-UP", "rounded", "exact", "x",
    ">= 90", "> 30", "== 100", "== 0", "3..5", "5..3", "<= 7", "< 1", ">= abc", ">=90", "≥ 90",
    "", " ", 2014, 2015, 2020, 2021, 1948, 1949, 2199, 2200, 0, 1, 5, 6, 7, 12, 13, 28, 29, 30,
    31, 32, -1, "quarterly", "half-year", "annual", "monthly", "rate", "value", "count", "flag",
    "ratio", "sum", "mean", "min", "max", "last", "none", "P01", "P 01", "P01" * 6, "%", "天",
    True, 1.5, [], {}, {"2015": ">= 90"}, {"2013": ">= 90"}, {"２０１５": ">= 90"},
    {"abc": ">= 90"}, {"2016": "?"}, dt.date(2020, 1, 1), "id-with-UPPER", "panjin-2014"])
# The whole numbers a template holds, each around the values that are allowed.
NUMBERS_NEAR = {"day": st.integers(-1, 32), "month": st.integers(-1, 13),
                "months_after": st.integers(-1, 13), "decimals": st.integers(-1, 7),
                "start_year": st.integers(1947, 2201), "end_year": st.integers(1947, 2201),
                "version": st.integers(0, 2)}
DELETE = object()


def _paths(document: dict) -> list[tuple]:
    """Every key path of a template, tables and their keys included."""
    paths = [(key,) for key in document]
    for key, value in document.items():
        if isinstance(value, dict):
            paths += [(key, k) for k in value]
        if isinstance(value, list):
            for index, item in enumerate(value):
                paths.append((key, index))
                if isinstance(item, dict):
                    paths += [(key, index, k) for k in item]
                    if isinstance(item.get("targets"), dict):
                        paths += [(key, index, "targets", k) for k in item["targets"]]
    return paths


def _set(document, path: tuple, value) -> None:
    for key in path[:-1]:
        document = document[key]
    if value is DELETE:
        del document[path[-1]]
    else:
        # A copy: NEAR's tables are shared between examples, and a later change inside one
        # would reach every document holding it (even itself, past any depth emit can write).
        document[path[-1]] = copy.deepcopy(value)


@st.composite
def changed_templates(draw):
    """A shipped template with values changed, keys deleted or added, tables twice or gone."""
    document = tomllib.loads(find_template(draw(st.sampled_from(TEMPLATES))).read_text("utf-8"))
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(document)
        # Half the time among the plan's own keys and deadlines, fewer than the indicators' keys.
        head = [p for p in paths if p[0] != "indicator"]
        path = draw(st.sampled_from(paths if draw(st.booleans()) or not head else head))
        action = draw(st.sampled_from(["set", "set", "set", "delete", "add", "twice"]))
        if action == "set":
            _set(document, path, draw(st.one_of(NEAR, TOML_VALUES, *(
                [NUMBERS_NEAR[path[-1]]] * 2 if path[-1] in NUMBERS_NEAR else []))))
        elif action == "delete":
            _set(document, path, DELETE)
        elif action == "add":
            table = document
            for key in path[:-1]:
                table = table[key]
            if isinstance(table, dict):
                table[draw(st.sampled_from(["targets", "note", "colour", "month", "months_after",
                                            "rounding", "unit"]))] = copy.deepcopy(
                    draw(st.one_of(NEAR, TOML_VALUES)))
        elif isinstance(document.get(path[0]), list) and document[path[0]]:
            items = document[path[0]]
            items.append(json.loads(json.dumps(items[-1], default=str)))
    return document


def check_template(tmp_path, raw: bytes, document: dict | None = None) -> None:
    """Load a template: a refusal for the clerk, or a plan that is what the text says."""
    path = tmp_path / "plan.toml"
    path.write_bytes(raw)
    try:
        plan = load_template(path)
    except QdeskError as exc:
        assert isinstance(exc, TemplateError)
        assert_refusal(exc)
        event("refused")
        return
    event("accepted")
    if document is not None:
        head = document["plan"]
        assert (plan.id, plan.title, plan.start_year, plan.end_year) == (
            head["id"].strip(), head["title"].strip(), head["start_year"], head["end_year"])
        assert [i.code for i in plan.indicators] == [i["code"].strip()
                                                     for i in document["indicator"]]
        for indicator, item in zip(plan.indicators, document["indicator"]):
            assert (indicator.kind.value, indicator.frequency.value, str(indicator.target)) == (
                item["kind"], item["frequency"], _target_text(item["target"]))
            assert {y: str(t) for y, t in indicator.targets.items()} == {
                int(y): _target_text(t) for y, t in item.get("targets", {}).items()}
    # The calendar works out every due date the plan asks for.
    assert len(obligations(plan)) >= 0
    # What a database built from it holds is the same plan.
    from qdesk.databases import create_database
    from qdesk.store.database import open_store
    from qdesk.store.plans import load_plan

    target = tmp_path / "built.qdesk"
    for suffix in ("", "-wal", "-shm"):
        (tmp_path / f"built.qdesk{suffix}").unlink(missing_ok=True)
    create_database(target, path, "659001", "石河子市", force=True)
    with open_store(target) as store:
        assert load_plan(store) == plan


def _target_text(text: object) -> str:
    from qdesk.core.targets import Target

    # As the loader reads a target that is not text (target = 1): by its TOML spelling.
    return str(Target.parse(text if isinstance(text, str) else repr(text)))


@fuzz_settings(EXAMPLES)
@given(document=changed_templates())
def test_a_changed_template_is_read_exactly_or_refused(tmp_path, document):
    check_template(tmp_path, emit(document).encode("utf-8"), document)


@fuzz_settings(EXAMPLES)
@given(data=st.data())
def test_a_template_with_lines_changed_is_read_or_refused(tmp_path, data):
    lines = find_template(data.draw(st.sampled_from(TEMPLATES))).read_text("utf-8").splitlines()
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(lines) - 1))
        how = data.draw(st.integers(0, 4))
        if how == 0:
            del lines[at]
        elif how == 1:
            lines.insert(at, lines[data.draw(st.integers(0, len(lines) - 1))])
        elif how == 2:
            key = lines[at].split("=")[0]
            lines[at] = f"{key}= {data.draw(st.text(max_size=12))}"
        elif how == 3:
            lines[at] = data.draw(st.text(max_size=30))
        else:
            lines.insert(at, data.draw(st.sampled_from(["[[indicator]]", "[[deadline]]",
                                                        "[plan]", "[other]", "x = 1", "]]"])))
    check_template(tmp_path, "\n".join(lines).encode(data.draw(st.sampled_from(
        ["utf-8", "utf-8-sig", "gb18030"]))))


@fuzz_settings(EXAMPLES)
@given(raw=st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode),
                     TOML_VALUES.map(lambda v: f"x = {_value(v)}".encode())))
def test_random_bytes_are_refused_as_a_template(tmp_path, raw):
    with pytest.raises(TemplateError) as info:
        load_template_bytes(tmp_path, raw)
    assert_refusal(info.value)


def load_template_bytes(tmp_path, raw: bytes):
    path = tmp_path / "plan.toml"
    path.write_bytes(raw)
    return load_template(path)
