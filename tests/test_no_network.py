"""The app never opens a network connection (DESIGN.md §10): every command runs with it blocked.

The commands run in this process with socket creation, name lookup and connecting replaced by
a refusal that also keeps a record, so an attempt is seen even where a library would swallow the
error. Only AF_UNIX sockets stay allowed: they never leave the machine (asyncio and Qt make
local socket pairs with them; none of the commands here does). Windows' Python has none, and its
socket pairs are loopback TCP, refused as any other socket.
"""

from __future__ import annotations

import datetime as dt
import socket
import urllib.request

import pytest

from qdesk import cli


LOCAL = getattr(socket, "AF_UNIX", None)


class NetworkUsed(RuntimeError):
    """Not an OSError, which a library might catch and quietly work around."""


@pytest.fixture
def no_network(monkeypatch):
    """Every way to reach the network refused and recorded; the test fails on any attempt."""
    attempts: list[str] = []

    def refuse(what: str):
        attempts.append(what)
        raise NetworkUsed(f"qdesk tried to use the network: {what}")

    real_init = socket.socket.__init__

    def init(self, family=-1, type=-1, proto=-1, fileno=None):
        real_init(self, family, type, proto, fileno)
        if self.family != LOCAL:
            self.close()
            refuse(f"socket({self.family!r})")

    def connect(self, address):
        if self.family != LOCAL:
            refuse(f"connect({address!r})")
        return real_connect(self, address)

    real_connect = socket.socket.connect
    monkeypatch.setattr(socket.socket, "__init__", init)
    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect)
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex",
                 "gethostbyaddr", "getnameinfo"):
        monkeypatch.setattr(socket, name, lambda *args, _name=name, **kwargs: refuse(
            f"{_name}{args!r}"))
    yield attempts
    assert attempts == [], f"network used: {attempts}"


def test_the_blocker_refuses_every_way_out(no_network):
    for attempt in (lambda: socket.socket(socket.AF_INET, socket.SOCK_STREAM),
                    lambda: socket.socket(),
                    lambda: socket.socket(socket.AF_INET6, socket.SOCK_DGRAM),
                    lambda: socket.create_connection(("127.0.0.1", 9)),
                    lambda: socket.getaddrinfo("example.com", 80),
                    lambda: urllib.request.urlopen("http://127.0.0.1:9/", timeout=1)):
        with pytest.raises(NetworkUsed):
            attempt()
    assert len(no_network) == 6
    no_network.clear()
    if LOCAL is not None:
        # Local socket pairs stay possible: they are not the network.
        left, right = socket.socketpair(LOCAL)
        left.close()
        right.close()


def run(*args) -> int:
    return cli.main([str(a) for a in args])


def test_the_demo_is_built_offline(no_network, tmp_path, capsys):
    assert run("demo", "--db", tmp_path / "demo.qdesk") == 0
    assert (tmp_path / "demo.qdesk").is_file()


@pytest.mark.parametrize("kind,period", [("quarterly", "2020Q4"), ("half-year", "2020H2"),
                                         ("annual", "2020"), ("targets", "2020")])
def test_every_period_report_is_built_offline(no_network, demo_db, tmp_path, capsys, kind,
                                              period):
    out = tmp_path / f"{kind}.pdf"
    assert run("report", kind, "--db", demo_db, "--period", period, "--out", out,
               "--date", "2021-01-05") == 0
    assert out.stat().st_size > 0


@pytest.mark.parametrize("kind", ["roster", "adjustment"])
def test_the_group_reports_are_built_offline(no_network, demo_db, tmp_path, capsys, kind):
    out = tmp_path / f"{kind}.pdf"
    assert run("report", kind, "--db", demo_db, "--out", out, "--date", "2020-12-01") == 0
    assert out.stat().st_size > 0


def test_status_and_the_roster_are_shown_offline(no_network, demo_db, capsys):
    assert run("status", "--db", demo_db, "--period", "2020Q4", "--format", "json") == 0
    assert run("group", "show", "--db", demo_db, "--date", "2020-12-01") == 0


def test_every_export_and_the_import_upward_run_offline(no_network, demo_db, tmp_path, capsys):
    from qdesk.store.database import open_store
    from qdesk.store.units import add_subordinate

    assert run("export", "xlsx", "--db", demo_db, "--period", "2020Q4",
               "--out", tmp_path / "q4.xlsx") == 0
    assert run("export", "csv", "--db", demo_db, "--period", "2020Q4",
               "--out", tmp_path / "q4.csv") == 0
    sheets = tmp_path / "sheets"
    sheets.mkdir()
    assert run("export", "sheets", "--db", demo_db, "--period", "2020Q4", "--out", sheets) == 0
    assert len(list(sheets.glob("*.xlsx"))) == 7
    packages = tmp_path / "packages"
    packages.mkdir()
    assert run("export", "package", "--db", demo_db, "--period", "2020Q4",
               "--out", packages) == 0
    package, = packages.glob("*.qdpkg")

    city = tmp_path / "city.qdesk"
    assert run("init", "--db", city, "--template", "panjin-2014", "--unit-code", "211100",
               "--unit-name", "盘锦市") == 0
    with open_store(city) as store:
        add_subordinate(store, "211122", "盘山县", "county")
    assert run("import", package, "--db", city) == 0
    with open_store(city) as store:
        assert store.db["packages"].count == 1 and store.db["entries"].count > 0


def test_an_entry_sheet_and_a_roster_are_imported_offline(no_network, demo_db, tmp_path,
                                                          capsys):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("单位代码,指标代码,报告期,分子,分母,数值,备注\n211122101,P02,2020Q4,95,100,,\n",
                     encoding="utf-8")
    assert run("import", sheet, "--db", demo_db) == 0
    roster = tmp_path / "roster.txt"
    roster.write_text("组长：王永威 副县长\n成员：李晓燕 县教育局副局长\n", encoding="utf-8")
    assert run("group", "import", "--db", demo_db, roster, "--date", dt.date(2020, 12, 1),
               "--doc", "盘县政办发〔2020〕99号") == 0

