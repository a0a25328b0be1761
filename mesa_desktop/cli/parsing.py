"""Argument values typed by people, parsed with Spanish errors (bad input → exit 1)."""

from __future__ import annotations

from datetime import date, datetime, time

from mesa_desktop.errors import InvalidInput


def parse_date(text: str, what: str = "fecha") -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(
            f"La {what} «{text}» no es válida; use el formato AAAA-MM-DD (p. ej. 2026-03-15)."
        ) from None


def parse_time(text: str) -> time:
    try:
        return datetime.strptime(text.strip(), "%H:%M").time()
    except ValueError:
        raise InvalidInput(
            f"La hora «{text}» no es válida; use el formato HH:MM de 24 horas (p. ej. 09:30)."
        ) from None


def parse_int(text: str, what: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise InvalidInput(f"{what} debe ser un número entero, no «{text}».") from None
