"""Digital signatures on finished PDFs (PAdES baseline B-B, with pyHanko).

A PDF is signed with a credential: the focal point's own certificate (a PKCS#12 file, as
public servants are issued) or, when they have none, a certificate this installation creates
for itself once, kept in its data folder beside its other keys and labelled in its subject as
not issued by a certification authority. Signing works offline: no timestamp server, no
revocation look-ups. The signature's visible face sits on the first page, in the band that
every page leaves free between the body and the footer rule; it is drawn by ReportLab (see
``pdfdoc.signature_stamp_pdf``) because pyHanko's own text stamps use a non-embedded font.

``verify_pdf`` reads a signature back: who signed, whether the bytes are intact, whether the
certificate chains to a trusted root (or is the self-created one), and when it was signed.

pyHanko is imported inside the functions, so importing this module costs nothing.
Thread affinity: none; run it on a worker, never the GUI thread.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mesa_desktop.atomic import write_bytes, write_private_once
from mesa_desktop.errors import InvalidInput, MesaError

if TYPE_CHECKING:
    from cryptography import x509 as pyca_x509

# pyHanko logs an untrusted chain as a warning with its traceback; without a handler of ours
# Python would print it on stderr (the `mesa` command promises one line). The app's own
# logging, when configured, still receives it.
for _library in ("pyhanko", "pyhanko_certvalidator"):
    logging.getLogger(_library).addHandler(logging.NullHandler())

# Beside firma-instalacion.key (the bundle signing key): one file holding key and certificate,
# so a half-created pair can never exist.
INSTALLATION_CERTIFICATE_NAME = "firma-actas-instalacion.pem"
SELF_SIGNED_NOTICE = "No emitido por una entidad certificadora"
SELF_SIGNED_YEARS = 10
SIGNATURE_FIELD = "FirmaActa"
# The visible signature: on the first page, between the footer rule (13 mm from the bottom) and
# the body frame (20 mm), across the body's width (pdfdoc's portrait margins: 25 mm and 20 mm).
_MM = 72 / 25.4
STAMP_BOTTOM, STAMP_TOP = 14.2 * _MM, 19.8 * _MM
STAMP_LEFT, STAMP_RIGHT_MARGIN = 25 * _MM, 20 * _MM
# A PKCS#12 file is a few kilobytes; a bigger file is surely the wrong one.
MAX_PKCS12_BYTES = 1024 * 1024


class SigningError(InvalidInput):
    """A PDF cannot be signed or checked: bad certificate file, passphrase or input PDF."""


@dataclass(frozen=True)
class Credential:
    """A private key with its certificate (and the chain that came with it)."""

    signer: Any  # pyhanko SimpleSigner, kept opaque so callers need not import pyHanko
    subject: str  # the certificate's common name, as readers show it
    fingerprint_sha256: str  # hex, lowercase, of the DER certificate
    not_after: datetime
    self_signed: bool
    issuer: str = ""  # the issuing authority's common name


@dataclass(frozen=True)
class SignatureCheck:
    """What a PDF reader would say about the document's (last) signature."""

    signer: str
    intact: bool  # the signed bytes are unchanged and the signature matches them
    covers_whole_file: bool  # nothing was appended after signing
    trusted: bool  # the certificate chains to a given root, or is a self-created one
    self_signed: bool
    signed_at: datetime | None
    fingerprint_sha256: str
    reason: str | None
    location: str | None

    @property
    def valid(self) -> bool:
        return self.intact and self.covers_whole_file and self.trusted


# ---------------------------------------------------------------------- credentials


def load_pkcs12(path: str | os.PathLike[str], passphrase: str | None) -> Credential:
    """The credential in a PKCS#12 (.p12/.pfx) file; refuses expired certificates."""
    from cryptography.hazmat.primitives.serialization import pkcs12

    path = Path(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_PKCS12_BYTES + 1)
    except FileNotFoundError:
        raise SigningError(f"No se encontró el certificado {path}. Revise la ruta del archivo.") from None
    except OSError as error:
        raise SigningError(f"No se pudo leer el certificado {path}: {error.strerror or error}.") from error
    if len(data) > MAX_PKCS12_BYTES or not _looks_like_pkcs12(data):
        raise SigningError(
            f"{path.name} no es un certificado PKCS#12 (.p12 o .pfx). "
            "Indique el archivo que le entregó la entidad certificadora."
        )
    # Without a passphrase, try both ways a file can be "unprotected": none, or an empty one.
    secrets = [passphrase.encode("utf-8")] if passphrase else [None, b""]
    for secret in secrets:
        try:
            key, cert, chain = pkcs12.load_key_and_certificates(data, secret)
            break
        except ValueError:
            continue
    else:
        if not passphrase:
            raise SigningError(f"El certificado {path.name} pide una contraseña ($MESA_P12_PASSPHRASE).")
        raise SigningError(f"La contraseña del certificado {path.name} no es correcta.")
    if key is None or cert is None:
        raise SigningError(f"{path.name} no contiene una llave privada con su certificado.")
    return _credential(key, cert, list(chain), self_signed=_is_self_issued(cert))


