"""Recognising the departmental health authority and the ministry by the names people write
(review item 3): the Instituto Departamental de Salud (IDS, IDSN), the Secretaría Seccional,
«Secretaría de Salud de <departamento>», their director(a) and delegado(a), and MinSalud;
and keeping out a municipal Secretaría de Salud, a subsecretary or another country's ministry."""

from __future__ import annotations

import pytest

from mesa_desktop.services.compliance import is_health_secretary, is_ministry

IDS_NORTE = "Instituto Departamental de Salud de Norte de Santander"
IDSN = "Instituto Departamental de Salud de Nariño"

# (cargo, entity or dependency, mesa kind, expected)
SECRETARY_CASES = [
    # The departmental authority, for a municipal mesa (Cúcuta, Ipiales, ...).
    ("Director(a)", IDS_NORTE, "municipal", True),
    ("Directora", IDSN, "municipal", True),
    ("Director", "IDS Norte de Santander", "municipal", True),
    ("Directora del IDSN", None, "municipal", True),
    ("Gerente", IDSN, "municipal", True),
    ("Delegada de la Directora del IDSN", None, "municipal", True),
    ("Delegado de la Directora", IDSN, "municipal", True),
    ("Delegado(a)", IDS_NORTE, "municipal", True),
    ("Secretario Seccional de Salud y Protección Social de Antioquia", None, "municipal", True),
    ("Secretaria de Salud de Cundinamarca", None, "municipal", True),
    ("Secretario de Salud", "Secretaría de Salud del Cesar", "municipal", True),
    ("Secretario de Salud", "Gobernación de Norte de Santander", "municipal", True),
    ("Secretaria Departamental de Salud", None, "municipal", True),
    ("Delegado del Secretario Departamental de Salud", None, "municipal", True),
    # Not the departmental one: the mesa's own municipal secretariat, and look-alikes.
    ("Secretaria de Salud Municipal", None, "municipal", False),
    ("Secretario de Salud", "Secretaría de Salud Municipal", "municipal", False),
    ("Secretario de Salud de San José de Cúcuta", None, "municipal", False),
    ("Secretario de Salud de Santander de Quilichao", None, "municipal", False),
    ("Secretario de Salud de Nariño", None, "municipal", False),  # a town too: say "departamental"
    ("Secretario de Salud", None, "municipal", False),
    ("Subsecretaria Departamental de Salud Pública", None, "municipal", False),
    ("Profesional", IDSN, "municipal", False),
    ("Profesional de la Secretaría de Salud de Cundinamarca", None, "municipal", False),
    ("Secretaria del Instituto Departamental de Salud", None, "municipal", False),
    ("Director de Epidemiología", IDS_NORTE, "municipal", False),
    ("Director", "Migración Colombia", "municipal", False),
    ("Director", "Gobernación de Nariño", "municipal", False),  # not a health body
    ("Delegado", "Secretaría de Salud Municipal", "municipal", False),
    ("Delegada de la Oficina de Planeación", IDSN, "municipal", False),
    (None, IDSN, "municipal", False),
    # A departmental or district mesa convenes its own secretary.
    ("Secretario de Salud", None, "departmental", True),
    ("Director(a)", IDS_NORTE, "departmental", True),
    ("Delegado", "Secretaría Distrital de Salud", "district", True),
    ("Delegado", "Secretaría Distrital de Salud", "municipal", False),
    ("Director", "Migración Colombia", "departmental", False),
]


@pytest.mark.parametrize(("cargo", "entity", "kind", "expected"), SECRETARY_CASES)
def test_the_departmental_health_authority_by_its_real_names(cargo, entity, kind, expected):
    assert is_health_secretary(cargo, entity, kind=kind) is expected


MINISTRY_CASES = [
    ("Ministerio de Salud y Protección Social", True),
    ("MinSalud", True),
    ("Minsalud - Oficina de Promoción Social", True),
    ("Min. Salud", True),
    ("MSPS", True),
    ("Oficina de Promoción Social del Ministerio de Salud", True),
    ("Ministerio de Salud Pública del Ecuador", False),  # Ipiales' neighbour, not the MSPS
    ("Secretaría de Salud de Cundinamarca", False),
    ("Ministerio del Interior", False),
    ("Mindeporte", False),
    (None, False),
]


@pytest.mark.parametrize(("text", "expected"), MINISTRY_CASES)
def test_the_ministry_by_the_names_people_write(text, expected):
    assert is_ministry(text) is expected
