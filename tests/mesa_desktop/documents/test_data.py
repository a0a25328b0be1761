"""The document inputs refuse inconsistent data with a Spanish message, where it is made."""

from __future__ import annotations

from datetime import date, time

import pytest

from mesa_desktop.documents.data import (
    ActaApproval,
    ActaData,
    ActaStatus,
    Attendee,
    Capacity,
    Commitment,
    CommitmentStatus,
    PlanAction,
    PlanTask,
    QuorumCheck,
    SessionInfo,
    SessionKind,
    StrategicAxis,
)
from mesa_desktop.errors import InvalidInput
from tests.support import samples


def test_plain_strings_become_enums() -> None:
    session = SessionInfo("003-2026", "extraordinary", date(2026, 3, 17), modality="virtual")
    assert session.kind is SessionKind.EXTRAORDINARY and not session.is_ordinary
    person = Attendee("Ana Peña", dependency="Salud Pública", capacity="alternate")
    assert person.capacity is Capacity.ALTERNATE
    assert Commitment("Enviar", "OPS", status="overdue").status is CommitmentStatus.OVERDUE


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: SessionInfo("3-2026", "ordinary", date(2026, 3, 17)), "NNN-AAAA"),
        (lambda: SessionInfo("003-2026", "semanal", date(2026, 3, 17)), "tipo de sesión"),
        (
            lambda: SessionInfo(
                "003-2026", "ordinary", date(2026, 3, 17), start_time=time(10), end_time=time(9)
            ),
            "anterior a la de inicio",
        ),
        (lambda: Attendee("Ana Peña", capacity="head"), "no tiene dependencia"),
        (lambda: Attendee("Ana Peña", dependency="Salud Pública"), "Falta la calidad"),
        (
            lambda: QuorumCheck("Mitad más una", present=5, required=7, total=12, met=True),
            "inconsistente",
        ),
        (
            lambda: QuorumCheck("Mitad más una", present=13, required=7, total=12, met=True),
            "no válido",
        ),
        (lambda: PlanTask("Tarea", progress=120), "entre 0 y 100"),
        (
            lambda: ActaData(samples.MESA, samples.SESSION, status=ActaStatus.APPROVED),
            "no indica en qué sesión",
        ),
        (lambda: ActaApproval("004-2026", date(2026, 6, 16), "abc"), "64 caracteres"),
    ],
)
def test_inconsistent_data_is_refused(build, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        build()


def test_progress_rolls_up_when_not_given() -> None:
    action = PlanAction("Acción", (PlanTask("a", 100), PlanTask("b", 50), PlanTask("c")))
    assert action.effective_progress == 75
    axis = StrategicAxis("Eje", (action, PlanAction("Otra", progress=25)))
    assert axis.effective_progress == 50
    assert StrategicAxis("Vacío").effective_progress is None
    assert samples.action_plan().effective_progress == pytest.approx(67.5, abs=0.5)


def test_lists_are_frozen_into_tuples() -> None:
    acta = ActaData(samples.MESA, samples.SESSION, commitments=[Commitment("Enviar", "OPS")])
    assert isinstance(acta.commitments, tuple)
    assert hash(acta.session) == hash(samples.SESSION)
