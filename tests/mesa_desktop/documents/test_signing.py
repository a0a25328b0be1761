"""The approved acta, signed (PAdES) and verified by poppler's pdfsig and by pyHanko."""

from __future__ import annotations

import json
import stat
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from mesa_desktop.documents import signing
from mesa_desktop.documents.signing import SigningError
from mesa_desktop.errors import Conflict
from mesa_desktop.services import acta_signing, sessions
from tests.support.cli import run
from tests.support.pdf import fonts_of

PASSPHRASE = "clave-de-prueba-ñ"


# ---------------------------------------------------------------------- helpers


def pdfsig(pdf: Path) -> dict[str, str]:
    """``pdfsig``'s "- Key: value" lines for the first signature."""
    out = subprocess.run(["pdfsig", str(pdf)], capture_output=True, text=True).stdout
    lines = {}
    for line in out.splitlines():
        line = line.strip()
        if line.startswith("- ") and ":" in line:
            key, _, value = line[2:].partition(":")
            lines[key.strip()] = value.strip()
    return lines


def flip_content_byte(pdf: Path, target: Path) -> Path:
    """A copy with one byte changed inside a page stream (signed content, not the signature)."""
    data = bytearray(pdf.read_bytes())
    signature_at = data.index(b"/Contents <")
    position = data.index(b"stream", 1000) + 40
    assert position < signature_at
    data[position] ^= 0x01
    target.write_bytes(bytes(data))
    return target


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Entidad Certificadora de Prueba"),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "CO"),
        ]
    )


def make_pkcs12(folder: Path, *, expired: bool = False) -> tuple[Path, bytes]:
    """A public servant's certificate: a CA and a leaf it issued, in a .p12; returns the CA PEM."""
    now = datetime.now(UTC)
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(_name("CA de prueba"))
        .issuer_name(_name("CA de prueba"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=800))
        .not_valid_after(now + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(ca_key, hashes.SHA256())
    )
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    not_after = now - timedelta(days=1) if expired else now + timedelta(days=365)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name("María Fernanda Rojas Díaz"))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=400))
        .not_valid_after(not_after)
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
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    blob = pkcs12.serialize_key_and_certificates(
        b"firma",
        key,
        cert,
        [ca_cert],
        serialization.BestAvailableEncryption(PASSPHRASE.encode()),
    )
    path = folder / ("vencido.p12" if expired else "funcionaria.p12")
    path.write_bytes(blob)
    return path, ca_cert.public_bytes(serialization.Encoding.PEM)


def _session_numbers(store, status: str) -> str:
    return next(s.number for s in sessions.list_sessions(store) if s.status == status)


@pytest.fixture(autouse=True)
def _no_data_dir_override(monkeypatch):
    monkeypatch.delenv("MESA_DATA_DIR", raising=False)
    monkeypatch.delenv(acta_signing.P12_PASSPHRASE_ENV, raising=False)


@pytest.fixture(scope="module")
def servant_p12(tmp_path_factory) -> tuple[Path, bytes]:
    return make_pkcs12(tmp_path_factory.mktemp("p12"))


