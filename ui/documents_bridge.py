"""The screens' view of the document builders, which live in the core (shared with the CLI)."""

from mesa_desktop.services.document_data import *  # noqa: F401,F403
from mesa_desktop.services.document_data import _attendee, _quorum  # noqa: F401
