"""Errors of the bundle layer: key files a person gave us, and bundles we refuse.

Every refusal of an incoming file is a ``BundleRejected`` subclass carrying a stable
``reason`` code (for quarantine records, ``--json`` output and tests) and a Spanish message
that tells a person what to do next. Catch ``BundleRejected`` to quarantine any of them.
"""

from __future__ import annotations

from typing import ClassVar

from mesa_desktop.errors import InvalidInput, MesaError


class KeyFileError(InvalidInput):
    """A key file is missing, unreadable, of the wrong kind, or malformed."""


class BundleRejected(MesaError):
    """An incoming bundle, signature or receipt was refused; nothing was extracted or stored."""

    reason: ClassVar[str] = "rejected"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotABundle(BundleRejected):
    """Random bytes, another kind of file, or a zip/age file that is not ours."""

    reason = "not_a_bundle"


class TruncatedBundle(BundleRejected):
    """The file ends early, typically an attachment that did not finish downloading."""

    reason = "truncated"


class CorruptBundle(BundleRejected):
    """The file is complete but its bytes do not check out (CRC, authentication, headers)."""

    reason = "corrupt"


class UnsupportedBundle(BundleRejected):
    """Valid but uses a feature we do not read (zip encryption, unusual compression)."""

    reason = "unsupported"


class UnsafePath(BundleRejected):
    """An entry name could escape the destination folder (``..``, absolute, drive, backslash)."""

    reason = "path_traversal"


class UnsafeEntry(BundleRejected):
    """An entry is not a plain file (symlink, device) or overlaps another entry's data."""

    reason = "unsafe_entry"


class DuplicateEntry(BundleRejected):
    """Two entries share a name (also when they differ only in letter case)."""

    reason = "duplicate_entry"


class OversizedBundle(BundleRejected):
    """Too big: the file, an entry, the total, or more data than an entry declares (zip bomb)."""

    reason = "oversized"


class UnexpectedEntry(BundleRejected):
    """An entry that the bundle layout (DESIGN §7) does not allow."""

    reason = "unexpected_entry"


class MissingEntry(BundleRejected):
    """A file the bundle layout requires is absent."""

    reason = "missing_entry"


class WrongRecipient(BundleRejected):
    """The age file was encrypted for another identity than the ones we hold."""

    reason = "wrong_recipient"


class SignatureInvalid(BundleRejected):
    """A minisign signature is malformed, from another key, or does not match the data."""

    reason = "bad_signature"


class TamperedBundle(BundleRejected):
    """A file differs from the SHA-256 the signed manifest lists for it."""

    reason = "tampered"


class NewerSchema(BundleRejected):
    """Made by a newer Mesa Desktop (bundle format or schema revision this version does not know)."""

    reason = "newer_schema"


class InvalidData(BundleRejected):
    """Signed and intact, but its data package does not hold what a Mesa bundle must hold."""

    reason = "invalid_data"


REJECTION_CLASSES: tuple[type[BundleRejected], ...] = (
    NotABundle,
    TruncatedBundle,
    CorruptBundle,
    UnsupportedBundle,
    UnsafePath,
    UnsafeEntry,
    DuplicateEntry,
    OversizedBundle,
    UnexpectedEntry,
    MissingEntry,
    WrongRecipient,
    SignatureInvalid,
    TamperedBundle,
    NewerSchema,
    InvalidData,
)
"""Every rejection class; their ``reason`` codes are unique."""