# ---------------------------------------------------------------------- service


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_self_signed_acta_verifies_in_pdfsig_and_pyhanko_and_breaks_when_touched(demo_store, tmp_path):
    number = _session_numbers(demo_store, "acta_approved")
    signed = acta_signing.sign_acta(demo_store, number, tmp_path / "firmada.pdf")
    assert signed.self_signed and signed.number == number
    assert signed.signer.startswith("Certificado propio de Mesa Desktop — ")
    assert len(signed.fingerprint_sha256) == 64

    lines = pdfsig(signed.path)
    assert lines["Signature Validation"] == "Signature is Valid."
    assert lines["Signer Certificate Common Name"] == signed.signer
    assert "OU=No emitido por una entidad certificadora" in lines["Signer full Distinguished Name"]
    assert (
        "Total document signed"
        in subprocess.run(["pdfsig", str(signed.path)], capture_output=True, text=True).stdout
    )

    check = acta_signing.verify_signed_acta(signed.path)
    assert check.valid and check.intact and check.trusted and check.self_signed
    assert check.signer == signed.signer and check.fingerprint_sha256 == signed.fingerprint_sha256
    assert check.reason == f"Aprobación del acta No. {number}"
    assert check.location and check.signed_at is not None
    assert abs(check.signed_at - datetime.now(UTC)) < timedelta(minutes=5)

    # The visible face of the signature is ours (DejaVu): every font is still embedded.
    assert [name for name, emb in fonts_of(signed.path) if emb != "yes"] == []

    broken = flip_content_byte(signed.path, tmp_path / "alterada.pdf")
    assert pdfsig(broken)["Signature Validation"] != "Signature is Valid."
    assert not acta_signing.verify_signed_acta(broken).valid
    assert not acta_signing.verify_signed_acta(broken).intact


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_the_visible_signature_reads_in_spanish_on_colombias_clock(tmp_path, servant_p12):
    own = signing.installation_credential(tmp_path, mesa_name="Mesa de Maicao", territory="Maicao")
    when = datetime(2026, 12, 1, 20, 44, tzinfo=UTC)
    first, second = signing.stamp_lines(
        own, "Ana Pérez (secretaría técnica)", "Aprobación del acta No. 003-2026", "Maicao", when
    )
    assert first == (
        "Firmado digitalmente por Ana Pérez (secretaría técnica) el 1 de diciembre de 2026 "
        "a las 3:44\u00a0p.\u00a0m."
    )
    assert second.startswith("Aprobación del acta No. 003-2026 · Maicao · certificado propio")
    assert "no emitido por una entidad certificadora" in second
    assert own.subject == "Certificado propio de Mesa Desktop — Maicao"
    p12, _ = servant_p12
    servant = signing.load_pkcs12(p12, PASSPHRASE)
    _, line = signing.stamp_lines(servant, servant.subject, "Aprobación", "Maicao", when)
    assert line.endswith("certificado de María Fernanda Rojas Díaz emitido por CA de prueba")


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_installation_certificate_is_created_once_private_and_without_leftovers(demo_store, tmp_path):
    number = _session_numbers(demo_store, "acta_approved")
    first = acta_signing.sign_acta(demo_store, number, tmp_path / "a.pdf")
    second = acta_signing.sign_acta(demo_store, number, tmp_path / "b.pdf")
    assert first.fingerprint_sha256 == second.fingerprint_sha256
    pem = tmp_path / signing.INSTALLATION_CERTIFICATE_NAME
    assert stat.S_IMODE(pem.stat().st_mode) == 0o600
    assert b"PRIVATE KEY" in pem.read_bytes()
    # No staging or temp copies of the key left in the data folder.
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_pkcs12_signature_chains_to_its_authority(demo_store, tmp_path, servant_p12):
    p12, ca_pem = servant_p12
    number = _session_numbers(demo_store, "acta_approved")
    signed = acta_signing.sign_acta(
        demo_store, number, tmp_path / "firmada.pdf", p12_path=p12, passphrase=PASSPHRASE
    )
    assert not signed.self_signed and signed.signer == "María Fernanda Rojas Díaz"
    assert not (tmp_path / signing.INSTALLATION_CERTIFICATE_NAME).exists()

    lines = pdfsig(signed.path)
    assert lines["Signature Validation"] == "Signature is Valid."
    assert lines["Signer Certificate Common Name"] == "María Fernanda Rojas Díaz"

    trusted = acta_signing.verify_signed_acta(signed.path, trust_roots=(ca_pem,))
    assert trusted.valid and not trusted.self_signed
    untrusted = acta_signing.verify_signed_acta(signed.path)
    assert untrusted.intact and not untrusted.trusted  # intact, but nobody vouches for the CA

    broken = flip_content_byte(signed.path, tmp_path / "alterada.pdf")
    assert pdfsig(broken)["Signature Validation"] != "Signature is Valid."
    assert not acta_signing.verify_signed_acta(broken, trust_roots=(ca_pem,)).valid


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_refusals_speak_spanish(demo_store, tmp_path, servant_p12):
    p12, _ = servant_p12
    approved = _session_numbers(demo_store, "acta_approved")
    with pytest.raises(SigningError, match="contraseña .* no es correcta"):
        acta_signing.sign_acta(demo_store, approved, tmp_path / "x.pdf", p12_path=p12, passphrase="otra")
    with pytest.raises(SigningError, match="no es un certificado PKCS#12"):
        not_p12 = tmp_path / "acta.p12"
        not_p12.write_bytes(b"%PDF-1.4 esto no es un certificado")
        acta_signing.sign_acta(demo_store, approved, tmp_path / "x.pdf", p12_path=not_p12, passphrase="x")
    expired, _ = make_pkcs12(tmp_path, expired=True)
    with pytest.raises(SigningError, match="venció"):
        acta_signing.sign_acta(
            demo_store, approved, tmp_path / "x.pdf", p12_path=expired, passphrase=PASSPHRASE
        )
    with pytest.raises(SigningError, match="pide una contraseña"):
        signing.load_pkcs12(p12, None)
    draft = _session_numbers(demo_store, "held")
    with pytest.raises(Conflict, match="no está aprobada"):
        acta_signing.sign_acta(demo_store, draft, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()
    with pytest.raises(SigningError, match="no es un PDF"):
        signing.sign_pdf(
            b"hola",
            tmp_path / "x.pdf",
            signing.installation_credential(tmp_path, mesa_name="Mesa", territory="Maicao"),
            reason="r",
            location="Maicao",
        )
    with pytest.raises(SigningError, match="no tiene firma"):
        from mesa_desktop.documents.acta import write_acta
        from tests.support.samples import acta

        acta_signing.verify_signed_acta(write_acta(acta(approved=True), tmp_path / "sin-firma.pdf"))


# ---------------------------------------------------------------------- command


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_acta_sign_command(demo_store_file, tmp_path, servant_p12, monkeypatch):
    listed = json.loads(run("session", "list", "--json", db=demo_store_file).stdout)
    approved = next(s["number"] for s in listed if s["status"] == "acta_approved")
    draft = next(s["number"] for s in listed if s["status"] == "held")

    out = tmp_path / "firmada.pdf"
    result = run("acta", "sign", approved, "-o", str(out), "--json", db=demo_store_file)
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["path"] == str(out) and payload["self_signed"] is True
    assert len(payload["fingerprint_sha256"]) == 64 and payload["signer"]
    assert pdfsig(out)["Signature Validation"] == "Signature is Valid."

    p12, _ = servant_p12
    monkeypatch.setenv(acta_signing.P12_PASSPHRASE_ENV, PASSPHRASE)
    result = run(
        "acta", "sign", approved, "--p12", str(p12), "-o", str(tmp_path / "p12.pdf"), db=demo_store_file
    )
    assert result.returncode == 0, result.stderr
    assert "María Fernanda Rojas Díaz" in result.stdout
    assert result.stderr == ""  # no library warnings about the (here unknown) authority

    monkeypatch.setenv(acta_signing.P12_PASSPHRASE_ENV, "equivocada")
    result = run(
        "acta", "sign", approved, "--p12", str(p12), "-o", str(tmp_path / "no.pdf"), db=demo_store_file
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"Error: La contraseña del certificado {p12.name} no es correcta."
    ]

    result = run("acta", "sign", draft, "-o", str(tmp_path / "no.pdf"), db=demo_store_file)
    assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1
    assert "no está aprobada" in result.stderr
    assert not (tmp_path / "no.pdf").exists()

    for wrong in (["acta", "sign", "-o", "x.pdf"], ["acta", approved, "--p12", str(p12), "-o", "x.pdf"]):
        result = run(*wrong, db=demo_store_file)
        assert result.returncode == 1 and "mesa acta sign SESIÓN" in result.stderr

    # The unsigned acta is still made as before.
    assert run("acta", approved, "-o", str(tmp_path / "acta.pdf"), db=demo_store_file).returncode == 0


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_an_expired_installation_certificate_is_set_aside_and_replaced(tmp_path):
    now = datetime.now(UTC)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = _name("Certificado propio de Mesa Desktop — Maicao")
    old = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now - timedelta(days=30))
        .not_valid_after(now - timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    pem = tmp_path / signing.INSTALLATION_CERTIFICATE_NAME
    pem.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        + old.public_bytes(serialization.Encoding.PEM)
    )
    pem.chmod(0o644)
    fresh = signing.installation_credential(tmp_path, mesa_name="Mesa de Maicao", territory="Maicao")
    assert fresh.not_after > now + timedelta(days=3000)
    kept = [p.name for p in tmp_path.iterdir() if ".vencido-" in p.name]
    assert len(kept) == 1 and stat.S_IMODE((tmp_path / kept[0]).stat().st_mode) == 0o600
    assert stat.S_IMODE(pem.stat().st_mode) == 0o600


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_importing_signing_loads_neither_pyhanko_nor_reportlab():
    import sys

    code = (
        "import sys\n"
        "from mesa_desktop.documents import signing\n"
        "from mesa_desktop.services import acta_signing\n"
        "from mesa_desktop.cli import document_commands\n"
        "heavy = ('pyhanko', 'cryptography', 'asn1crypto', 'reportlab', 'aiohttp')\n"
        "print(sorted({m.split('.')[0] for m in sys.modules if m.startswith(heavy)}))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
