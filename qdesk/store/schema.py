"""The schema, as an ordered list of migrations; a file's PRAGMA user_version counts those applied."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from qdesk.store.audit_chain import FIELDS, chain_hash

if TYPE_CHECKING:
    from sqlite_utils import Database

# "qdk1": marks a SQLite file as a qdesk database (PRAGMA application_id).
APPLICATION_ID = 0x71646B31

_V1 = """
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE plans (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    doc_number TEXT,
    issuer TEXT,
    start_year INTEGER NOT NULL,
    end_year INTEGER NOT NULL,
    rounding TEXT NOT NULL,
    judge TEXT NOT NULL,
    template TEXT NOT NULL,
    loaded_at TEXT NOT NULL
);
CREATE TABLE deadlines (
    id INTEGER PRIMARY KEY,
    plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    report TEXT NOT NULL,
    day INTEGER NOT NULL,
    months_after INTEGER,
    month INTEGER,
    UNIQUE (plan_id, report)
);
CREATE TABLE indicators (
    id INTEGER PRIMARY KEY,
    plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    category TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('rate', 'value', 'count', 'flag')),
    unit TEXT NOT NULL,
    decimals INTEGER NOT NULL,
    frequency TEXT NOT NULL,
    over_units TEXT NOT NULL,
    over_time TEXT NOT NULL,
    numerator_label TEXT,
    denominator_label TEXT,
    responsible TEXT,
    note TEXT,
    UNIQUE (plan_id, code)
);
CREATE TABLE units (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    parent_id INTEGER REFERENCES units(id),
    level TEXT NOT NULL,
    division_code TEXT,
    credit_code TEXT,
    position INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE targets (
    id INTEGER PRIMARY KEY,
    indicator_id INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
    unit_id INTEGER REFERENCES units(id),
    year INTEGER,
    expr TEXT NOT NULL
);
CREATE UNIQUE INDEX targets_scope ON targets (indicator_id, ifnull(unit_id, 0), ifnull(year, 0));
CREATE TABLE entries (
    id INTEGER PRIMARY KEY,
    indicator_id INTEGER NOT NULL REFERENCES indicators(id),
    unit_id INTEGER NOT NULL REFERENCES units(id),
    period TEXT NOT NULL,
    numerator INTEGER,
    denominator INTEGER,
    value TEXT,
    note TEXT,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (unit_id, period, indicator_id),
    CHECK ((numerator IS NULL) = (denominator IS NULL)),
    CHECK ((value IS NULL) != (numerator IS NULL)),
    CHECK (denominator IS NULL OR (denominator > 0 AND numerator BETWEEN 0 AND denominator))
);
CREATE INDEX entries_by_indicator ON entries (indicator_id, period);
CREATE TABLE narratives (
    id INTEGER PRIMARY KEY,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    period TEXT NOT NULL,
    section TEXT NOT NULL,
    body TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (unit_id, period, section)
);
CREATE TABLE groups (
    id INTEGER PRIMARY KEY,
    unit_id INTEGER NOT NULL UNIQUE REFERENCES units(id),
    name TEXT NOT NULL,
    office_seat TEXT
);
CREATE TABLE adjustments (
    id INTEGER PRIMARY KEY,
    group_id INTEGER NOT NULL REFERENCES groups(id),
    date TEXT NOT NULL,
    doc_number TEXT NOT NULL,
    reason TEXT,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE members (
    id INTEGER PRIMARY KEY,
    group_id INTEGER NOT NULL REFERENCES groups(id),
    role TEXT NOT NULL CHECK (role IN ('leader', 'deputy', 'member', 'office-director')),
    name TEXT NOT NULL CHECK (name != ''),
    post TEXT,
    unit_name TEXT,
    phone TEXT,
    position INTEGER NOT NULL DEFAULT 0,
    start_date TEXT NOT NULL,
    start_adjustment_id INTEGER REFERENCES adjustments(id),
    end_date TEXT,
    end_adjustment_id INTEGER REFERENCES adjustments(id),
    CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX members_by_group ON members (group_id, role, position);
CREATE TABLE submissions (
    id INTEGER PRIMARY KEY,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    period TEXT NOT NULL,
    report TEXT NOT NULL,
    correction INTEGER NOT NULL DEFAULT 0,
    file_name TEXT,
    sha256 TEXT,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE locks (
    id INTEGER PRIMARY KEY,
    period TEXT NOT NULL,
    submission_id INTEGER REFERENCES submissions(id),
    locked_by TEXT NOT NULL,
    locked_at TEXT NOT NULL,
    unlocked_by TEXT,
    unlocked_at TEXT,
    unlock_reason TEXT,
    CHECK ((unlocked_at IS NULL) OR (unlock_reason IS NOT NULL AND unlock_reason != ''))
);
CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    operator TEXT NOT NULL,
    table_name TEXT NOT NULL,
    row_key TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
    old TEXT,
    new TEXT,
    reason TEXT,
    unit_code TEXT,
    period TEXT
);
CREATE INDEX audit_by_time ON audit (at);
"""


_V2 = """
CREATE TABLE packages (
    id INTEGER PRIMARY KEY,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    period TEXT NOT NULL,
    file_name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    manifest TEXT NOT NULL,
    replaced_by INTEGER REFERENCES packages(id),
    imported_by TEXT NOT NULL,
    imported_at TEXT NOT NULL
);
CREATE INDEX packages_by_unit ON packages (unit_id, period);
"""

_V4 = """
CREATE TABLE reference_figures (
    id INTEGER PRIMARY KEY,
    indicator_id INTEGER NOT NULL REFERENCES indicators(id),
    period TEXT NOT NULL,
    value TEXT NOT NULL,
    note TEXT,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (indicator_id, period)
);
"""

_V6 = """
CREATE TABLE tasks (
    id INTEGER PRIMARY KEY,
    plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    code TEXT NOT NULL,
    text TEXT NOT NULL,
    category TEXT NOT NULL,
    lead TEXT,
    deadline TEXT,
    UNIQUE (plan_id, code)
);
CREATE TABLE task_progress (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES tasks(id),
    unit_id INTEGER NOT NULL REFERENCES units(id),
    period TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('not-started', 'in-progress', 'done', 'late')),
    progress TEXT NOT NULL DEFAULT '',
    done_on TEXT,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (task_id, unit_id, period),
    CHECK ((status = 'done') = (done_on IS NOT NULL))
);
"""

_V7 = """
ALTER TABLE plans ADD COLUMN assessment TEXT;
CREATE TABLE assessment_scores (
    id INTEGER PRIMARY KEY,
    year INTEGER NOT NULL,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    item TEXT NOT NULL,
    points TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (reason != ''),
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (year, unit_id, item)
);
CREATE TABLE assessment_entries (
    id INTEGER PRIMARY KEY,
    year INTEGER NOT NULL,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    kind TEXT NOT NULL CHECK (kind IN ('bonus', 'penalty')),
    item TEXT NOT NULL,
    count INTEGER NOT NULL CHECK (count > 0),
    reason TEXT NOT NULL CHECK (reason != ''),
    doc_number TEXT,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX assessment_entries_by_year ON assessment_entries (year, unit_id);
CREATE TABLE assessment_publications (
    id INTEGER PRIMARY KEY,
    year INTEGER NOT NULL,
    published_by TEXT NOT NULL,
    published_at TEXT NOT NULL,
    unpublished_by TEXT,
    unpublished_at TEXT,
    unpublish_reason TEXT,
    CHECK ((unpublished_at IS NULL) OR (unpublish_reason IS NOT NULL AND unpublish_reason != ''))
);
"""

# Entries rebuilt, as SQLite changes no CHECK in place: a figure may now be neither a rate nor a
# value, which is 无此项 (nothing to count in the period). The few such rows have an index of their
# own, so that counting them never reads every figure's row.
_V8 = """
CREATE TABLE entries_v8 (
    id INTEGER PRIMARY KEY,
    indicator_id INTEGER NOT NULL REFERENCES indicators(id),
    unit_id INTEGER NOT NULL REFERENCES units(id),
    period TEXT NOT NULL,
    numerator INTEGER,
    denominator INTEGER,
    value TEXT,
    note TEXT,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (unit_id, period, indicator_id),
    CHECK ((numerator IS NULL) = (denominator IS NULL)),
    CHECK (value IS NULL OR numerator IS NULL),
    CHECK (denominator IS NULL OR (denominator > 0 AND numerator BETWEEN 0 AND denominator))
);
INSERT INTO entries_v8 SELECT id, indicator_id, unit_id, period, numerator, denominator, value,
    note, updated_by, updated_at FROM entries;
DROP TABLE entries;
ALTER TABLE entries_v8 RENAME TO entries;
CREATE INDEX entries_by_indicator ON entries (indicator_id, period);
CREATE INDEX entries_not_applicable ON entries (unit_id, period, indicator_id)
    WHERE numerator IS NULL AND value IS NULL
"""

_V9 = """
CREATE TABLE doc_numbers (
    id INTEGER PRIMARY KEY,
    organ_code TEXT NOT NULL CHECK (organ_code != ''),
    year INTEGER NOT NULL,
    number INTEGER NOT NULL CHECK (number > 0),
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    issued_on TEXT NOT NULL,
    taken_by TEXT NOT NULL,
    taken_at TEXT NOT NULL,
    withdrawn_by TEXT,
    withdrawn_at TEXT,
    withdraw_reason TEXT,
    UNIQUE (organ_code, year, number),
    CHECK ((withdrawn_at IS NULL) OR (withdraw_reason IS NOT NULL AND withdraw_reason != ''))
);
UPDATE settings SET key = 'issuing_organ' WHERE key = 'signature'
    AND NOT EXISTS (SELECT 1 FROM settings WHERE key = 'issuing_organ')
"""


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


def _v1(db: Database) -> None:
    for statement in _statements(_V1):
        db.execute(statement)


def _v2(db: Database) -> None:
    """Submission packages imported from subordinate units, each kept even when replaced."""
    for statement in _statements(_V2):
        db.execute(statement)


def _v3(db: Database) -> None:
    """Units retired from a day on (DESIGN.md §12): kept with their data, no longer due."""
    db.execute("ALTER TABLE units ADD COLUMN retired_on TEXT")


def _v4(db: Database) -> None:
    """Reference figures (参照值: 全省平均) an indicator is judged against, one per period, the
    same for every unit of the office."""
    for statement in _statements(_V4):
        db.execute(statement)


def _v5(db: Database) -> None:
    """Indicators whose office figure is rolled up from its units (source 'units', DESIGN.md §3)
    and indicators retired: kept with their figures, no longer entered."""
    db.execute("ALTER TABLE indicators ADD COLUMN source TEXT NOT NULL DEFAULT 'entered'")
    db.execute("ALTER TABLE indicators ADD COLUMN retired INTEGER NOT NULL DEFAULT 0")


def _v6(db: Database) -> None:
    """The task ledger (DESIGN.md §13): the plan's [[task]]s, and each task's status, progress
    and done day per unit and period."""
    for statement in _statements(_V6):
        db.execute(statement)


def _v7(db: Database) -> None:
    """The assessment (考核): the plan's scheme as JSON on its row (read and scored whole, never
    queried in part, replaced whole with the plan, as its template text is), and the year's
    decisions: manual scores, bonus and penalty entries, and publications, which lock a year
    (an unpublished one keeps the reason)."""
    for statement in _statements(_V7):
        db.execute(statement)


def _v8(db: Database) -> None:
    """An entry of 无此项 (DESIGN.md §4: reported, nothing to count): no rate and no value."""
    for statement in _statements(_V8):
        db.execute(statement)


def _v9(db: Database) -> None:
    """The 发文字号 register (DESIGN.md §14): per organ code and year, each number taken once and
    kept for good (a withdrawn document is marked, never deleted); and the 落款 setting
    ("signature") becomes the issuing organ (发文机关) the header and the signature both print."""
    for statement in _statements(_V9):
        db.execute(statement)


def _v10(db: Database) -> None:
    """The audit trail becomes a hash chain (DESIGN.md §10): each row carries the hash of its
    fields and of the row before it; the rows already there are chained in the order written."""
    db.execute("ALTER TABLE audit ADD COLUMN hash TEXT")
    previous: str | None = None
    last_id = 0
    while True:     # in slices, so that a long trail is never held whole
        rows = db.execute(f"SELECT {', '.join(FIELDS)} FROM audit WHERE id > ? ORDER BY id"
                          " LIMIT 10000", [last_id]).fetchall()
        if not rows:
            return
        hashes = []
        for row in rows:
            previous = chain_hash(previous, row)
            hashes.append((previous, row[0]))
        db.conn.executemany("UPDATE audit SET hash = ? WHERE id = ?", hashes)
        last_id = rows[-1][0]


_SIGNING_KEYS = """
CREATE TABLE own_key (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    private_key BLOB NOT NULL,
    public_key BLOB NOT NULL,
    made_at TEXT NOT NULL
);
CREATE TABLE package_sequences (
    unit_code TEXT PRIMARY KEY,
    last INTEGER NOT NULL CHECK (last > 0)
);
CREATE TABLE signing_keys (
    id INTEGER PRIMARY KEY,
    unit_code TEXT NOT NULL,
    public_key BLOB NOT NULL,
    fingerprint TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    package TEXT NOT NULL,
    forgotten_at TEXT,
    forget_reason TEXT,
    CHECK ((forgotten_at IS NULL) OR (forget_reason IS NOT NULL AND forget_reason != ''))
);
CREATE UNIQUE INDEX signing_keys_standing ON signing_keys (unit_code) WHERE forgotten_at IS NULL;
ALTER TABLE packages ADD COLUMN sequence INTEGER
"""


def _v11(db: Database) -> None:
    """Signed packages (DESIGN.md §9): the office's own key pair and the count of packages it has
    made (a package's sequence), and each subordinate unit's public key, kept from its first
    package until forgotten with a reason; a package on record keeps its sequence."""
    for statement in _statements(_SIGNING_KEYS):
        db.execute(statement)


_PACKAGE_REVIEWS = """
ALTER TABLE packages ADD COLUMN review TEXT NOT NULL DEFAULT 'pending'
    CHECK (review IN ('pending', 'accepted', 'returned'));
ALTER TABLE packages ADD COLUMN review_reason TEXT;
ALTER TABLE packages ADD COLUMN reviewed_by TEXT;
ALTER TABLE packages ADD COLUMN reviewed_at TEXT
"""


def _package_reviews(db: Database) -> None:
    """The superior's review of each package on record (DESIGN.md §9): 待审核 on import, then
    已审核 or 已退回 with a reason; a package on record before it is 待审核, and so is each
    correction, which comes as a new row."""
    for statement in _statements(_PACKAGE_REVIEWS):
        db.execute(statement)


_CORRECTIONS = """
ALTER TABLE adjustments ADD COLUMN corrects INTEGER REFERENCES adjustments(id);
ALTER TABLE adjustments ADD COLUMN withdraws INTEGER NOT NULL DEFAULT 0 CHECK (withdraws IN (0, 1));
CREATE UNIQUE INDEX adjustments_corrected_once ON adjustments (corrects) WHERE corrects IS NOT NULL
"""


def _adjustment_corrections(db: Database) -> None:
    """A leading-group adjustment corrected or withdrawn (更正, 撤销) by a later one that refers
    to it (DESIGN.md §6): the original stays as it was written, corrected at most once."""
    for statement in _statements(_CORRECTIONS):
        db.execute(statement)


def _warn_rules(db: Database) -> None:
    """When a figure is unlikely (DESIGN.md §3 `warn`, [[check]]): the plan's rules as JSON on its
    row, read whole and replaced whole with the plan, as its assessment scheme is; none on a
    plan loaded before, which takes the defaults."""
    db.execute("ALTER TABLE plans ADD COLUMN warn_rules TEXT")


# Each migration brings the schema from version i to i + 1, inside the upgrade's transaction
# (later ones reshape tables with sqlite-utils' Table.transform). Never edit one that has
# shipped: append a new one.
MIGRATIONS: list[Callable[[Database], None]] = [_v1, _v2, _v3, _v4, _v5, _v6, _v7, _v8, _v9,
                                               _v10, _v11, _package_reviews,
                                               _adjustment_corrections, _warn_rules]
SCHEMA_VERSION = len(MIGRATIONS)
# The first version whose audit trail is a hash chain.
AUDIT_CHAINED = MIGRATIONS.index(_v10) + 1