def installation_credential(
    data_dir: str | os.PathLike[str], *, mesa_name: str, territory: str
) -> Credential:
    """The installation's own signing certificate, created on first use in ``data_dir``.

    An expired one is set aside (renamed, never deleted: it signed earlier actas) and a new
    one is created. Creation is safe against two processes starting at once, like the bundle
    signing key: the file is published with a hard link, which fails if the other got there
    first.
    """
    path = Path(data_dir) / INSTALLATION_CERTIFICATE_NAME
    if not path.exists():
        _create_once(path, mesa_name=mesa_name, territory=territory)
    _restrict_permissions(path)
    key, cert = _read_installation_file(path)
    if cert.not_valid_after_utc <= datetime.now(UTC):
        stamp = cert.not_valid_after_utc.strftime("%Y%m%d")
        os.replace(path, path.with_name(f"{path.stem}.vencido-{stamp}{path.suffix}"))
        return installation_credential(data_dir, mesa_name=mesa_name, territory=territory)
    return _credential(key, cert, [], self_signed=True)


def _credential(
    key: Any, cert: pyca_x509.Certificate, chain: list[pyca_x509.Certificate], *, self_signed: bool
) -> Credential:
    from cryptography.hazmat.primitives.serialization import Encoding
    from pyhanko.keys.internal import (
        translate_pyca_cryptography_cert_to_asn1,
        translate_pyca_cryptography_key_to_asn1,
    )
    from pyhanko.sign.signers import SimpleSigner
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    subject = _common_name(cert)
    now = datetime.now(UTC)
    if cert.not_valid_after_utc <= now:
        raise SigningError(
            f"El certificado de «{subject}» venció el {cert.not_valid_after_utc:%Y-%m-%d}; "
            "solicite su renovación a la entidad certificadora."
        )
    if cert.not_valid_before_utc > now:
        raise SigningError(
            f"El certificado de «{subject}» solo es válido desde el {cert.not_valid_before_utc:%Y-%m-%d}."
        )
    registry = SimpleCertificateStore()  # type: ignore[no-untyped-call]  # pyhanko-certvalidator leaves __init__ unannotated
    registry.register_multiple([translate_pyca_cryptography_cert_to_asn1(c) for c in chain])
    try:
        signer = SimpleSigner(
            signing_cert=translate_pyca_cryptography_cert_to_asn1(cert),
            signing_key=translate_pyca_cryptography_key_to_asn1(key),
            cert_registry=registry,
        )
    except (ValueError, NotImplementedError) as error:
        raise SigningError(f"La llave del certificado de «{subject}» no sirve para firmar.") from error
    return Credential(
        signer=signer,
        subject=subject,
        fingerprint_sha256=hashlib.sha256(cert.public_bytes(Encoding.DER)).hexdigest(),
        not_after=cert.not_valid_after_utc,
        self_signed=self_signed,
        issuer=_common_name(cert, issuer=True),
    )


def self_signed_subject(territory: str) -> str:
    """The self-created certificate's common name (at most the 64 bytes X.509 allows)."""
    base = "Certificado propio de Mesa Desktop"
    name = f"{base} — {territory}" if territory else base
    # The limit is on UTF-8 bytes, and accents take two.
    while len(name.encode("utf-8")) > 64:
        name = name[:-2].rstrip(" ,") + "…"
    return name


def _create_once(path: Path, *, mesa_name: str, territory: str) -> None:
    # Staged 0600 under a unique name and always removed (a kill's leftover is swept on start).
    write_private_once(path, _new_self_signed_pem(mesa_name, territory))


def _new_self_signed_pem(mesa_name: str, territory: str) -> bytes:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    attributes = [
        x509.NameAttribute(NameOID.COMMON_NAME, self_signed_subject(territory)),
        x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, SELF_SIGNED_NOTICE),
    ]
    if mesa_name:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, mesa_name))
    if territory:
        attributes.append(x509.NameAttribute(NameOID.LOCALITY_NAME, territory))
    attributes.append(x509.NameAttribute(NameOID.COUNTRY_NAME, "CO"))
    name = x509.Name(attributes)
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=365 * SELF_SIGNED_YEARS))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return key_pem + cert.public_bytes(serialization.Encoding.PEM)


