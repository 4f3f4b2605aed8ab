"""The audit trail as a hash chain: every batch recorded chains on the one before, an older file's
trail is chained when it is upgraded, and any one row edited, deleted or slipped in is named."""

import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from qdesk.databases import create_database
from qdesk.plans.library import find_template
from qdesk.store import audit
from qdesk.store.audit import Change, chain_hash, chain_rows, record_many, sequence
from qdesk.store.check import check_database
from qdesk.store.database import open_store

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def empty_county(tmp_path_factory):
    """A county as `qdesk init` makes it, made once; each example works on a copy."""
    path = tmp_path_factory.mktemp("county") / "master.qdesk"
    create_database(path, find_template("panjin-2014"), "211122", "盘山县")
    return path


def copy_of(master, folder, name):
    path = folder / name
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    shutil.copy(master, path)
    return path


def chain_holds(conn):
    previous = None
    for *fields, stored in chain_rows(conn):
        if chain_hash(previous, fields) != stored:
            return False
        previous = stored
    return True


texts = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)
changes = st.builds(
    Change, table=st.sampled_from(["settings", "narratives", "groups"]), key=texts,
    action=st.sampled_from(["insert", "update", "delete"]),
    old=st.none() | st.dictionaries(texts, st.integers() | texts | st.none(), max_size=3),
    new=st.none() | st.dictionaries(texts, st.integers() | texts | st.none(), max_size=3),
    reason=st.none() | texts, unit_code=st.none() | texts, period=st.none() | texts)
batches = st.lists(st.lists(changes, min_size=0, max_size=6), min_size=1, max_size=5)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(batches=batches)
def test_any_sequence_of_recorded_batches_chains(empty_county, tmp_path, batches):
    path = copy_of(empty_county, tmp_path, "chained.qdesk")
    with open_store(path) as store:
        before = sequence(store.conn)
        for batch in batches:
            with store.transaction():
                record_many(store, batch)
        assert sequence(store.conn) == before + sum(map(len, batches))
        assert chain_holds(store.conn)
    assert check_database(path).counted.get("chain", 0) == 0


@pytest.fixture(scope="module")
def recorded(empty_county, tmp_path_factory):
    """The county with a trail of 30 rows more, recorded in batches as the services do."""
    path = tmp_path_factory.mktemp("recorded") / "master.qdesk"
    shutil.copy(empty_county, path)
    with open_store(path) as store:
        for n in range(10):
            with store.transaction():
                record_many(store, [Change("settings", f"k{n}-{i}", "update", {"value": i},
                                           {"value": i + 1}) for i in range(3)])
        length = sequence(store.conn)
    return path, length


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_single_row_edited_deleted_or_slipped_in_by_sql_is_found_and_named(
        recorded, tmp_path, data):
    master, length = recorded
    path = copy_of(master, tmp_path, "tampered.qdesk")
    how = data.draw(st.sampled_from(["edit", "delete", "insert"]))
    conn = sqlite3.connect(path)
    if how == "edit":
        row = data.draw(st.integers(1, length))
        column = data.draw(st.sampled_from(["at", "operator", "row_key", "old", "new", "reason",
                                            "hash"]))
        conn.execute(f"UPDATE audit SET {column} = ifnull({column}, '') || 'x' WHERE id = ?",
                     [row])
        named = row
    elif how == "delete":
        # The last row deleted leaves a shorter chain that holds: the figures are held to it.
        row = data.draw(st.integers(1, length - 1))
        conn.execute("DELETE FROM audit WHERE id = ?", [row])
        named = row + 1
    else:
        row = data.draw(st.integers(1, length))
        conn.execute("DELETE FROM audit WHERE id = ?", [row])   # its place, then a forgery
        conn.execute("INSERT INTO audit (id, at, operator, table_name, row_key, action, new,"
                     " hash) VALUES (?, 'x', '张三', 'settings', 'k', 'update', '{}', ?)",
                     [row, data.draw(st.text(max_size=64))])
        named = row
    conn.commit()
    conn.close()
    report = check_database(path)
    assert report.broken_at == named
    assert f"audit row {named} " in report.render("en")


