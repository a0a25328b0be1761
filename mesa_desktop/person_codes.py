"""Personal check-in codes: what a person shows (as a QR code or typed) to check in.

A code is 8 random Crockford base32 characters shown as ``XXXX-XXXX`` (40 bits from
``secrets``). It is never derived from the ID number or the name, so a printed badge or an
e-mailed convocation exposes no personal data. Codes are local to the focal point's store
(they are kept out of the ministry bundle) and unique within a mesa.

Reading is forgiving, as Crockford's alphabet intends: lower case, a missing hyphen, spaces,
and O for 0, I or L for 1 are accepted. A USB scanner types the code followed by Enter; one
set up for a US keyboard types the hyphen as another sign (an apostrophe on a Latin American
layout), so any ASCII punctuation between the characters is read as the hyphen.

Thread affinity: none. SQLAlchemy is imported only by the lookup, so screens can use
``normalize`` to tell a scanned code from a typed name without loading the database layer.
"""

from __future__ import annotations

import re
import secrets
import uuid
from typing import TYPE_CHECKING

from mesa_desktop.errors import InvalidInput, NotFound

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mesa_desktop.models import Person

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 8
# Crockford's reading: letters easily mistaken for digits are read as those digits.
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})
_SEPARATORS = re.compile(r"[\s!-/:-@\[-`{-~]+")  # whitespace and ASCII punctuation
_VALID = re.compile(f"^[{ALPHABET}]{{{LENGTH}}}$")


def new_code() -> str:
    """A fresh random code, ``XXXX-XXXX``."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return f"{raw[:4]}-{raw[4:]}"


def normalize(text: str | None) -> str | None:
    """The code ``text`` spells, as ``XXXX-XXXX``; None when it is not a code."""
    if not text:
        return None
    raw = _SEPARATORS.sub("", text).upper().translate(_READ_AS)
    if not _VALID.match(raw):
        return None
    return f"{raw[:4]}-{raw[4:]}"


def unused_code(db: Session, mesa_id: uuid.UUID) -> str:
    """A new code no person of the mesa holds (a clash is a one-in-billions event)."""
    from sqlalchemy import select

    from mesa_desktop.models import Person

    while True:
        code = new_code()
        taken = db.scalar(
            select(Person.id).where(Person.mesa_id == mesa_id, Person.check_in_code == code).limit(1)
        )
        if taken is None:
            return code


def find_person_by_code(db: Session, mesa_id: uuid.UUID, text: str) -> Person:
    """The active person of the mesa whose code ``text`` spells, or a Spanish error."""
    from sqlalchemy import select

    from mesa_desktop.models import Person

    shown = " ".join(str(text).split())[:40]
    code = normalize(text)
    person = None
    if code is not None:
        person = db.scalar(select(Person).where(Person.mesa_id == mesa_id, Person.check_in_code == code))
    if person is None:
        raise NotFound(
            f"Código no reconocido: «{shown}». Verifique el código de la credencial o de la "
            "convocatoria, o busque a la persona por su nombre."
        )
    if not person.active:
        raise InvalidInput(
            f"El código {code} es de {person.full_name}, que está inactiva en la mesa: "
            "actívela en Conformación para registrar su asistencia."
        )
    return person
