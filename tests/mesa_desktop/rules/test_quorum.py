"""Quorum: DESIGN §3 and guideline 1.5 b / 1.5 c."""

from __future__ import annotations

import dataclasses
import math
from datetime import datetime, timedelta

import pytest

from mesa_desktop.errors import InvalidInput
from mesa_desktop.rules.quorum import (
    CHECK_IN,
    CHECK_OUT,
    DEFAULT_RULE,
    QUORUM_ESTABLISHED,
    QUORUM_LOST,
    RULE_LABELS,
    RULE_MAYORIA_ABSOLUTA,
    RULE_MITAD_MAS_UNO,
    RULES,
    PresenceEvent,
    QuorumStatus,
    evaluate,
    replay,
    required_count,
    rule_label,
    status_at,
    transition,
)

MEMBERS_12 = [f"dep{i:02d}" for i in range(1, 13)]


def members(n: int) -> list[str]:
    return [f"dep{i:02d}" for i in range(1, n + 1)]


# --- rules -------------------------------------------------------------------------------


def test_rule_names_and_labels() -> None:
    assert RULE_MITAD_MAS_UNO == "mitad_mas_uno"
    assert RULE_MAYORIA_ABSOLUTA == "mayoria_absoluta"
    assert DEFAULT_RULE == RULE_MITAD_MAS_UNO
    assert RULES == (RULE_MITAD_MAS_UNO, RULE_MAYORIA_ABSOLUTA)
    assert RULE_LABELS[RULE_MITAD_MAS_UNO] == "la mitad más una de las delegaciones"
    assert RULE_LABELS[RULE_MAYORIA_ABSOLUTA] == "mayoría absoluta"
    assert rule_label(RULE_MAYORIA_ABSOLUTA) == "mayoría absoluta"
    with pytest.raises(TypeError):
        RULE_LABELS["otra"] = "x"  # type: ignore[index]


@pytest.mark.parametrize(
    ("n", "mitad_mas_uno", "mayoria_absoluta"),
    [
        (0, 0, 0),
        (1, 1, 1),
        (2, 2, 2),
        (3, 3, 2),
        (4, 3, 3),
        (5, 4, 3),
        (6, 4, 4),
        (7, 5, 4),
        (8, 5, 5),
        (9, 6, 5),
        (10, 6, 6),
        (11, 7, 6),
        (12, 7, 7),  # the national mesa (1.4)
        (13, 8, 7),
        (25, 14, 13),
        (100, 51, 51),
    ],
)
def test_required_count(n: int, mitad_mas_uno: int, mayoria_absoluta: int) -> None:
    assert required_count(n, RULE_MITAD_MAS_UNO) == mitad_mas_uno
    assert required_count(n, RULE_MAYORIA_ABSOLUTA) == mayoria_absoluta
    assert required_count(n) == mitad_mas_uno


