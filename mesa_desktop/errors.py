"""Errors the core raises, each with a Spanish message a focal point can act on."""

from __future__ import annotations


class MesaError(Exception):
    """Base of every error meant for a person; ``str(error)`` is the Spanish message."""


class InvalidInput(MesaError):
    """The user gave something the rules refuse (bad date, unknown code, impossible move)."""


class NotFound(MesaError):
    """A session, person or record named by the user does not exist."""


class Conflict(MesaError):
    """The action clashes with what the store already holds (already exists, locked acta)."""


class StoreError(MesaError):
    """The store file is missing, damaged, or from a newer version of the app."""
