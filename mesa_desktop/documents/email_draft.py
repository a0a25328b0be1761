"""Ready-to-send e-mail drafts (``.eml``): the convocation's, the bundle's for the ministry
and the ministry's receipt for a focal point.

The app never sends mail itself: it writes an unsent message (``X-Unsent: 1``) that Outlook
and Thunderbird open as a new message, with the recipients, subject, body and attachments
filled in, and the person presses "Enviar" in their own mail client.

Thread affinity: none.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import default as default_policy

from mesa_desktop.atomic import write_bytes
from mesa_desktop.email_address import is_valid_email
from mesa_desktop.errors import InvalidInput

EML_SUFFIX = ".eml"


def address(name: str, email: str) -> Address:
    """One recipient or sender; a Spanish ``InvalidInput`` naming ``name`` when not valid."""
    email = email.strip()
    problem = InvalidInput(f"La dirección de correo de {name} no es válida: {email!r}.")
    if not is_valid_email(email):
        raise problem
    try:
        return Address(display_name=name, addr_spec=email)
    except (ValueError, IndexError, HeaderParseError) as error:
        raise problem from error


def new_draft(subject: str, *, to: Sequence[Address] = (), sender: Address | None = None) -> EmailMessage:
    """An unsent message with its headers; the caller sets the body and adds attachments."""
    message = EmailMessage()
    message["Subject"] = subject
    if sender is not None:
        message["From"] = sender
    if to:
        message["To"] = list(to)
    message["X-Unsent"] = "1"  # Outlook and Thunderbird open the file as a draft to send
    return message


def attach_file(message: EmailMessage, data: bytes, filename: str) -> None:
    """A file the mail client must pass on byte for byte (an encrypted bundle, a receipt)."""
    message.add_attachment(data, maintype="application", subtype="octet-stream", filename=filename)


def draft_bytes(message: EmailMessage) -> bytes:
    """The message as a ``.eml`` file (CRLF line ends, as mail clients write them)."""
    return message.as_bytes(policy=default_policy.clone(linesep="\r\n"))


def write_draft(path: str | os.PathLike[str], message: EmailMessage) -> None:
    write_bytes(path, draft_bytes(message))
