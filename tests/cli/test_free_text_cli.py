"""Free text that begins with '-' (a note "-2+3", a reason "-见附件") is taken as typed."""

import sqlite3

import pytest

from qdesk.cli import FREE_TEXT, _free_text_joined, build_parser

TEXT = "-2+3"

# Every free-text option, on a command line that is otherwise complete.
COMMAND_LINES = {
    "--unit-name": ["init", "--db", "x", "--template", "t", "--unit-code", "211122"],
    "--title": ["template", "import", "x.xlsx", "--out", "x.toml"],
    "--note": ["set", "--db", "x", "--unit", "u", "--period", "2020Q4", "--indicator", "P02",
               "--value", "1"],
    "--doc": ["report", "adjustment", "--db", "x", "--out", "x.pdf"],
    "--name": ["unit", "rename", "--db", "x", "--code", "211122100"],
    "--reason": ["docnumbers", "withdraw", "--db", "x", "--year", "2026", "--number", "3"],
    "--progress": ["task", "set", "--db", "x", "--period", "2026Q1", "--task", "T1",
                   "--status", "推进中"],
}


def test_every_free_text_option_has_a_command_line_here():
    assert set(COMMAND_LINES) == FREE_TEXT


@pytest.mark.parametrize("option", sorted(FREE_TEXT))
def test_a_free_text_value_beginning_with_a_dash_is_taken_as_the_value(option):
    args = build_parser().parse_args(_free_text_joined([*COMMAND_LINES[option], option, TEXT]))
    assert getattr(args, option[2:].replace("-", "_")) == TEXT


@pytest.mark.parametrize("line", [
    ["group", "import", "--db", "x", "r.txt", "--doc", "-1号", "--reason", "-换届"],
    ["assess", "bonus", "--db", "x", "--year", "2026", "--unit", "u", "--item", "B1",
     "--reason", "-省级表彰", "--doc", "-2"],
    ["reference", "set", "--db", "x", "--period", "2026", "--indicator", "P02", "--value", "1",
     "--note", "-省局"],
    ["unit", "add", "--db", "x", "--code", "211122100", "--level", "镇", "--name", "-镇"],
])
def test_free_text_options_of_other_commands_take_a_dash_too(line):
    args = build_parser().parse_args(_free_text_joined(line))
    for at, word in enumerate(line):
        if word in FREE_TEXT:
            assert getattr(args, word[2:].replace("-", "_")) == line[at + 1]


def test_a_forgotten_free_text_value_before_another_option_is_still_a_usage_error(capsys):
    line = [*COMMAND_LINES["--note"], "--note", "--lang", "en"]
    with pytest.raises(SystemExit) as refused:
        build_parser().parse_args(_free_text_joined(line))
    assert refused.value.code == 2
    assert "--note: expected one argument" in capsys.readouterr().err


def test_words_after_a_double_dash_are_left_as_given():
    assert _free_text_joined(["a", "--", "--note", "-x"]) == ["a", "--", "--note", "-x"]


def test_set_with_a_note_beginning_with_a_dash_stores_the_note(qdesk, demo_db):
    result = qdesk("set", "--db", demo_db, "--unit", "211122101", "--period", "2020Q4",
                   "--indicator", "P02", "--numerator", "95", "--denominator", "100",
                   "--note", TEXT)
    assert result.code == 0, result.err
    conn = sqlite3.connect(demo_db)
    notes = conn.execute("SELECT e.note FROM entries e JOIN units u ON u.id = e.unit_id"
                         " JOIN indicators i ON i.id = e.indicator_id WHERE u.code = '211122101'"
                         " AND e.period = '2020Q4' AND i.code = 'P02'").fetchall()
    conn.close()
    assert notes == [(TEXT,)]
