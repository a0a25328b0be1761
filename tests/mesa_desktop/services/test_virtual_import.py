"""Virtual meeting participant reports (Teams, Meet, Zoom) parsed and matched to people."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import pytest

from mesa_desktop.errors import InvalidInput
from mesa_desktop.services.virtual_import import decode, match_participants, parse_report, preview


@dataclass(frozen=True)
class Person:
    id: uuid.UUID
    full_name: str
    email: str | None = None


def person(name: str, email: str | None = None) -> Person:
    return Person(uuid.uuid4(), name, email)


TEAMS_NEW = (
    "1. Summary\n"
    "Meeting title\tMesa técnica de migración y salud\n"
    "Attended participants\t4\n"
    "Start time\t21/05/2026, 9:00:12\n"
    "\n"
    "2. Participants\n"
    "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole\n"
    "María Fernanda Rodríguez Peñaranda\t21/05/2026, 9:01:03\t21/05/2026, 11:58:40\t2h 57m\t"
    "mrodriguez@saludcucuta.gov.co\tmrodriguez@saludcucuta.gov.co\tAttendee\n"
    "Óscar Iván Pabón Sánchez (Invitado)\t21/05/2026, 9:04:10\t21/05/2026, 10:00:00\t56m\t\t\tAttendee\n"
    "Contreras Villamizar, Luz Marina\t21/05/2026, 9:05:00\t21/05/2026, 11:00:00\t1h 55m\t\t"
    "lcontreras@saludcucuta.gov.co\tPresenter\n"
    "Persona Desconocida\t21/05/2026, 9:06:00\t21/05/2026, 9:30:00\t24m\t\t\tAttendee\n"
    "\n"
    "3. In-Meeting Activities\n"
    "Name\tJoin Time\tLeave Time\tDuration\tEmail\tRole\n"
    "María Fernanda Rodríguez Peñaranda\t21/05/2026, 9:01:03\t21/05/2026, 11:58:40\t2h 57m\t"
    "mrodriguez@saludcucuta.gov.co\tAttendee\n"
)

TEAMS_SPANISH = (
    "1. Resumen\n"
    "Título de la reunión\tMesa técnica\n"
    "\n"
    "2. Participantes\n"
    "Nombre\tPrimera unión\tÚltima salida\tDuración en la reunión\tCorreo electrónico\t"
    "Id. de participante (UPN)\tRol\n"
    "José Gregorio Jaimes Ortega\t21/5/26, 9:00:00\t21/5/26, 11:00:00\t2 h\tjjaimes@salud.gov.co\t"
    "jjaimes@salud.gov.co\tAsistente\n"
)

TEAMS_LEGACY = (
    "Full Name\tUser Action\tTimestamp\n"
    "Ana Milena Rincón Duarte\tJoined\t5/21/2026, 9:00:05 AM\n"
    "Ana Milena Rincón Duarte\tLeft\t5/21/2026, 9:30:00 AM\n"
    "Ana Milena Rincón Duarte\tJoined\t5/21/2026, 9:35:00 AM\n"
    "Wilmer Quintero Ibáñez\tJoined\t5/21/2026, 9:02:00 AM\n"
)

ZOOM = (
    "Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants\n"
    "812 3456 7890,Mesa técnica,05/21/2026 09:00:00 AM,05/21/2026 11:00:00 AM,host@salud.gov.co,120,3\n"
    "\n"
    "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n"
    "Diana Carolina Carrascal León,dcarrascal@saludcucuta.gov.co,05/21/2026 09:01:00 AM,"
    "05/21/2026 11:00:00 AM,119,No\n"
    "Iphone de Ramiro,,05/21/2026 09:10:00 AM,05/21/2026 10:00:00 AM,50,Yes\n"
)

MEET = (
    "First name,Last name,Email,Duration,Time joined,Time exited\n"
    "Jorge Eliécer,Vergel Bautista,,1 hr 50 min,9:02 AM,10:52 AM\n"
)


@pytest.fixture
def people() -> list[Person]:
    return [
        person("María Fernanda Rodríguez Peñaranda", "mrodriguez@saludcucuta.gov.co"),
        person("Óscar Iván Pabón Sánchez"),
        person("Luz Marina Contreras Villamizar", "lcontreras@saludcucuta.gov.co"),
        person("José Gregorio Jaimes Ortega", "JJaimes@salud.gov.co"),
        person("Ana Milena Rincón Duarte"),
        person("Wilmer Quintero Ibáñez"),
        person("Diana Carolina Carrascal León", "dcarrascal@saludcucuta.gov.co"),
        person("Jorge Eliécer Vergel Bautista"),
    ]


def test_teams_utf16_report_with_sections(people):
    data = TEAMS_NEW.encode("utf-16")  # Teams writes UTF-16 with a BOM
    participants = parse_report(data)
    assert [p.name for p in participants] == [
        "María Fernanda Rodríguez Peñaranda",
        "Óscar Iván Pabón Sánchez (Invitado)",
        "Contreras Villamizar, Luz Marina",
        "Persona Desconocida",
    ]  # the "In-Meeting Activities" section below is not read twice
    assert participants[0].email == "mrodriguez@saludcucuta.gov.co"
    assert participants[0].joined == "21/05/2026, 9:01:03"
    assert participants[2].email == "lcontreras@saludcucuta.gov.co"  # from the UPN column

    result = match_participants(participants, people)
    assert [(m.person_name, m.how) for m in result.matched] == [
        ("María Fernanda Rodríguez Peñaranda", "correo"),
        ("Óscar Iván Pabón Sánchez", "nombre"),  # "(Invitado)" ignored
        ("Luz Marina Contreras Villamizar", "correo"),
    ]
    assert [u.participant.name for u in result.unmatched] == ["Persona Desconocida"]
    assert "No está registrada" in result.unmatched[0].reason


def test_teams_spanish_utf16_little_endian_without_bom(people):
    data = TEAMS_SPANISH.encode("utf-16-le")
    assert decode(data).startswith("1. Resumen")
    result = preview(data, people)
    assert [(m.person_name, m.how) for m in result.matched] == [("José Gregorio Jaimes Ortega", "correo")]


def test_legacy_teams_joins_and_leaves_give_each_person_once(people):
    participants = parse_report(TEAMS_LEGACY.encode("utf-16"))
    assert [(p.name, p.joined) for p in participants] == [
        ("Ana Milena Rincón Duarte", "5/21/2026, 9:00:05 AM"),
        ("Wilmer Quintero Ibáñez", "5/21/2026, 9:02:00 AM"),
    ]
    assert len(match_participants(participants, people).matched) == 2


def test_zoom_report_skips_the_meeting_block(people):
    result = preview(ZOOM.encode("utf-8"), people)
    assert [m.person_name for m in result.matched] == ["Diana Carolina Carrascal León"]
    assert [u.participant.name for u in result.unmatched] == ["Iphone de Ramiro"]


def test_meet_first_and_last_name_columns(people):
    result = preview(MEET, people)
    assert [(m.person_name, m.how) for m in result.matched] == [("Jorge Eliécer Vergel Bautista", "nombre")]


def test_excel_semicolons_cp1252_and_accentless_names(people):
    text = (
        "Nombre;Correo electrónico;Hora de unión\nwilmer quintero ibanez;;09:00\nANA MILENA RINCON;;09:05\n"
    )
    result = preview(text.encode("cp1252"), people)
    assert [m.person_name for m in result.matched] == ["Wilmer Quintero Ibáñez", "Ana Milena Rincón Duarte"]


def test_utf8_bom_and_crlf(people):
    text = "\ufeffName,Email\r\nDiana Carolina Carrascal León,\r\n"
    result = preview(text.encode("utf-8"), people)
    assert [m.person_name for m in result.matched] == ["Diana Carolina Carrascal León"]


def test_ambiguous_name_is_never_guessed():
    twins = [person("Carlos Andrés Suárez Niño"), person("Carlos Andrés Suárez Niño")]
    result = preview("Name\nCarlos Andrés Suárez Niño\n", twins)
    assert result.matched == ()
    assert "varias personas" in result.unmatched[0].reason


def test_partial_name_matches_only_when_unique():
    people = [person("María Fernanda Rodríguez Peñaranda"), person("María José Rodríguez Gélvez")]
    result = preview("Name\nMaría Rodríguez\nMaría Fernanda Rodríguez\n", people)
    assert [m.person_name for m in result.matched] == ["María Fernanda Rodríguez Peñaranda"]
    assert "varias personas" in result.unmatched[0].reason


def test_the_same_person_twice_is_checked_in_once(people):
    text = "Name,Email\nJosé Gregorio Jaimes Ortega,jjaimes@salud.gov.co\nJose Gregorio Jaimes,\n"
    result = preview(text, people)
    assert len(result.matched) == 1
    assert result.person_ids == (people[3].id,)


def test_a_file_without_a_participants_table_is_refused():
    with pytest.raises(InvalidInput, match="No se encontró la lista de participantes"):
        parse_report(b"Meeting ID,Topic\n123,Mesa\n")
