"""Helpers that look inside a store while a test drives it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def database_sessions(store: Any) -> Iterator[list[Any]]:
    """The database sessions (transactions or reads) the block opened, to count them."""
    opened: list[Any] = []
    make = store._sessions

    def counting() -> Any:
        session = make()
        opened.append(session)
        return session

    store._sessions = counting
    try:
        yield opened
    finally:
        store._sessions = make
