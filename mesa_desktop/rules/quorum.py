"""Quorum of a session: who counts, how many are needed, and when it is won or lost.

Guideline 1.5 b: "se establecerá como quórum la mitad más una de las delegaciones"; 1.5 c
(extraordinary sessions): "no se establecerá quórum". DESIGN §3 fixes the arithmetic:

* the denominator is the permanent member dependencies active on the session date;
* a dependency is present when at least one of its people is checked in (several people
  of one dependency count once); invited actors never count;
* *mitad más una* rounds the half up (Consejo de Estado, Concepto 1809 de 2007):
  ``required = min(n, ceil(n / 2) + 1)``; *mayoría absoluta* is ``floor(n / 2) + 1``.

Pure functions over frozen dataclasses; safe to call from any thread.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from mesa_desktop.errors import InvalidInput
from mesa_desktop.vocabulary import QuorumEventKind, QuorumRule, codes, labels

__all__ = [
    "CHECK_IN",
    "CHECK_OUT",
    "DEFAULT_RULE",
    "QUORUM_ESTABLISHED",
    "QUORUM_LOST",
    "RULES",
    "RULE_LABELS",
    "RULE_MAYORIA_ABSOLUTA",
    "RULE_MITAD_MAS_UNO",
    "PresenceEvent",
    "QuorumEvent",
    "QuorumStatus",
    "evaluate",
    "replay",
    "required_count",
    "rule_label",
    "status_at",
    "transition",
]

RULE_MITAD_MAS_UNO = QuorumRule.MITAD_MAS_UNO
RULE_MAYORIA_ABSOLUTA = QuorumRule.MAYORIA_ABSOLUTA
DEFAULT_RULE = RULE_MITAD_MAS_UNO
RULES = codes(QuorumRule)
# The acta states the rule in these words; the default is the guideline's own phrase (1.5 b).
RULE_LABELS: Mapping[str, str] = labels(QuorumRule)

CHECK_IN = "check_in"
CHECK_OUT = "check_out"
_PRESENCE_KINDS = (CHECK_IN, CHECK_OUT)

QUORUM_ESTABLISHED = QuorumEventKind.ESTABLISHED
QUORUM_LOST = QuorumEventKind.LOST


def _check_rule(rule: str) -> str:
    if rule not in RULE_LABELS:
        raise InvalidInput(
            f"Regla de quórum desconocida: «{rule}». Use «{RULE_MITAD_MAS_UNO}» "
            f"(la mitad más una) o «{RULE_MAYORIA_ABSOLUTA}» (mayoría absoluta)."
        )
    return rule


def rule_label(rule: str) -> str:
    """The Spanish wording of ``rule`` for the acta and the screen."""
    return RULE_LABELS[_check_rule(rule)]


def required_count(total: int, rule: str = DEFAULT_RULE) -> int:
    """How many of ``total`` member dependencies must be present for quorum.

    Never more than ``total``: with one or two members every one of them is needed.
    ``total == 0`` needs 0, but an evaluation with no members never has quorum (there is
    no conformation yet); see :func:`evaluate`.
    """
    _check_rule(rule)
    if total < 0:
        raise ValueError(f"total must be >= 0, got {total}")
    if rule == RULE_MITAD_MAS_UNO:
        return min(total, math.ceil(total / 2) + 1)
    return min(total, total // 2 + 1)


def _unique(ids: Iterable[str]) -> tuple[str, ...]:
    # dict keeps the first-seen order, which is the order the caller lists dependencies in.
    return tuple(dict.fromkeys(ids))


@dataclass(frozen=True)
class QuorumStatus:
    """The quorum check of one moment of a session.

    ``required`` is 0 when the session does not require quorum (extraordinary sessions),
    and then ``met`` is always true. ``present_dependency_ids`` and
    ``missing_dependency_ids`` keep the order in which the members were given.
    """

    present: int
    required: int
    total: int
    met: bool
    rule: str
    quorum_required: bool
    missing_dependency_ids: tuple[str, ...]
    present_dependency_ids: tuple[str, ...] = ()

    @property
    def conformed(self) -> bool:
        """Whether the mesa has any active member dependency at all."""
        return self.total > 0

    @property
    def shortfall(self) -> int:
        """How many more dependencies must arrive for quorum (0 when it is met)."""
        return max(0, self.required - self.present)

    @property
    def rule_label(self) -> str:
        return RULE_LABELS.get(self.rule, self.rule)

    @property
    def summary(self) -> str:
        """One Spanish line for the screen and the acta, e.g. "7 de 12 delegaciones — hay quórum"."""
        if not self.conformed:
            text = "Sin conformación: no hay dependencias activas"
            if not self.quorum_required:
                text += " — sesión extraordinaria: no requiere quórum"
            return text
        noun = "delegación" if self.total == 1 else "delegaciones"
        count = f"{self.present} de {self.total} {noun}"
        if not self.quorum_required:
            return f"{count} — sesión extraordinaria: no requiere quórum"
        if self.met:
            return f"{count} — hay quórum"
        verb = "falta" if self.shortfall == 1 else "faltan"
        return f"{count} — {verb} {self.shortfall}"


def evaluate(
    *,
    member_dependency_ids: Iterable[str],
    present_dependency_ids: Iterable[str],
    rule: str = DEFAULT_RULE,
    quorum_required: bool = True,
) -> QuorumStatus:
    """Check quorum given the active member dependencies and those represented right now.

    ``present_dependency_ids`` may hold anything a check-in carries: ids that are not
    members (invited actors' organisations, inactive dependencies) are ignored, and a
    dependency listed several times (several of its people checked in) counts once.
    Pass ``quorum_required=False`` for an extraordinary session (guideline 1.5 c).
    """
    _check_rule(rule)
    members = _unique(member_dependency_ids)
    present_set = set(present_dependency_ids)
    present = tuple(m for m in members if m in present_set)
    missing = tuple(m for m in members if m not in present_set)
    total = len(members)
    if quorum_required:
        required = required_count(total, rule)
        # With no members there is nothing to hold a session with: never quorum.
        met = total > 0 and len(present) >= required
    else:
        required = 0
        met = True
    return QuorumStatus(
        present=len(present),
        required=required,
        total=total,
        met=met,
        rule=rule,
        quorum_required=quorum_required,
        missing_dependency_ids=missing,
        present_dependency_ids=present,
    )


@dataclass(frozen=True)
class PresenceEvent:
    """A person arriving at (``check_in``) or leaving (``check_out``) a session.

    ``dependency_id`` is the member dependency the person represents, or ``None`` for an
    invited actor. On a check-out it is not needed: the person leaves whatever they
    checked in for.
    """

    at: datetime
    person_id: str
    kind: str
    dependency_id: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in _PRESENCE_KINDS:
            raise ValueError(f"kind must be one of {_PRESENCE_KINDS}, got {self.kind!r}")


@dataclass(frozen=True)
class QuorumEvent:
    """Quorum was established or lost at ``at``; ``status`` is the check right after."""

    at: datetime
    kind: str
    status: QuorumStatus
    person_id: str

    @property
    def description(self) -> str:
        label = "Quórum establecido" if self.kind == QUORUM_ESTABLISHED else "Quórum perdido"
        return f"{label}: {self.status.summary}"


def transition(previous: QuorumStatus | None, current: QuorumStatus) -> str | None:
    """``"established"``, ``"lost"`` or ``None`` going from ``previous`` to ``current``.

    ``previous=None`` means the session has just opened with nobody in it (no quorum).
    Sessions that do not require quorum never establish or lose it.
    """
    if not current.quorum_required:
        return None
    was_met = previous is not None and previous.quorum_required and previous.met
    if current.met and not was_met:
        return QUORUM_ESTABLISHED
    if was_met and not current.met:
        return QUORUM_LOST
    return None


def _chronological(events: Iterable[PresenceEvent]) -> list[PresenceEvent]:
    # sorted() is stable: events sharing a timestamp keep the order they were recorded in.
    return sorted(events, key=lambda event: event.at)


def _apply(checked_in: dict[str, str | None], event: PresenceEvent) -> None:
    if event.kind == CHECK_IN:
        # A second check-in of the same person (double tap, or a corrected dependency)
        # replaces the first rather than adding a person.
        checked_in[event.person_id] = event.dependency_id
    else:
        # Checking out someone who is not in changes nothing.
        checked_in.pop(event.person_id, None)


def _present(checked_in: dict[str, str | None]) -> list[str]:
    return [dep for dep in checked_in.values() if dep is not None]


def replay(
    events: Iterable[PresenceEvent],
    *,
    member_dependency_ids: Iterable[str],
    rule: str = DEFAULT_RULE,
    quorum_required: bool = True,
) -> list[QuorumEvent]:
    """The timestamped quorum established / lost events of a session's check-ins and -outs.

    Events are taken in chronological order (ties keep their given order). The session
    starts with nobody in it, so the first event, if any, is an ``established`` one.
    Returns an empty list when quorum is not required or the mesa has no members.
    """
    _check_rule(rule)
    members = _unique(member_dependency_ids)
    checked_in: dict[str, str | None] = {}
    previous: QuorumStatus | None = None
    result: list[QuorumEvent] = []
    for event in _chronological(events):
        _apply(checked_in, event)
        current = evaluate(
            member_dependency_ids=members,
            present_dependency_ids=_present(checked_in),
            rule=rule,
            quorum_required=quorum_required,
        )
        kind = transition(previous, current)
        if kind is not None:
            result.append(QuorumEvent(at=event.at, kind=kind, status=current, person_id=event.person_id))
        previous = current
    return result


def status_at(
    events: Iterable[PresenceEvent],
    at: datetime,
    *,
    member_dependency_ids: Iterable[str],
    rule: str = DEFAULT_RULE,
    quorum_required: bool = True,
) -> QuorumStatus:
    """The quorum check at moment ``at`` (events at exactly ``at`` included).

    This is what the acta records at the opening and at each decision.
    """
    checked_in: dict[str, str | None] = {}
    for event in _chronological(events):
        if event.at > at:
            break
        _apply(checked_in, event)
    return evaluate(
        member_dependency_ids=member_dependency_ids,
        present_dependency_ids=_present(checked_in),
        rule=rule,
        quorum_required=quorum_required,
    )
