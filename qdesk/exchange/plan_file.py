"""The database's plan written out as a template file, for subordinate offices (plan export)."""

from __future__ import annotations

from pathlib import Path

from qdesk.files import check_new_file, write_text_whole
from qdesk.store.database import Store
from qdesk.store.plans import stored_template


def export_plan(store: Store, out: Path, force: bool = False) -> Path:
    """Write the template text the plan was last saved from; an existing file only if `force`."""
    check_new_file(out, force)
    return write_text_whole(out, stored_template(store))
