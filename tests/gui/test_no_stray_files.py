"""A workbench session leaves nothing beside the database when it is closed."""

import os

from qdesk.gui.session import Session
from qdesk.store.file_lock import lock_path


def test_a_closed_workbench_session_leaves_no_lock_note_or_other_file_beside_the_database(
        demo_db):
    before = sorted(os.listdir(demo_db.parent))
    session = Session(demo_db)
    assert lock_path(demo_db).exists()      # held while open, naming who holds it
    session.close()
    assert sorted(os.listdir(demo_db.parent)) == before