def _read_installation_file(path: Path) -> tuple[Any, pyca_x509.Certificate]:
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    try:
        data = path.read_bytes()
        key = load_pem_private_key(data, password=None)
        cert = x509.load_pem_x509_certificate(data[data.index(b"-----BEGIN CERTIFICATE-----") :])
    except (OSError, ValueError) as error:
        raise MesaError(
            f"El certificado propio de la instalación ({path}) está dañado. Si no hay copia, "
            "muévalo a otro lugar y la aplicación creará uno nuevo."
        ) from error
    return key, cert


def _restrict_permissions(path: Path) -> None:
    # A restored backup or a copied folder may have loosened them; the key must stay private.
    if os.name == "posix" and path.stat().st_mode & 0o077:
        os.chmod(path, 0o600)


def _looks_like_pkcs12(data: bytes) -> bool:
    """A PFX structure (version 3, with data content), whatever the passphrase."""
    from asn1crypto import pkcs12

    try:
        pfx = pkcs12.Pfx.load(data, strict=True)
        return pfx["version"].native == "v3" and pfx["auth_safe"]["content_type"].native in (
            "data",
            "signed_data",
        )
    except (ValueError, TypeError, KeyError):
        return False


def _is_self_issued(cert: pyca_x509.Certificate) -> bool:
    return cert.issuer == cert.subject


def _common_name(cert: pyca_x509.Certificate, *, issuer: bool = False) -> str:
    from cryptography.x509.oid import NameOID

    name = cert.issuer if issuer else cert.subject
    names = name.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(names[0].value) if names else name.rfc4514_string()


# ---------------------------------------------------------------------- sign and verify


def sign_pdf(
    source: bytes | str | os.PathLike[str],
    target: str | os.PathLike[str],
    credential: Credential,
    *,
    reason: str,
    location: str,
    signer_name: str | None = None,
    visible: bool = True,
) -> Path:
    """Sign ``source`` (PDF bytes or a path) and write the signed PDF atomically to ``target``."""
    signed = signed_pdf(
        source, credential, reason=reason, location=location, signer_name=signer_name, visible=visible
    )
    target = Path(target)
    write_bytes(target, signed)
    return target


def signed_pdf(
    source: bytes | str | os.PathLike[str],
    credential: Credential,
    *,
    reason: str,
    location: str,
    signer_name: str | None = None,
    visible: bool = True,
) -> bytes:
    """The bytes of ``source`` (PDF bytes or a path) with a PAdES signature appended."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    data = _pdf_bytes(source)
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    except Exception as error:  # pyHanko raises several kinds for damaged files
        raise SigningError("El archivo no es un PDF legible; no se puede firmar.") from error
    meta = signers.PdfSignatureMetadata(
        field_name=SIGNATURE_FIELD,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        location=location,
        name=signer_name or credential.subject,
    )
    field_spec = None
    stamp_style = None
    if visible:
        from pyhanko.pdf_utils import layout
        from pyhanko.stamp import StaticStampStyle

        box = _stamp_box(writer)
        face = _stamp_face(box, credential, signer_name or credential.subject, reason, location)
        field_spec = fields.SigFieldSpec(SIGNATURE_FIELD, on_page=0, box=box)  # type: ignore[arg-type]  # pyHanko says int, writes any PDF number
        # The face is drawn at the box's exact size: no margins, no shrinking.
        exact = layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MIN,
            y_align=layout.AxisAlignment.ALIGN_MIN,
            margins=layout.Margins.uniform(0),  # type: ignore[no-untyped-call]  # unannotated in pyHanko
            inner_content_scaling=layout.InnerScaling.NO_SCALING,
        )
        stamp_style = StaticStampStyle(
            background=face, border_width=0, background_opacity=1.0, background_layout=exact
        )
    try:
        signed = signers.PdfSigner(
            meta, signer=credential.signer, stamp_style=stamp_style, new_field_spec=field_spec
        ).sign_pdf(writer)
    except Exception as error:
        raise SigningError(
            "No se pudo firmar el documento con este certificado; pruebe de nuevo o con otro certificado."
        ) from error
    signed_pdf: bytes = signed.getvalue()
    return signed_pdf


def _stamp_box(writer: Any) -> tuple[float, float, float, float]:
    page = writer.find_page_for_modification(0)[0].get_object()
    x0, y0, x1, _ = (float(v) for v in page["/MediaBox"])
    return (x0 + STAMP_LEFT, y0 + STAMP_BOTTOM, x1 - STAMP_RIGHT_MARGIN, y0 + STAMP_TOP)


def stamp_lines(
    credential: Credential, signer_name: str, reason: str, location: str, when: datetime
) -> list[str]:
    """The two lines of the visible signature, in Spanish, on Colombia's clock."""
    from mesa_desktop.clock import local
    from mesa_desktop.documents.text import clock, long_date

    moment = local(when)
    first = (
        f"Firmado digitalmente por {signer_name} el {long_date(moment.date())} a las "
        f"{clock(moment.time().replace(second=0, microsecond=0))}"
    )
    if credential.self_signed:
        origin = "certificado propio de la instalación Mesa Desktop, no emitido por una entidad certificadora"
    else:
        origin = f"certificado de {credential.subject} emitido por {credential.issuer}"
    second = " · ".join(part for part in (reason, location, origin) if part)
    return [first, second[:1].upper() + second[1:]]


