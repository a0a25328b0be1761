"""Colombian business days: holidays from the `holidays` package, deadlines counted from the day after."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from mesa_desktop.rules import calendar
from mesa_desktop.rules.calendar import (
    Holiday,
    add_business_days,
    business_days_between,
    holiday_name,
    holidays_in,
    is_business_day,
    is_holiday,
    next_business_day,
    previous_business_day,
)

D = date

# Checked against the official 2026 calendar (Ley 51 de 1983 "ley Emiliani"; Easter on
# 5 April 2026) and against holidays 0.109. Chiquinquirá (9 July) is a holiday from 2026,
# moved to the following Monday.
HOLIDAYS_2026 = [
    (D(2026, 1, 1), "Año Nuevo"),
    (D(2026, 1, 12), "Día de los Reyes Magos (observado)"),  # 6 Jan is a Tuesday
    (D(2026, 3, 23), "Día de San José (observado)"),  # 19 Mar is a Thursday
    (D(2026, 4, 2), "Jueves Santo"),
    (D(2026, 4, 3), "Viernes Santo"),
    (D(2026, 5, 1), "Día del Trabajo"),
    (D(2026, 5, 18), "Ascensión del señor (observado)"),  # Easter + 43
    (D(2026, 6, 8), "Corpus Christi (observado)"),  # Easter + 64
    (D(2026, 6, 15), "Sagrado Corazón (observado)"),  # Easter + 71
    (D(2026, 6, 29), "San Pedro y San Pablo"),  # already a Monday
    (D(2026, 7, 13), "Día de Nuestra Señora del Rosario de Chiquinquirá (observado)"),
    (D(2026, 7, 20), "Día de la Independencia"),
    (D(2026, 8, 7), "Batalla de Boyacá"),
    (D(2026, 8, 17), "La Asunción (observado)"),
    (D(2026, 10, 12), "Día de la Raza"),
    (D(2026, 11, 2), "Día de Todos los Santos (observado)"),
    (D(2026, 11, 16), "Independencia de Cartagena (observado)"),
    (D(2026, 12, 8), "La Inmaculada Concepción"),
    (D(2026, 12, 25), "Navidad"),
]


def test_2026_has_exactly_nineteen_holidays_on_the_official_dates() -> None:
    assert holidays_in(2026) == tuple(Holiday(day, name) for day, name in HOLIDAYS_2026)
    assert len(holidays_in(2026)) == 19


def test_holidays_are_sorted_and_all_in_the_year() -> None:
    for year in (2024, 2025, 2026, 2027):
        days = [h.day for h in holidays_in(year)]
        assert days == sorted(days)
        assert {d.year for d in days} == {year}


def test_two_holidays_on_one_day_give_one_entry_with_both_names() -> None:
    # 2025: Sagrado Corazón and San Pedro y San Pablo both move to Monday 30 June.
    entries = [h for h in holidays_in(2025) if h.day == D(2025, 6, 30)]
    assert len(entries) == 1
    assert "Sagrado Corazón" in entries[0].name
    assert "San Pedro y San Pablo" in entries[0].name
    assert len(holidays_in(2025)) == 17  # 18 holidays on 17 dates


def test_chiquinquira_is_not_a_holiday_before_2026() -> None:
    assert not any("Chiquinquirá" in h.name for h in holidays_in(2025))
    assert holiday_name(D(2027, 7, 12)) == "Día de Nuestra Señora del Rosario de Chiquinquirá (observado)"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        # Semana Santa 2026 (Easter 5 April): Thursday and Friday are holidays, not moved.
        (D(2026, 4, 1), True),  # Miércoles Santo is a normal working day
        (D(2026, 4, 2), False),  # Jueves Santo
        (D(2026, 4, 3), False),  # Viernes Santo
        (D(2026, 4, 6), True),  # Monday after Easter
        # Semana Santa 2025 (Easter 20 April).
        (D(2025, 4, 17), False),
        (D(2025, 4, 18), False),
        (D(2025, 4, 21), True),
        # Emiliani: San José (19 March) moved to Monday.
        (D(2026, 3, 19), True),  # the Thursday itself is a working day
        (D(2026, 3, 23), False),
        (D(2025, 3, 19), True),  # Wednesday
        (D(2025, 3, 24), False),
        # Epiphany: 2025 falls on a Monday and stays; 2026 moves from Tuesday 6 to Monday 12.
        (D(2025, 1, 6), False),
        (D(2026, 1, 6), True),
        (D(2026, 1, 12), False),
        # 2025 Easter-based Mondays and other moved holidays.
        (D(2025, 6, 2), False),  # Ascensión
        (D(2025, 6, 23), False),  # Corpus Christi
        (D(2025, 6, 30), False),  # Sagrado Corazón + San Pedro y San Pablo
        (D(2025, 6, 29), False),  # a Sunday anyway
        (D(2025, 8, 15), True),  # Asunción moved to Monday 18
        (D(2025, 8, 18), False),
        (D(2025, 10, 13), False),  # Día de la Raza
        (D(2025, 11, 3), False),
        (D(2025, 11, 17), False),
        # Fixed holidays never move.
        (D(2026, 5, 1), False),
        (D(2026, 7, 20), False),
        (D(2026, 8, 7), False),
        (D(2026, 12, 8), False),  # a Tuesday
        (D(2026, 12, 25), False),
        (D(2026, 1, 1), False),
        # Chiquinquirá 2026: Thursday 9 July works, Monday 13 July does not.
        (D(2026, 7, 9), True),
        (D(2026, 7, 13), False),
        # Weekends.
        (D(2026, 3, 14), False),  # Saturday
        (D(2026, 3, 15), False),  # Sunday
        (D(2026, 3, 16), True),  # Monday
        (D(2026, 3, 20), True),  # Friday
        # Around the turn of the year.
        (D(2025, 12, 31), True),
        (D(2026, 1, 2), True),
        (D(2026, 12, 31), True),
        (D(2027, 1, 1), False),
    ],
)
def test_is_business_day(day: date, expected: bool) -> None:
    assert is_business_day(day) is expected


def test_a_holiday_on_a_weekend_is_still_a_holiday() -> None:
    assert is_holiday(D(2025, 7, 20))  # Independence Day 2025 is a Sunday
    assert not is_business_day(D(2025, 7, 20))
    assert not is_holiday(D(2025, 7, 19))  # a plain Saturday


def test_holiday_name() -> None:
    assert holiday_name(D(2026, 4, 2)) == "Jueves Santo"
    assert holiday_name(D(2026, 4, 1)) is None
    assert holiday_name(D(2026, 3, 14)) is None  # weekend, not a holiday


def test_datetimes_are_read_as_their_calendar_day() -> None:
    assert not is_business_day(datetime(2026, 4, 2, 9, 30))
    assert holiday_name(datetime(2026, 4, 3, 23, 59)) == "Viernes Santo"
    assert add_business_days(datetime(2026, 3, 31, 8, 0), 2) == D(2026, 4, 6)


def test_non_dates_are_refused() -> None:
    with pytest.raises(TypeError):
        is_business_day("2026-04-02")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        add_business_days(D(2026, 1, 5), 1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        add_business_days(D(2026, 1, 5), True)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # n = 0: the day itself when it is a business day, else the next one.
        (D(2026, 3, 16), 0, D(2026, 3, 16)),
        (D(2026, 3, 14), 0, D(2026, 3, 16)),  # Saturday
        (D(2026, 3, 21), 0, D(2026, 3, 24)),  # Saturday before San José Monday
        (D(2026, 4, 2), 0, D(2026, 4, 6)),  # Jueves Santo → Monday after Easter
        # Plain weekdays and weekends.
        (D(2026, 2, 2), 1, D(2026, 2, 3)),
        (D(2026, 2, 6), 1, D(2026, 2, 9)),  # Friday → Monday
        (D(2026, 2, 7), 1, D(2026, 2, 9)),  # Saturday → Monday (counting starts next day)
        (D(2026, 2, 8), 1, D(2026, 2, 9)),  # Sunday → Monday
        (D(2026, 2, 2), 5, D(2026, 2, 9)),
        (D(2026, 2, 2), 10, D(2026, 2, 16)),
        # Semana Santa 2026: Wednesday 1 April + 1 skips Thursday, Friday and the weekend.
        (D(2026, 4, 1), 1, D(2026, 4, 6)),
        (D(2026, 3, 31), 2, D(2026, 4, 6)),
        (D(2026, 3, 30), 10, D(2026, 4, 15)),
        # San José 2026 (Monday 23 March).
        (D(2026, 3, 20), 1, D(2026, 3, 24)),
        (D(2026, 3, 19), 10, D(2026, 4, 7)),  # crosses both San José and Semana Santa
        # 2025: San José on Monday 24 March, Semana Santa 17–18 April, 30 June double Monday.
        (D(2025, 3, 21), 1, D(2025, 3, 25)),
        (D(2025, 4, 16), 1, D(2025, 4, 21)),
        (D(2025, 6, 27), 1, D(2025, 7, 1)),
        # Year boundaries.
        (D(2025, 12, 31), 1, D(2026, 1, 2)),  # 1 January is a holiday
        (D(2025, 12, 24), 2, D(2025, 12, 29)),  # Christmas Thursday, then the weekend
        (D(2026, 12, 31), 1, D(2027, 1, 4)),  # New Year Friday, weekend
        (D(2025, 12, 30), 10, D(2026, 1, 15)),  # 1 Jan and Reyes (12 Jan) skipped
        # Negative: backwards, start not counted.
        (D(2026, 4, 6), -1, D(2026, 4, 1)),
        (D(2026, 3, 24), -1, D(2026, 3, 20)),
        (D(2026, 1, 2), -1, D(2025, 12, 31)),
        (D(2027, 1, 4), -1, D(2026, 12, 31)),
        (D(2026, 2, 9), -5, D(2026, 2, 2)),
        (D(2026, 2, 8), -1, D(2026, 2, 6)),  # from a Sunday
    ],
)
def test_add_business_days(start: date, n: int, expected: date) -> None:
    assert add_business_days(start, n) == expected


def test_guideline_terms_in_2026() -> None:
    # A guideline communicated on Friday 13 March 2026: the 10 business days of 2.5 skip
    # San José (23 March), so delegations are due on Monday 30 March.
    assert add_business_days(D(2026, 3, 13), 10) == D(2026, 3, 30)
    # A resolution in force on Monday 16 March 2026: the 20 business days of 2.6 skip San José
    # and Jueves/Viernes Santo, so the report is due on Thursday 16 April, not Monday 13.
    assert add_business_days(D(2026, 3, 16), 20) == D(2026, 4, 16)
    assert business_days_between(D(2026, 3, 16), D(2026, 4, 16)) == 20


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (D(2026, 2, 2), D(2026, 2, 2), 0),
        (D(2026, 2, 2), D(2026, 2, 3), 1),
        (D(2026, 2, 6), D(2026, 2, 9), 1),  # Friday → Monday
        (D(2026, 2, 6), D(2026, 2, 8), 0),  # Friday → Sunday
        (D(2026, 2, 7), D(2026, 2, 8), 0),  # a weekend only
        (D(2026, 3, 30), D(2026, 4, 6), 3),  # Tue, Wed, Mon: Semana Santa skipped
        (D(2026, 3, 20), D(2026, 3, 24), 1),  # San José Monday skipped
        (D(2025, 12, 31), D(2026, 1, 2), 1),
        (D(2026, 1, 1), D(2026, 12, 31), 242),  # 261 weekdays − 19 holidays (none on a weekend)
        (D(2025, 1, 1), D(2025, 12, 31), 245),  # 261 − 16 (20 July is a Sunday)
        # Negative when b < a, mirror of the forward count.
        (D(2026, 2, 3), D(2026, 2, 2), -1),
        (D(2026, 4, 6), D(2026, 3, 30), -3),
        (D(2026, 1, 2), D(2025, 12, 31), -1),
    ],
)
def test_business_days_between(a: date, b: date, expected: int) -> None:
    assert business_days_between(a, b) == expected


def test_year_counts_match_a_day_by_day_census() -> None:
    # Independent of the function under test: weekdays minus weekday holidays.
    for year in (2025, 2026, 2027):
        weekday_holidays = sum(1 for h in holidays_in(year) if h.day.weekday() < 5)
        first, last = D(year, 1, 1), D(year, 12, 31)
        weekdays = sum(1 for i in range((last - first).days + 1) if (first + timedelta(days=i)).weekday() < 5)
        assert business_days_between(first - timedelta(days=1), last) == weekdays - weekday_holidays


START_DAYS = [D(2025, 12, 20) + timedelta(days=i) for i in range(0, 130, 3)]


@pytest.mark.parametrize("start", START_DAYS)
def test_add_and_between_are_inverse(start: date) -> None:
    for n in (1, 2, 5, 10, 20, 40):
        due = add_business_days(start, n)
        assert is_business_day(due)
        assert business_days_between(start, due) == n
        assert business_days_between(due, start) == -n
        # The due date is the first day on which n business days have elapsed.
        assert business_days_between(start, due - timedelta(days=1)) == n - 1


@pytest.mark.parametrize("start", START_DAYS)
def test_backwards_lands_on_business_days(start: date) -> None:
    anchor = next_business_day(start)
    for n in (1, 3, 10, 20):
        back = add_business_days(anchor, -n)
        assert is_business_day(back)
        assert back < anchor
        assert business_days_between(back, anchor) == n
        assert add_business_days(back, n) == anchor


@pytest.mark.parametrize("start", START_DAYS)
def test_zero_and_next_previous(start: date) -> None:
    assert add_business_days(start, 0) == next_business_day(start)
    assert next_business_day(start) >= start
    assert previous_business_day(start) <= start
    assert is_business_day(next_business_day(start))
    assert is_business_day(previous_business_day(start))
    if is_business_day(start):
        assert next_business_day(start) == previous_business_day(start) == start


def test_previous_business_day() -> None:
    assert previous_business_day(D(2026, 4, 5)) == D(2026, 4, 1)  # Easter Sunday
    assert previous_business_day(D(2026, 1, 1)) == D(2025, 12, 31)


def test_holidays_are_cached_per_year() -> None:
    calendar._holidays_of_year.cache_clear()
    holidays_in(2026)
    is_business_day(D(2026, 5, 5))
    add_business_days(D(2026, 6, 1), 30)
    info = calendar._holidays_of_year.cache_info()
    assert info.misses == 1
    assert info.hits >= 30


def test_cached_holidays_cannot_be_changed_by_a_caller() -> None:
    table = calendar._holidays_of_year(2026)
    with pytest.raises(TypeError):
        table[D(2026, 2, 2)] = "Invented"  # type: ignore[index]
    assert is_business_day(D(2026, 2, 2))
