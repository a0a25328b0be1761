"""Property: whatever bytes a member list holds, reading and previewing it either gives rows
or one Spanish refusal (``InvalidInput``), never another exception, and whatever the preview
accepts is stored by the import — the same rules at preview and apply time.

Mutations: random bytes; a valid CSV with bytes flipped, inserted or cut; its text re-encoded
in the encodings Excel uses (and mixed); cells replaced by hostile text (formulas, long runs,
control characters, two e-mails); a valid workbook with bytes flipped or truncated.
Short in the suite; ``MESA_FUZZ_EXAMPLES=10000 pytest -s --timeout=0`` for the long mode.
"""

from __future__ import annotations

import io
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mesa_desktop.errors import InvalidInput
from mesa_desktop.services import conformation, member_import
from mesa_desktop.store import Store

EXAMPLES = int(os.environ.get("MESA_FUZZ_EXAMPLES", "120"))

HEADER = ["Dependencia", "Nombre", "Rol", "Correo", "Teléfono", "Autoriza datos"]
GOOD = [
    [
        "Subsecretaría de Salud Pública",
        "José Peñaranda Ortiz",
        "Delegado",
        "jp@salud.gov.co",
        "3001234567",
        "Sí",
    ],
    ["Dirección de Aseguramiento", "Ángela Núñez Ibáñez", "Suplente", "", "", "no"],
    ["Migración Colombia", "Íngrid Rojas", "Invitado", "", "", "sí"],
]
hostile_cells = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "=1+2",
            '=HYPERLINK("http://x.example/","y")',
            "a@x.co, b@y.co",
            "\x00\x07",
            "quizás",
            "Jefe;Suplente",
            '"',
            "Ñandú\r\nsegunda línea",
            "9" * 400,
        ]
    ),
    st.integers(min_value=300, max_value=50_000).map(lambda n: "x" * n),
)


def csv_bytes(rows: list[list[str]], separator: str, encoding: str) -> bytes:
    lines = [separator.join('"' + c.replace('"', '""') + '"' for c in row) for row in [HEADER, *rows]]
    return ("\r\n".join(lines) + "\r\n").encode(encoding, errors="replace")


def workbook_bytes(rows: list[list[str]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    book = Workbook()
    sheet = book.active
    for row in [HEADER, *rows]:
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", cell) for cell in row])  # Excel cannot hold them either
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@st.composite
def member_files(draw) -> tuple[str, bytes]:
    kind = draw(st.sampled_from(["random", "csv", "csv-mixed", "csv-mutated", "xlsx", "xlsx-mutated"]))
    rows = [list(r) for r in GOOD]
    for _ in range(draw(st.integers(0, 4))):
        row = draw(st.integers(0, len(rows) - 1))
        rows[row][draw(st.integers(0, len(HEADER) - 1))] = draw(hostile_cells)
    if kind == "random":
        return draw(st.sampled_from([".csv", ".xlsx", ".txt"])), draw(st.binary(max_size=3000))
    if kind.startswith("csv"):
        data = csv_bytes(
            rows,
            draw(st.sampled_from([";", ",", "\t"])),
            draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252"])),
        )
        if kind == "csv-mixed":
            data += "Salud Pública;Ñoño Peña;Delegado;;;sí\r\n".encode(
                draw(st.sampled_from(["cp1252", "utf-8"]))
            )
        if kind == "csv-mutated":
            data = mutate(draw, data)
        return ".csv", data
    data = workbook_bytes(rows)
    return ".xlsx", mutate(draw, data) if kind == "xlsx-mutated" else data


def mutate(draw, data: bytes) -> bytes:
    data = bytearray(data)
    for _ in range(draw(st.integers(1, 6))):
        if not data:
            break
        # A position as a fraction: a workbook's length varies with its save time (zip dates).
        at = int(draw(st.floats(0, 1, exclude_max=True)) * len(data))
        action = draw(st.sampled_from(["flip", "insert", "cut", "truncate"]))
        if action == "flip":
            data[at] ^= draw(st.integers(1, 255))
        elif action == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif action == "cut":
            del data[at : at + draw(st.integers(1, 64))]
        else:
            del data[at:]
    return bytes(data)


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    folder = tmp_path_factory.mktemp("miembros-fuzz")
    store = Store(folder / "modelo.sqlite")
    conformation.init_mesa(store, territory_code="54001", preset="territorial")
    store.close()
    return folder / "modelo.sqlite"


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(member_files())
@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_any_member_file_is_read_or_refused_and_what_is_previewed_is_stored(template, tmp_path_factory, case):
    import shutil

    suffix, data = case
    folder = tmp_path_factory.mktemp("caso")
    shutil.copy(template, folder / "mesa.sqlite")
    path = folder / f"miembros{suffix}"
    path.write_bytes(data)
    store = Store(folder / "mesa.sqlite")
    try:
        try:
            preview = member_import.preview_member_file(store, path)
        except InvalidInput as refusal:
            assert str(refusal) and "Traceback" not in str(refusal)
            return
        if not preview.valid_rows:
            return
        before = len(conformation.list_people(store))
        result = member_import.apply_import(store, preview)  # never refuses what the preview accepted
        assert (
            len(conformation.list_people(store))
            == before + result.people_added
            == before + len(preview.valid_rows)
        )
    finally:
        store.close()
