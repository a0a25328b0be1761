"""Moments are stored in UTC and shown on Colombia's clock, whatever the laptop's zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from mesa_desktop.clock import COLOMBIA, local_time, to_utc
from mesa_desktop.services import attendance, conformation, demo, document_data, sessions
from mesa_desktop.store import Store


def test_conversions():
    naive_utc = datetime(2026, 3, 5, 14, 2)
    assert to_utc(naive_utc) == datetime(2026, 3, 5, 14, 2, tzinfo=UTC)
    bogota = datetime(2026, 3, 5, 9, 2, tzinfo=COLOMBIA)
    assert to_utc(bogota) == datetime(2026, 3, 5, 14, 2, tzinfo=UTC)
    assert local_time(naive_utc) == time(9, 2)
    assert local_time("2026-03-05T14:02:00+00:00") == time(9, 2)
    assert local_time(None) is None


def test_a_check_in_is_printed_on_colombian_time(store, monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Tokyo")  # the laptop's zone must not matter
    s = sessions.new_session(store, on=date(2026, 3, 5), kind="ordinary", start_time=time(9))
    person = conformation.add_person(store, "Ana Pérez", dependency="Dirección de Aseguramiento")
    attendance.check_in(store, s.id, person.id, at=datetime(2026, 3, 5, 9, 2, tzinfo=COLOMBIA))
    stored = attendance.list_attendance(store, s.id)[0].check_in_at
    assert to_utc(stored) == datetime(2026, 3, 5, 14, 2, tzinfo=UTC)
    sheet = document_data.attendance_sheet_data(store, s.id)
    assert sheet.attendees[0].check_in == time(9, 2)
    acta = document_data.acta_data(store, s.id)
    assert acta.attendees[0].check_in == time(9, 2)


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_demo_builds_for_other_territories_with_morning_check_ins(tmp_path):
    store = Store(tmp_path / "medellin.sqlite")
    demo.build_demo(store, territory_code="05001", year=2026)
    assert conformation.get_mesa(store).territory_name == "Medellín (Antioquia)"
    first = sessions.list_sessions(store)[0]
    times = [local_time(a.check_in_at) for a in attendance.list_attendance(store, first.id)]
    assert times and all(time(8, 30) <= t <= time(9, 30) for t in times)
    store.close()


def test_today_is_colombias_date_unless_pinned(monkeypatch):
    from datetime import date

    from mesa_desktop import clock

    monkeypatch.delenv("MESA_TODAY", raising=False)
    assert clock.today() == clock.local(clock.utcnow()).date()
    with clock.pinned_today(date(2026, 3, 2)):
        assert clock.today() == date(2026, 3, 2)
    monkeypatch.setenv("MESA_TODAY", "2027-01-15")
    assert clock.today() == date(2027, 1, 15)
