"""Making a database from a plan template: the service behind `qdesk init` and the welcome dialog."""

from __future__ import annotations

from pathlib import Path

from qdesk.plans.template import load_template
from qdesk.store.database import Store
from qdesk.store.settings import set_setting
from qdesk.store.setup import build_new, seed


def create_database(target: Path, template: Path, unit_code: str, unit_name: str,
                    force: bool = False, operator: str = "") -> None:
    """A new database holding one checked plan template and the office's own unit.

    An `operator` given is set first, so the audit trail names them from its first row.
    """
    plan = load_template(template)
    text = Path(template).read_bytes().decode("utf-8-sig")

    def fill(store: Store) -> None:
        if operator.strip():
            set_setting(store, "operator", operator.strip())
        seed(store, plan, text, unit_code, unit_name)

    build_new(target, fill, force)
