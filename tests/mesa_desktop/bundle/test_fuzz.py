"""Property: whatever a signed bundle's JSON and CSV members hold, the import never raises —
every file is imported or quarantined — and the store stays sound.

Mutations hit ``manifest.json``, ``datapackage.json`` and the resources' cells (random types,
huge integers, deep nesting, long strings, unknown codes, formulas); the bundle is re-signed
with the test key so it passes the signature check and reaches validation.

Short in the suite (150 cases); the long mode, past the suite's 300 s timeout:
``MESA_FUZZ_EXAMPLES=10000 pytest -s --timeout=0 tests/mesa_desktop/bundle/test_fuzz.py``.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections import Counter
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mesa_desktop.bundle import archive, datapackage, signing
from mesa_desktop.bundle.manifest import hashes_of
from mesa_desktop.store import Store
from tests.support.bundles import make_importer, sealed, signed_files

EXAMPLES = int(os.environ.get("MESA_FUZZ_EXAMPLES", "150"))
OUTCOMES = {"imported", "superseded", "rejected", "duplicate", "key_change_pending"}
KEY = signing.generate_signing_key()
_DEEP = "\x00profundo:{}\x00"


class Deep:
    def __init__(self, levels: int) -> None:
        self.levels = levels


scalars = st.one_of(
    st.none(), st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([2**31, 2**31 - 1, 2**63, 2**63 - 1, -(2**63) - 1, 10**400, 0, -1]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.integers(min_value=200, max_value=200_000).map(lambda n: "x" * n),
    st.sampled_from(["imperial", "=1+2", '=HYPERLINK("http://x.example/","y")', "9999-12-31",
                     "0000-00-00T00:00:00Z", "99999", "00000", "54001", "../x.csv", "data/mesa.csv"]),
)  # fmt: skip
json_values = st.one_of(
    scalars,
    st.one_of(st.sampled_from([33, 1_500, 100_000]), st.integers(min_value=20, max_value=20_000)).map(Deep),
    st.lists(scalars, max_size=4),
    st.dictionaries(st.text(max_size=8), scalars, max_size=3),
)
cell_texts = st.one_of(
    scalars.map(
        lambda value: (
            ""
            if value is None
            else str(value)
            if not isinstance(value, int) or abs(value) < 10**300
            else "9" * 400
        )
    ),
    st.text(max_size=30),
)


def _paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _paths(child, (*prefix, index))
    return found


def _set(document: Any, path: tuple, value: Any) -> Any:
    if not path:
        return value
    parent = document
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = value
    return document


def _dumps(document: Any) -> bytes:
    deep: list[int] = []

    def encode(value: Any) -> Any:
        if isinstance(value, Deep):
            deep.append(value.levels)
            return _DEEP.format(len(deep) - 1)
        raise TypeError

    text = json.dumps(document, default=encode, ensure_ascii=False)
    for index, levels in enumerate(deep):
        text = text.replace(json.dumps(_DEEP.format(index)), "[" * levels + "]" * levels)
    return text.encode("utf-8")


def _mutate_json(raw: bytes, pick: int, value: Any) -> bytes:
    try:
        document = json.loads(raw)
    except (ValueError, RecursionError):
        return raw  # already broken by an earlier mutation of this example
    paths = _paths(document)
    return _dumps(_set(document, paths[pick % len(paths)], value))


def _mutate_csv(raw: bytes, row: int, column: int, text: str) -> bytes:
    try:
        records = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
    except (csv.Error, UnicodeDecodeError):
        return raw  # already past the CSV reader's limits after an earlier mutation
    if not records:
        return raw
    line = records[row % len(records)]
    if line:
        line[column % len(line)] = text
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(records)
    return buffer.getvalue().encode("utf-8")


mutations = st.lists(
    st.one_of(
        st.tuples(
            st.just("json"),
            st.sampled_from([archive.MANIFEST_NAME, archive.DATAPACKAGE_NAME]),
            st.integers(min_value=0, max_value=10_000),
            json_values,
        ),
        st.tuples(
            st.just("csv"),
            st.sampled_from([spec.path for spec in datapackage.tables()]),
            st.tuples(st.integers(min_value=0, max_value=500), st.integers(min_value=0, max_value=40)),
            cell_texts,
        ),
    ),
    min_size=1,
    max_size=3,
)


def hostile_bundle(snapshot, sequence: int, changes: list) -> bytes:
    files = signed_files(snapshot, KEY, sequence=sequence, created_at=datetime(2026, 11, 21, tzinfo=UTC))
    manifest_changes = []
    for kind, member, where, value in changes:
        if member == archive.MANIFEST_NAME:
            manifest_changes.append((where, value))
        elif member not in files:
            continue
        elif kind == "json":
            files[member] = _mutate_json(files[member], where, value)
        else:
            files[member] = _mutate_csv(files[member], *where, value)
    manifest = json.loads(files[archive.MANIFEST_NAME])
    manifest["files"] = hashes_of({n: c for n, c in files.items() if n not in (archive.MANIFEST_NAME,)})
    body = json.dumps(manifest).encode("utf-8")
    for where, value in manifest_changes:
        body = _mutate_json(body, where, value)
    files[archive.MANIFEST_NAME] = body
    files[archive.MANIFEST_SIGNATURE_NAME] = signing.sign(KEY, body)
    return sealed(files)


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_import_never_raises_and_the_store_stays_sound(snapshot, tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz")
    store = Store(folder / "ministerio.sqlite")
    importer = make_importer(store, folder, key=KEY)
    tally: Counter = Counter()
    counter = iter(range(1, 10**9))

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(mutations, st.integers(min_value=1, max_value=50))
    def one_bundle(changes, sequence):
        number = next(counter)
        path = folder / "correo" / f"mesa-54001-20261121-{number}.mesa"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(hostile_bundle(snapshot, sequence, changes))
        outcome = importer.import_file(path)  # must not raise
        assert outcome.status in OUTCOMES
        tally[outcome.status] += 1
        path.unlink()

    try:
        one_bundle()
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    finally:
        store.close()
    print(f"\nfuzz: {sum(tally.values())} paquetes: {dict(tally)}")
    assert tally["rejected"] > 0