def test_a_first_id_must_lie_past_the_trails_end(empty_county, tmp_path):
    path = copy_of(empty_county, tmp_path, "first-id.qdesk")
    with open_store(path) as store:
        end = sequence(store.conn)
        change = Change("settings", "k", "update", {"value": 1}, {"value": 2})
        with pytest.raises(ValueError, match="not past the trail's end"):
            with store.transaction():
                record_many(store, [change], first_id=end)
        assert sequence(store.conn) == end
        with store.transaction():
            record_many(store, [change, change], first_id=end + 100)
        assert sequence(store.conn) == end + 101
        assert chain_holds(store.conn)


def test_the_sequence_of_an_empty_trail_is_0():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE audit (id INTEGER PRIMARY KEY)")
    assert sequence(conn) == 0


def test_an_older_files_trail_is_chained_in_id_order_when_it_is_upgraded(tmp_path):
    path = tmp_path / "county.qdesk"
    shutil.copy(FIXTURES / "schema-v1-demo.qdesk", path)
    unchained = check_database(path)
    assert unchained.ok and "未检查" in unchained.render("zh")
    with open_store(path) as store:
        assert store.execute("SELECT count(*) FROM audit WHERE hash IS NULL").fetchone() == (0,)
        assert chain_holds(store.conn)
    assert check_database(path).ok


def test_a_long_older_trail_is_chained_whole_across_the_upgrades_slices(tmp_path):
    path = tmp_path / "county.qdesk"
    shutil.copy(FIXTURES / "schema-v1-demo.qdesk", path)
    conn = sqlite3.connect(path)
    with conn:
        conn.executemany("INSERT INTO audit (at, operator, table_name, row_key, action, new)"
                         " VALUES ('2019-01-01T00:00:00+08:00', '王强', 'settings', ?, 'update',"
                         " '{}')", [(f"k{n}",) for n in range(25_000)])
    conn.close()
    with open_store(path) as store:
        assert sequence(store.conn) > 25_000
        assert chain_holds(store.conn)


def test_the_first_row_is_chained_to_genesis(empty_county):
    conn = sqlite3.connect(empty_county)
    first = conn.execute("SELECT * FROM audit ORDER BY id LIMIT 1").fetchone()
    fields, stored = first[:-1], first[-1]
    assert stored == chain_hash(None, fields) == chain_hash(audit.GENESIS, fields)
    assert audit.canonical(fields).startswith("[1,")


_FIELD = st.none() | st.integers(min_value=-2**63, max_value=2**63) | st.text() | st.booleans() \
    | st.floats(allow_nan=False)


@settings(max_examples=300)
@given(st.lists(_FIELD, min_size=len(audit.FIELDS), max_size=len(audit.FIELDS) + 1))
def test_a_rows_canonical_text_is_its_compact_json_array(row):
    """Written without the encoder for the trail's own types, as the encoder writes any: the
    hashes of files written before stay right (quotes, control characters, CJK, lone
    surrogates, a bool or a float falling back to the encoder)."""
    import json

    assert audit.canonical(row) == json.dumps(row[:len(audit.FIELDS)], ensure_ascii=False,
                                              separators=(",", ":"))


def test_the_demos_trail_is_chained_as_the_encoder_would_chain_it(demo_master):
    """Every row of a trail written now carries the hash of the encoder's text for it, as a
    file written before does."""
    import hashlib
    import json

    conn = sqlite3.connect(demo_master)
    previous = audit.GENESIS
    for *fields, stored in chain_rows(conn):
        text = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
        assert hashlib.sha256(f"{previous}\n{text}".encode("utf-8")).hexdigest() == stored
        previous = stored
    conn.close()