@pytest.mark.parametrize("n", range(0, 60))
def test_required_count_formulas(n: int) -> None:
    assert required_count(n, RULE_MITAD_MAS_UNO) == min(n, math.ceil(n / 2) + 1)
    assert required_count(n, RULE_MAYORIA_ABSOLUTA) == min(n, n // 2 + 1)
    # Rounding the half up never asks for less than an absolute majority.
    assert required_count(n, RULE_MITAD_MAS_UNO) >= required_count(n, RULE_MAYORIA_ABSOLUTA)
    assert 0 <= required_count(n) <= n
    if n:
        assert required_count(n) > n / 2


def test_unknown_rule_is_refused_in_spanish() -> None:
    with pytest.raises(InvalidInput, match="Regla de quórum desconocida"):
        required_count(5, "dos_tercios")
    with pytest.raises(InvalidInput):
        evaluate(member_dependency_ids=["a"], present_dependency_ids=[], rule="dos_tercios")
    with pytest.raises(InvalidInput):
        replay([], member_dependency_ids=["a"], rule="dos_tercios")
    with pytest.raises(InvalidInput):
        rule_label("x")


def test_negative_total_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        required_count(-1)


# --- evaluate ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "present", "rule", "required", "met", "summary"),
    [
        (12, 7, RULE_MITAD_MAS_UNO, 7, True, "7 de 12 delegaciones — hay quórum"),
        (12, 12, RULE_MITAD_MAS_UNO, 7, True, "12 de 12 delegaciones — hay quórum"),
        (12, 6, RULE_MITAD_MAS_UNO, 7, False, "6 de 12 delegaciones — falta 1"),
        (12, 5, RULE_MITAD_MAS_UNO, 7, False, "5 de 12 delegaciones — faltan 2"),
        (12, 0, RULE_MITAD_MAS_UNO, 7, False, "0 de 12 delegaciones — faltan 7"),
        (11, 7, RULE_MITAD_MAS_UNO, 7, True, "7 de 11 delegaciones — hay quórum"),
        (11, 6, RULE_MITAD_MAS_UNO, 7, False, "6 de 11 delegaciones — falta 1"),
        (11, 6, RULE_MAYORIA_ABSOLUTA, 6, True, "6 de 11 delegaciones — hay quórum"),
        (9, 6, RULE_MITAD_MAS_UNO, 6, True, "6 de 9 delegaciones — hay quórum"),
        (9, 5, RULE_MITAD_MAS_UNO, 6, False, "5 de 9 delegaciones — falta 1"),
        (9, 5, RULE_MAYORIA_ABSOLUTA, 5, True, "5 de 9 delegaciones — hay quórum"),
        (2, 1, RULE_MITAD_MAS_UNO, 2, False, "1 de 2 delegaciones — falta 1"),
        (2, 2, RULE_MITAD_MAS_UNO, 2, True, "2 de 2 delegaciones — hay quórum"),
        (1, 1, RULE_MITAD_MAS_UNO, 1, True, "1 de 1 delegación — hay quórum"),
        (1, 0, RULE_MITAD_MAS_UNO, 1, False, "0 de 1 delegación — falta 1"),
        (0, 0, RULE_MITAD_MAS_UNO, 0, False, "Sin conformación: no hay dependencias activas"),
        (0, 0, RULE_MAYORIA_ABSOLUTA, 0, False, "Sin conformación: no hay dependencias activas"),
    ],
)
def test_evaluate_ordinary(n: int, present: int, rule: str, required: int, met: bool, summary: str) -> None:
    ids = members(n)
    status = evaluate(member_dependency_ids=ids, present_dependency_ids=ids[:present], rule=rule)
    assert status.present == present
    assert status.required == required
    assert status.total == n
    assert status.met is met
    assert status.rule == rule
    assert status.quorum_required is True
    assert status.missing_dependency_ids == tuple(ids[present:])
    assert status.present_dependency_ids == tuple(ids[:present])
    assert status.summary == summary
    assert status.shortfall == (0 if met else required - present)
    assert status.conformed is (n > 0)
    assert status.rule_label == RULE_LABELS[rule]


@pytest.mark.parametrize(
    ("n", "present", "summary"),
    [
        (12, 3, "3 de 12 delegaciones — sesión extraordinaria: no requiere quórum"),
        (12, 0, "0 de 12 delegaciones — sesión extraordinaria: no requiere quórum"),
        (1, 1, "1 de 1 delegación — sesión extraordinaria: no requiere quórum"),
        (
            0,
            0,
            "Sin conformación: no hay dependencias activas — sesión extraordinaria: no requiere quórum",
        ),
    ],
)
def test_evaluate_extraordinary_needs_no_quorum(n: int, present: int, summary: str) -> None:
    ids = members(n)
    status = evaluate(member_dependency_ids=ids, present_dependency_ids=ids[:present], quorum_required=False)
    assert status.met is True
    assert status.required == 0
    assert status.present == present
    assert status.total == n
    assert status.quorum_required is False
    assert status.shortfall == 0
    assert status.missing_dependency_ids == tuple(ids[present:])  # attendance is still taken
    assert status.summary == summary


