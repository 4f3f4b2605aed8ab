"""Where databases live: the per-user folder, and the name a new database is offered there."""

from qdesk import locations


def test_a_new_database_is_offered_the_default_file_while_there_is_none(tmp_path, monkeypatch):
    monkeypatch.setattr(locations, "default_database", lambda: tmp_path / "qdesk.qdesk")
    assert locations.new_database_path() == tmp_path / "qdesk.qdesk"


def test_a_new_database_is_offered_the_first_free_name_beside_it(tmp_path, monkeypatch):
    monkeypatch.setattr(locations, "default_database", lambda: tmp_path / "qdesk.qdesk")
    for name in ("qdesk.qdesk", "qdesk-2.qdesk"):
        (tmp_path / name).write_bytes(b"")
    assert locations.new_database_path() == tmp_path / "qdesk-3.qdesk"
