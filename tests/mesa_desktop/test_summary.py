"""The home page's summary: trusted only for the exact store content, day and version it was
made from; anything else (missing, torn, stale, another day or version) is ignored."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import event

from mesa_desktop import clock, summary
from mesa_desktop.operations import dashboard as dashboard_ops
from mesa_desktop.services import action_plan, conformation
from mesa_desktop.store import Store, resolve_location

CONTENT = {"mesa": "Mesa de prueba", "subtitle": "…", "cards": {}}


def test_the_fingerprint_follows_what_the_home_page_reads(demo_store):
    file = demo_store.file
    first = summary.fingerprint(file)
    assert first is not None and summary.fingerprint(file) == first  # reading changes nothing
    conformation.update_mesa(demo_store, focal_point_name="Rosalba Contreras Jaimes")
    second = summary.fingerprint(file)
    assert second not in (None, first)
    # Work on a table the overview never reads (the action plan) keeps the summary valid.
    action_plan.create_plan(demo_store, clock.today().year + 1, "Plan del año siguiente")
    assert summary.fingerprint(file) == second


def test_the_tables_left_out_are_never_read_by_the_overview(demo_store):
    read: set[str] = set()

    @event.listens_for(demo_store.engine, "before_cursor_execute")
    def record(_conn, _cursor, statement, *_rest):
        read.update(re.findall(r'(?:FROM|JOIN)\s+"?(\w+)', statement))

    overview = dashboard_ops.dashboard_view(demo_store)
    assert overview.last_quorum is not None and overview.overdue  # every part of it was read
    assert {"mesa", "meeting_session", "attendance", "commitment", "dependency"} <= read
    assert read.isdisjoint(summary.UNREAD_TABLES)
    # The names left out are real tables (a renamed one would silently stop being left out).
    with demo_store.engine.connect() as conn:
        tables = {
            name for (name,) in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")
        }
    assert summary.UNREAD_TABLES <= tables


def test_no_fingerprint_without_a_sqlite_file(tmp_path):
    missing = tmp_path / "no-existe.sqlite"
    assert summary.fingerprint(missing) is None
    assert not missing.exists()  # looking did not create it
    other = tmp_path / "notas.sqlite"
    other.write_text("esto no es una base de datos")
    assert summary.fingerprint(other) is None


def test_a_summary_is_read_back_while_the_store_is_unchanged(demo_store):
    file, today = demo_store.file, clock.today()
    summary.write(file, summary.fingerprint(file), {today: CONTENT})
    assert summary.read(file, today) == CONTENT
    assert summary.days_kept(file) == {today}
    assert summary.summary_path(file).name == ".mesa.sqlite.inicio.json"


def test_each_day_has_its_own_texts_and_the_same_content_keeps_its_days(demo_store):
    file, today = demo_store.file, clock.today()
    tomorrow = today + timedelta(days=1)
    stamp = summary.fingerprint(file)
    summary.write(file, stamp, {today: CONTENT, tomorrow: CONTENT | {"mesa": "mañana"}})
    summary.write(file, stamp, {today: CONTENT | {"mesa": "hoy"}})  # the home page, later
    assert summary.read(file, today)["mesa"] == "hoy"
    assert summary.read(file, tomorrow)["mesa"] == "mañana"
    assert summary.read(file, today + timedelta(days=2)) is None  # no texts for that day
    conformation.update_mesa(demo_store, focal_point_name="Rosalba Contreras Jaimes")
    summary.write(file, summary.fingerprint(file), {today: CONTENT})  # other content: days dropped
    assert summary.days_kept(file) == {today}


def test_the_days_ahead_are_the_overview_of_those_days(demo_store):
    today = clock.today()
    days = [today + timedelta(days=n) for n in range(summary.DAYS_AHEAD)]
    overviews = dashboard_ops.days_ahead_view(demo_store, days)
    assert overviews is not None and list(overviews) == days
    for day in (today, days[-1]):
        assert overviews[day] == dashboard_ops.dashboard_view(demo_store, day)


def test_a_stale_summary_is_ignored(demo_store):
    file, today = demo_store.file, clock.today()
    summary.write(file, summary.fingerprint(file), {today: CONTENT})
    conformation.update_mesa(demo_store, focal_point_name="Rosalba Contreras Jaimes")
    assert summary.read(file, today) is None


def test_a_summary_of_another_day_or_version_is_ignored(demo_store):
    file, today = demo_store.file, clock.today()
    summary.write(file, summary.fingerprint(file), {today: CONTENT})
    assert summary.read(file, today + timedelta(days=1)) is None  # "en 3 días" is now wrong
    record = json.loads(summary.summary_path(file).read_text(encoding="utf-8"))
    summary.summary_path(file).write_text(json.dumps(record | {"version": "0.0.1"}), encoding="utf-8")
    assert summary.read(file, today) is None
    summary.summary_path(file).write_text(json.dumps(record | {"format": 0}), encoding="utf-8")
    assert summary.read(file, today) is None


@pytest.mark.parametrize(
    "text",
    [
        '{"format": 2, "version": "0.1.0", "days": {"2026',
        "",
        "[]",
        '{"format": 2, "version": "0.1.0", "fingerprint": "x", "days": []}',
        '{"format": 2, "version": "0.1.0", "fingerprint": null, "days": {}}',
        "\x00\x01",
    ],
    ids=["torn", "empty", "list", "days-not-a-dict", "no-fingerprint", "binary"],
)
def test_a_corrupt_summary_is_ignored(demo_store, text):
    summary.summary_path(demo_store.file).write_text(text, encoding="utf-8")
    assert summary.read(demo_store.file, clock.today()) is None


def test_no_summary_no_file():
    assert summary.read(None, clock.today()) is None


def test_the_overview_carries_the_fingerprint_of_its_own_data(demo_store):
    overview = dashboard_ops.dashboard_view(demo_store)
    assert overview.today == clock.today()
    assert overview.fingerprint == summary.fingerprint(demo_store.file)


def test_the_summary_looks_for_the_store_file_the_store_opens(tmp_path, monkeypatch):
    def store_file(location):
        url = resolve_location(location)
        return Path(url.removeprefix("sqlite:///"))

    monkeypatch.delenv("MESA_DB", raising=False)
    given = tmp_path / "sub" / ".." / "mesa.sqlite"
    assert summary.store_file(str(given)) == store_file(str(given))
    assert summary.store_file(f"sqlite:///{tmp_path}/a.sqlite") == tmp_path / "a.sqlite"
    assert summary.store_file("postgresql+psycopg://mesa@localhost/mesa") is None
    monkeypatch.setenv("MESA_DB", str(tmp_path / "env.sqlite"))
    assert summary.store_file(None) == store_file(None) == tmp_path / "env.sqlite"
    monkeypatch.delenv("MESA_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert summary.store_file(None) == store_file(None)


def test_a_store_that_is_opened_again_keeps_its_fingerprint(demo_store):
    """Opening the store (the daily copy, the WAL checkpoint on close) changes no content."""
    file = demo_store.file
    before = summary.fingerprint(file)
    demo_store.close()
    Store(file).close()  # with its daily backup, as the app opens it
    assert summary.fingerprint(file) == before
