"""Signing the approved acta: render its PDF from the frozen content and sign it (PAdES).

With the focal point's own certificate (a PKCS#12 file and its passphrase) or, without one,
with the certificate this installation creates for itself in its data folder (beside the
bundle signing key). A draft is never signed: only what the mesa approved.

Thread affinity: reads the store (DB thread), then renders and signs (any worker).
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from mesa_desktop.atomic import write_bytes
from mesa_desktop.documents.signing import SignatureCheck
from mesa_desktop.errors import Conflict, MesaError
from mesa_desktop.store import Store

P12_PASSPHRASE_ENV = "MESA_P12_PASSPHRASE"


@dataclass(frozen=True)
class SignedActa:
    path: Path
    number: str
    signer: str  # the certificate's common name
    fingerprint_sha256: str
    self_signed: bool
    signed_at: datetime | None


def sign_acta(
    store: Store,
    session_ref: str | uuid.UUID,
    target: str | os.PathLike[str],
    *,
    p12_path: str | os.PathLike[str] | None = None,
    passphrase: str | None = None,
) -> SignedActa:
    """Write the session's approved acta, signed, to ``target`` (atomically).

    Raises ``Conflict`` for an acta not yet approved and ``SigningError`` (an ``InvalidInput``)
    for a wrong passphrase, a file that is not PKCS#12 or an expired certificate.
    """
    from mesa_desktop.bundle.installation import data_dir
    from mesa_desktop.documents import signing
    from mesa_desktop.documents.acta import acta_pdf
    from mesa_desktop.services import actas, document_data, sessions

    session = sessions.get_session(store, session_ref)
    info = actas.current_acta(store, session.id)
    if info is None or not info.locked:
        raise Conflict(
            f"El acta de la sesión {session.number} no está aprobada; solo se firma el acta "
            "que la mesa aprobó."
        )
    data = document_data.acta_data(store, session.id)
    if p12_path is not None:
        credential = signing.load_pkcs12(p12_path, passphrase)
    else:
        credential = signing.installation_credential(
            data_dir(store), mesa_name=data.mesa.mesa_name, territory=data.mesa.city
        )
    focal_point = next((s.name for s in data.signatories if s.role == "Secretaría técnica" and s.name), None)
    # A personal certificate names its holder; the installation's names only the territory,
    # so the signature also carries the focal point who applied it.
    signer_name = (
        credential.subject
        if not credential.self_signed or not focal_point
        else (f"{focal_point} (secretaría técnica)")
    )
    signed = signing.signed_pdf(
        acta_pdf(data),
        credential,
        reason=f"Aprobación del acta No. {info.number}",
        location=data.mesa.city or data.mesa.territory_name,
        signer_name=signer_name,
    )
    check = signing.verify_pdf(signed)
    if not check.intact:  # never hand over a file that does not verify
        raise MesaError("La firma del acta no se pudo verificar; no se guardó el archivo.")
    path = Path(target)
    write_bytes(path, signed)
    return SignedActa(
        path=path,
        number=info.number,
        signer=credential.subject,
        fingerprint_sha256=credential.fingerprint_sha256,
        self_signed=credential.self_signed,
        signed_at=check.signed_at,
    )


def verify_signed_acta(
    source: bytes | str | os.PathLike[str], *, trust_roots: tuple[bytes, ...] = ()
) -> SignatureCheck:
    """Who signed a PDF, whether it is intact, trusted (or self-created) and when it was signed."""
    from mesa_desktop.documents.signing import verify_pdf

    return verify_pdf(source, trust_roots=trust_roots)
