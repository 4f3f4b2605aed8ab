"""Making a database from a plan template: the service behind `qdesk init` and the welcome dialog."""

from __future__ import annotations

from pathlib import Path

from qdesk.plans.template import load_template
from qdesk.store.setup import build_new, seed


def create_database(target: Path, template: Path, unit_code: str, unit_name: str,
                    force: bool = False) -> None:
    """A new database holding one checked plan template and the office's own unit."""
    plan = load_template(template)
    text = Path(template).read_bytes().decode("utf-8-sig")
    build_new(target, lambda store: seed(store, plan, text, unit_code, unit_name), force)
