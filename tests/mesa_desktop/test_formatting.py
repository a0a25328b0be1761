"""One formatting module (es-CO, Colombia's clock) for the documents and the screens."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from babel.dates import format_date, format_time

from mesa_desktop import formatting
from mesa_desktop.documents import text


def test_hand_written_dates_and_times_read_as_babel_writes_them_for_es_co():
    day = date(2026, 1, 1)
    while day.year == 2026:
        assert formatting.long_date(day) == format_date(day, "d 'de' MMMM 'de' y", locale="es_CO")
        day += timedelta(days=1)
    for minute in range(24 * 60):
        at = time(minute // 60, minute % 60)
        babel = format_time(at, "h:mm a", locale="es_CO").replace("\u202f", "\u00a0").replace(" ", "\u00a0")
        assert formatting.clock(at) == babel


def test_the_two_short_dates_are_named_for_where_they_are_used():
    assert formatting.short_day(date(2026, 9, 21)) == "21 sep 2026"  # the screens' cells
    assert formatting.numeric_date(date(2026, 9, 21)) == "21/09/2026"  # the documents' cells
    assert formatting.short_day(None) == formatting.numeric_date(None) == "—"
    assert text.short_date(date(2026, 3, 15)) == "15/03/2026"  # the documents keep their output


def test_stored_moments_read_on_colombias_clock():
    stored = datetime(2026, 5, 21, 14, 3, 59, tzinfo=UTC)  # 9:03 in Bogotá
    assert formatting.hour(stored) == "9:03\u00a0a.\u00a0m."
    assert formatting.hour(datetime(2026, 5, 21, 14, 3)) == "9:03\u00a0a.\u00a0m."  # naive = UTC
    assert formatting.moment(datetime(2026, 5, 22, 2, 30, tzinfo=UTC)) == "21 may 2026, 9:30\u00a0p.\u00a0m."
    assert formatting.hour(None) == formatting.moment(None) == formatting.clock(None) == "—"
    assert formatting.time_range(time(8), time(10)) == "8:00\u00a0a.\u00a0m. a 10:00\u00a0a.\u00a0m."


def test_numbers_and_long_forms():
    assert formatting.number(113142) == "113.142" and formatting.number(48.5) == "48,5"
    assert formatting.percent(47.6) == "48%" and formatting.percent(None) == "Sin reporte"
    assert formatting.weekday_date(date(2026, 3, 15)) == "domingo 15 de marzo de 2026"
    assert formatting.month_year(date(2025, 11, 30)) == "Noviembre 2025"
    assert formatting.MONTHS_SHORT == (
        "ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic",
    )  # fmt: skip