def test_present_ids_that_are_not_members_are_ignored() -> None:
    status = evaluate(
        member_dependency_ids=["a", "b", "c"],
        present_dependency_ids=["a", "migracion-colombia", "oim", "inactive-dep"],
    )
    assert status.present == 1
    assert status.total == 3
    assert status.required == 3
    assert status.present_dependency_ids == ("a",)
    assert status.missing_dependency_ids == ("b", "c")


def test_several_people_from_one_dependency_count_once() -> None:
    status = evaluate(
        member_dependency_ids=MEMBERS_12,
        present_dependency_ids=["dep01", "dep01", "dep01", "dep02", "dep02", "dep03"],
    )
    assert status.present == 3
    assert not status.met


def test_duplicate_members_count_once_and_keep_their_first_order() -> None:
    status = evaluate(member_dependency_ids=["c", "a", "c", "b", "a"], present_dependency_ids=["b"])
    assert status.total == 3
    assert status.required == 3
    assert status.missing_dependency_ids == ("c", "a")


def test_missing_ids_keep_the_members_order_not_the_arrival_order() -> None:
    status = evaluate(member_dependency_ids=["z", "m", "a", "k"], present_dependency_ids=["k", "z"])
    assert status.missing_dependency_ids == ("m", "a")
    assert status.present_dependency_ids == ("z", "k")


def test_accepts_any_iterables() -> None:
    status = evaluate(
        member_dependency_ids=(m for m in MEMBERS_12),
        present_dependency_ids={"dep01", "dep02", "dep03", "dep04", "dep05", "dep06", "dep07"},
    )
    assert status.met
    assert status.present == 7


def test_status_is_frozen() -> None:
    status = evaluate(member_dependency_ids=["a"], present_dependency_ids=["a"])
    with pytest.raises(dataclasses.FrozenInstanceError):
        status.met = False  # type: ignore[misc]
    assert isinstance(status.missing_dependency_ids, tuple)


# --- live quorum -------------------------------------------------------------------------

T0 = datetime(2026, 3, 18, 9, 0)


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def check_in(minutes: int, person: str, dependency: str | None) -> PresenceEvent:
    return PresenceEvent(at=at(minutes), person_id=person, kind=CHECK_IN, dependency_id=dependency)


def check_out(minutes: int, person: str) -> PresenceEvent:
    return PresenceEvent(at=at(minutes), person_id=person, kind=CHECK_OUT)


def test_presence_event_kind_is_checked() -> None:
    with pytest.raises(ValueError):
        PresenceEvent(at=T0, person_id="p", kind="arrive", dependency_id="a")


def test_transition() -> None:
    ids = members(3)
    none_in = evaluate(member_dependency_ids=ids, present_dependency_ids=[])
    two_in = evaluate(member_dependency_ids=ids, present_dependency_ids=ids[:2])
    all_in = evaluate(member_dependency_ids=ids, present_dependency_ids=ids)
    extraordinary = evaluate(member_dependency_ids=ids, present_dependency_ids=ids, quorum_required=False)
    assert transition(None, none_in) is None
    assert transition(None, all_in) == QUORUM_ESTABLISHED
    assert transition(two_in, all_in) == QUORUM_ESTABLISHED
    assert transition(all_in, all_in) is None
    assert transition(all_in, two_in) == QUORUM_LOST
    assert transition(two_in, none_in) is None
    assert transition(None, extraordinary) is None
    assert transition(all_in, extraordinary) is None
    # An extraordinary "met" is not a quorum that can be lost.
    assert transition(extraordinary, two_in) is None
    assert transition(extraordinary, all_in) == QUORUM_ESTABLISHED


