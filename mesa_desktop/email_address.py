"""The one rule for e-mail addresses: what the store saves is what a convocation can address.

Member import, the services that save an address, the convocation's calendar invitation and
the screens all ask :func:`is_valid_email`, so a preview never accepts what the save refuses.
Named so it never shadows the standard library's ``email`` package.
"""

from __future__ import annotations

import re
from email.errors import HeaderParseError
from email.headerregistry import Address

from mesa_desktop.errors import InvalidInput

__all__ = ["EMAIL_PATTERN", "check_email", "is_valid_email"]

# One address, no spaces and none of the characters that separate addresses in a header.
EMAIL_PATTERN = re.compile(r"[^@\s<>(),;:\"]+@[^@\s<>(),;:\"]+\.[^@\s<>(),;:\"]+")


def is_valid_email(email: str) -> bool:
    """True when ``email`` (already stripped) is one address a convocation can be sent to."""
    if not EMAIL_PATTERN.fullmatch(email):
        return False
    try:  # what the invitation's header will parse: no "a..b@", no non-ASCII local part
        Address(addr_spec=email)
    except (ValueError, IndexError, HeaderParseError):
        return False
    return True


def check_email(email: str | None, owner: str) -> str | None:
    """``email`` stripped, None when empty; a Spanish ``InvalidInput`` naming ``owner`` if not valid."""
    email = (email or "").strip()
    if not email:
        return None
    if not is_valid_email(email):
        raise InvalidInput(f"El correo de {owner} no es válido: «{email}». Corríjalo o déjelo vacío.")
    return email
