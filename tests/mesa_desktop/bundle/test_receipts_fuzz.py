"""Property: whatever a receipt file holds — mutated bytes, a re-signed body with any values,
deep nesting — reading it gives a receipt or one Spanish refusal (a ``MesaError``), never
another exception. A receipt signed by anyone but the ministry's receipt key is refused.

Short in the suite; ``MESA_FUZZ_EXAMPLES=10000 pytest -s --timeout=0`` for the long mode.
"""

from __future__ import annotations

import json
import os
import uuid
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from mesa_desktop.bundle import receipts, signing
from mesa_desktop.errors import MesaError

EXAMPLES = int(os.environ.get("MESA_FUZZ_EXAMPLES", "300"))
MINISTRY = signing.generate_signing_key()
STRANGER = signing.generate_signing_key()
GENUINE = receipts.ReceiptData(
    territory_code="54001",
    territory_name="San José de Cúcuta",
    mesa_id=uuid.uuid4(),
    sequence=3,
    bundle_file="mesa-54001-20261120-3.mesa",
    bundle_sha256="ab" * 32,
    bundle_created_at=datetime(2026, 11, 20, 14, 0, tzinfo=UTC),
    imported_at=datetime(2026, 11, 21, 9, 30, tzinfo=UTC),
    verdict="imported",
)

values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(2**80), max_value=2**80),
        st.floats(),
        st.text(max_size=30),
        st.sampled_from(["hackeado", "9999-99-99T99:99:99Z", "", "\x00"]),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)


@st.composite
def receipt_files(draw) -> bytes:
    document = json.loads(receipts.make_receipt(GENUINE, MINISTRY))
    kind = draw(st.sampled_from(["resigned", "stranger", "bytes", "deep", "document"]))
    if kind in ("resigned", "stranger"):
        body = document["receipt"]
        for _ in range(draw(st.integers(1, 3))):
            keys = draw(
                st.sampled_from(
                    [
                        ["territory", "code"],
                        ["mesa_id"],
                        ["sequence"],
                        ["verdict"],
                        ["bundle_created_at"],
                        ["imported_at"],
                        ["territory"],
                        ["bundle_file"],
                    ]
                )
            )
            target = body
            for key in keys[:-1]:
                target = target.setdefault(key, {}) if isinstance(target.get(key), dict) else body
            target[keys[-1]] = draw(values)
        key = MINISTRY if kind == "resigned" else STRANGER
        document["signature"] = signing.sign(key, receipts.canonical(body)).decode("ascii")
        document["signer"] = key.public_key.base64
        return json.dumps(document).encode()
    if kind == "deep":
        levels = draw(st.sampled_from([40, 2_000, 200_000]))
        return ("[" * levels + "]" * levels).encode()
    if kind == "document":
        document[draw(st.sampled_from(["format", "format_version", "receipt", "signer", "signature"]))] = (
            draw(values)
        )
        return json.dumps(document).encode()
    data = bytearray(receipts.make_receipt(GENUINE, MINISTRY))
    for _ in range(draw(st.integers(1, 5))):
        at = int(draw(st.floats(0, 1, exclude_max=True)) * len(data))
        data[at] ^= draw(st.integers(1, 255))
    return bytes(data)


def test_the_genuine_receipt_reads_back():
    assert receipts.read_receipt(receipts.make_receipt(GENUINE, MINISTRY), MINISTRY.public_key) == GENUINE


@settings(max_examples=EXAMPLES, deadline=None)
@given(receipt_files())
def test_any_receipt_file_is_read_or_refused_in_spanish(data):
    try:
        receipt = receipts.read_receipt(data, MINISTRY.public_key)
    except MesaError as refusal:
        assert str(refusal)
        return
    # Accepted: signed by the ministry's key, with values the app can store and show.
    assert receipt.verdict in receipts.VERDICT_LABELS
    assert 1 <= receipt.sequence < 2**31
    assert receipt.verdict_label