def test_replay_a_morning_session() -> None:
    # Five member dependencies: mitad más una = ceil(2.5) + 1 = 4.
    ids = members(5)
    events = [
        check_in(0, "ana", "dep01"),
        check_in(2, "beto", "dep02"),
        check_in(3, "carla", "dep02"),  # same dependency: still 2
        check_in(4, "oim", None),  # invited actor: never counts
        check_in(5, "dora", "dep03"),
        check_in(9, "eva", "dep04"),  # 4 of 5 → established at 9:09
        check_out(30, "beto"),  # carla still represents dep02: nothing changes
        check_out(40, "carla"),  # dep02 gone → 3 of 5 → lost at 9:40
        check_in(45, "fabio", "dep05"),  # back to 4 → established at 9:45
        check_out(50, "oim"),
        check_out(60, "ana"),  # lost
    ]
    result = replay(events, member_dependency_ids=ids)
    assert [(e.at, e.kind, e.status.present, e.person_id) for e in result] == [
        (at(9), QUORUM_ESTABLISHED, 4, "eva"),
        (at(40), QUORUM_LOST, 3, "carla"),
        (at(45), QUORUM_ESTABLISHED, 4, "fabio"),
        (at(60), QUORUM_LOST, 3, "ana"),
    ]
    assert result[0].description == "Quórum establecido: 4 de 5 delegaciones — hay quórum"
    assert result[1].description == "Quórum perdido: 3 de 5 delegaciones — falta 1"
    assert result[1].status.missing_dependency_ids == ("dep02", "dep05")


def test_replay_sorts_events_and_keeps_ties_in_given_order() -> None:
    ids = members(2)
    shuffled = [
        check_in(10, "b", "dep02"),
        check_in(1, "a", "dep01"),
        check_out(20, "a"),
    ]
    result = replay(shuffled, member_dependency_ids=ids)
    assert [(e.at, e.kind) for e in result] == [(at(10), QUORUM_ESTABLISHED), (at(20), QUORUM_LOST)]
    # Same instant: check-out then check-in of the same dependency in the given order.
    ties = [
        check_in(0, "a", "dep01"),
        check_in(0, "b", "dep02"),
        check_out(5, "b"),
        check_in(5, "b2", "dep02"),
    ]
    result = replay(ties, member_dependency_ids=ids)
    assert [e.kind for e in result] == [QUORUM_ESTABLISHED, QUORUM_LOST, QUORUM_ESTABLISHED]
    assert all(e.at == at(5) for e in result[1:])


def test_replay_ignores_double_check_ins_and_stray_check_outs() -> None:
    ids = members(3)
    events = [
        check_out(0, "ghost"),
        check_in(1, "a", "dep01"),
        check_in(2, "a", "dep01"),
        check_in(3, "b", "dep02"),
        check_in(4, "c", "dep03"),  # 3 of 3 → established
        check_out(5, "ghost"),
        check_out(6, "c"),  # lost
        check_out(7, "c"),  # already out
    ]
    result = replay(events, member_dependency_ids=ids)
    assert [(e.at, e.kind) for e in result] == [(at(4), QUORUM_ESTABLISHED), (at(6), QUORUM_LOST)]


def test_a_second_check_in_can_correct_the_dependency() -> None:
    ids = members(2)
    events = [
        check_in(0, "a", "dep01"),
        check_in(1, "b", "dep01"),  # registered under the wrong dependency
        check_in(2, "b", "dep02"),  # corrected → both represented
    ]
    result = replay(events, member_dependency_ids=ids)
    assert [(e.at, e.kind) for e in result] == [(at(2), QUORUM_ESTABLISHED)]


