"""What an operation changed, returned with its result so the caller never guesses.

Every write the desktop offers is one function that runs in one transaction and returns
``Changed(value, topics)``. The UI's ``AppContext`` broadcasts ``topics`` after the call; no
screen chooses what to announce (the Anki pattern: an operation reports its own changes).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Generic, TypeVar

T = TypeVar("T")


class Topic(StrEnum):
    """A part of the store a view can show; a change to it makes that view reload."""

    MESA = "mesa"
    MEMBERS = "members"
    SESSIONS = "sessions"
    ATTENDANCE = "attendance"
    ACTAS = "actas"
    COMMITMENTS = "commitments"
    PLAN = "plan"
    CASES = "cases"
    PERIODIC_REPORTS = "periodic_reports"
    EXPORTS = "exports"
    STORE = "store"  # the whole store was replaced (restore, import): everything reloads


@dataclass(frozen=True)
class Changed(Generic[T]):
    """An operation's result and the topics its transaction wrote."""

    value: T
    topics: frozenset[Topic] = field(default_factory=frozenset)


def changed(value: T, *topics: Topic) -> Changed[T]:
    return Changed(value, frozenset(topics))