def _stamp_face(
    box: tuple[float, float, float, float],
    credential: Credential,
    signer_name: str,
    reason: str,
    location: str,
) -> Any:
    from pyhanko.pdf_utils import content
    from pyhanko.pdf_utils.layout import BoxConstraints
    from pyhanko.pdf_utils.reader import PdfFileReader

    from mesa_desktop.documents.pdfdoc import signature_stamp_pdf

    width, height = box[2] - box[0], box[3] - box[1]
    lines = stamp_lines(credential, signer_name, reason, location, datetime.now(UTC))
    face_pdf = signature_stamp_pdf(width, height, lines)

    class _Face(content.PdfContent):
        # pyHanko's ImportedPdfPage reads a file; this one takes the bytes in memory.
        def render(self) -> bytes:
            xobject = self._ensure_writer.import_page_as_xobject(PdfFileReader(io.BytesIO(face_pdf)))
            self.resources.xobject["/MesaFirma"] = xobject
            self.box = BoxConstraints(width=width, height=height)
            return b"/MesaFirma Do"

    return _Face(box=BoxConstraints(width=width, height=height))


def verify_pdf(
    source: bytes | str | os.PathLike[str], *, trust_roots: tuple[bytes, ...] = ()
) -> SignatureCheck:
    """Check the last signature of a PDF; ``trust_roots`` are DER or PEM root certificates.

    A self-created (self-signed) certificate counts as trusted when the signature is
    mathematically valid: it vouches only for itself, which its subject says.
    """
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.settings import KeyUsageConstraints
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    data = _pdf_bytes(source)
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = reader.embedded_signatures
    except Exception as error:
        raise SigningError("El PDF está dañado: no se pudo leer su estructura.") from error
    if not embedded:
        raise SigningError("El PDF no tiene firma digital.")
    signature = embedded[-1]
    cert = signature.signer_cert
    self_signed = cert.self_signed in ("yes", "maybe") and cert.issuer == cert.subject
    roots = [_load_root(root) for root in trust_roots]
    if self_signed:
        roots.append(cert)
    context = ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail")
    usage = KeyUsageConstraints(
        key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=False
    )
    try:
        status = validate_pdf_signature(signature, context, key_usage_settings=usage)
    except Exception as error:
        raise SigningError("No se pudo verificar la firma del PDF: su estructura está dañada.") from error
    sig_dict = signature.sig_object
    return SignatureCheck(
        signer=cert.subject.native.get("common_name") or cert.subject.human_friendly,
        intact=bool(status.intact and status.valid),
        covers_whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        trusted=bool(status.trusted),
        self_signed=self_signed,
        signed_at=status.signer_reported_dt,
        fingerprint_sha256=hashlib.sha256(cert.dump()).hexdigest(),
        reason=_text(sig_dict, "/Reason"),
        location=_text(sig_dict, "/Location"),
    )


def _load_root(root: bytes) -> Any:
    from asn1crypto import pem, x509

    if pem.detect(root):
        _, _, root = pem.unarmor(root)
    try:
        return x509.Certificate.load(root)
    except ValueError as error:
        raise SigningError("Un certificado raíz de confianza no se pudo leer.") from error


def _text(sig_dict: Any, key: str) -> str | None:
    value = sig_dict.get(key)
    return str(value) if value is not None else None


def _pdf_bytes(source: bytes | str | os.PathLike[str]) -> bytes:
    if isinstance(source, bytes):
        data = source
    else:
        path = Path(source)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise SigningError(f"No se encontró el archivo {path}.") from None
        except OSError as error:
            raise SigningError(f"No se pudo leer {path}: {error.strerror or error}.") from error
    if not data.lstrip()[:5] == b"%PDF-":
        raise SigningError("El archivo no es un PDF; no se puede firmar ni verificar.")
    return data