def test_replay_with_mayoria_absoluta() -> None:
    ids = members(4)  # mayoría absoluta = 3 (same as mitad más una for 4)
    ids9 = members(9)  # 5 vs 6
    events = [check_in(i, f"p{i}", dep) for i, dep in enumerate(ids9[:5])]
    assert [e.at for e in replay(events, member_dependency_ids=ids9, rule=RULE_MAYORIA_ABSOLUTA)] == [at(4)]
    assert replay(events, member_dependency_ids=ids9, rule=RULE_MITAD_MAS_UNO) == []
    assert replay(events[:3], member_dependency_ids=ids, rule=RULE_MAYORIA_ABSOLUTA)[0].at == at(2)


def test_replay_without_quorum_or_members_reports_nothing() -> None:
    events = [check_in(0, "a", "dep01"), check_out(5, "a")]
    assert replay(events, member_dependency_ids=["dep01"], quorum_required=False) == []
    assert replay(events, member_dependency_ids=[]) == []
    assert replay([], member_dependency_ids=["dep01"]) == []


def test_replay_only_invited_actors_never_establishes() -> None:
    events = [check_in(i, f"guest{i}", None) for i in range(10)]
    assert replay(events, member_dependency_ids=members(3)) == []


def test_single_member_mesa() -> None:
    events = [check_in(0, "a", "dep01"), check_out(10, "a"), check_in(20, "a", "dep01")]
    result = replay(events, member_dependency_ids=["dep01"])
    assert [e.kind for e in result] == [QUORUM_ESTABLISHED, QUORUM_LOST, QUORUM_ESTABLISHED]


def test_status_at_opening_and_decisions() -> None:
    ids = members(3)
    events = [
        check_in(0, "a", "dep01"),
        check_in(5, "b", "dep02"),
        check_in(10, "c", "dep03"),
        check_out(30, "b"),
    ]
    before = status_at(events, at(-1), member_dependency_ids=ids)
    assert (before.present, before.met) == (0, False)
    opening = status_at(events, at(10), member_dependency_ids=ids)  # event at exactly 9:10 counts
    assert (opening.present, opening.met) == (3, True)
    decision = status_at(events, at(45), member_dependency_ids=ids)
    assert (decision.present, decision.met, decision.missing_dependency_ids) == (2, False, ("dep02",))
    # Unsorted input gives the same answer.
    assert status_at(list(reversed(events)), at(45), member_dependency_ids=ids) == decision
    extraordinary = status_at(events, at(45), member_dependency_ids=ids, quorum_required=False)
    assert extraordinary.met and extraordinary.required == 0


def test_replay_agrees_with_status_at_after_every_event() -> None:
    ids = members(7)
    events = []
    minute = 0
    # A deterministic jumble: people of 7 dependencies arriving and leaving.
    for round_ in range(4):
        for i, dep in enumerate(ids):
            if (i + round_) % 3 != 0:
                events.append(check_in(minute, f"{dep}-p{round_ % 2}", dep))
            else:
                events.append(check_out(minute, f"{dep}-p{(round_ + 1) % 2}"))
            minute += 1
    result = replay(events, member_dependency_ids=ids)
    previous_met = False
    expected = []
    for event in events:
        now = status_at(events, event.at, member_dependency_ids=ids)
        if now.met != previous_met:
            expected.append((event.at, QUORUM_ESTABLISHED if now.met else QUORUM_LOST))
        previous_met = now.met
    assert [(e.at, e.kind) for e in result] == expected
    assert result  # the jumble does cross the threshold
    kinds = [e.kind for e in result]
    # Established and lost strictly alternate, starting with established.
    assert kinds == [QUORUM_ESTABLISHED if i % 2 == 0 else QUORUM_LOST for i in range(len(kinds))]


def test_quorum_status_is_a_plain_value() -> None:
    a = evaluate(member_dependency_ids=["x", "y"], present_dependency_ids=["x"])
    b = QuorumStatus(
        present=1,
        required=2,
        total=2,
        met=False,
        rule=RULE_MITAD_MAS_UNO,
        quorum_required=True,
        missing_dependency_ids=("y",),
        present_dependency_ids=("x",),
    )
    assert a == b
    assert hash(a) == hash(b)
