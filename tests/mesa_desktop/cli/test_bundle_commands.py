"""The bundle verbs of `mesa` (DESIGN §8), run as the installed console script."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.bundles import MINISTRY_KEY, fresh_pg_database
from tests.support.cli import as_json, mesa


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_from_the_focal_point_to_the_ministry_and_back(demo_store_file, tmp_path):
    ministry = tmp_path / "ministerio"
    ministry.mkdir()
    keys = as_json(mesa("keys", "new", "--out", ministry / "identidad", "--json"))
    assert keys["recipient"].startswith("age1") and Path(keys["identity"]).exists()
    assert (
        Path(keys["receipt_secret_key"]).exists()
        and "# firma-acuses: RW" in Path(keys["recipient_file"]).read_text()
    )
    assert mesa("keys", "new", "--out", ministry / "identidad").returncode == 1

    outbox = tmp_path / "enviados"
    outbox.mkdir()
    exported = as_json(
        mesa("bundle", "export", "-o", outbox, "--to", keys["recipient_file"], "--json", db=demo_store_file)
    )
    bundle = Path(exported["path"])
    assert exported["sequence"] == 1 and bundle.name.startswith("mesa-54001-")

    local = mesa("bundle", "verify", bundle, db=demo_store_file)
    assert local.returncode == 0 and "idéntico a la exportación n.º 1" in local.stdout
    full = as_json(mesa("bundle", "verify", bundle, "--identity", keys["identity"], "--json"))
    assert full["ok"] is True and full["territory_code"] == "54001" and full["rows"]["person"] == 42

    store = ministry / "consolidado.sqlite"
    imported = mesa(
        "bundle",
        "import",
        outbox,
        "--identity",
        keys["identity"],
        "--receipts",
        ministry / "acuses",
        db=store,
    )
    assert imported.returncode == 0, imported.stderr
    assert "Importado: San José de Cúcuta" in imported.stdout and "1 importados" in imported.stdout
    again = as_json(
        mesa(
            "bundle",
            "import",
            bundle,
            "--identity",
            keys["identity"],
            "--receipts",
            ministry / "acuses",
            "--json",
            db=store,
        )
    )
    assert again["counts"]["duplicate"] == 1

    receipt = ministry / "acuses" / bundle.name.replace(".mesa", ".acuse")
    # Signed by this ministry, not by the one whose key the app ships: refused until installed.
    refused = mesa("bundle", "receipt", receipt, db=demo_store_file)
    assert refused.returncode == 1 and "no es la del Ministerio" in refused.stderr
    from mesa_desktop.bundle import installation
    from mesa_desktop.store import Store

    focal = Store(demo_store_file)
    try:
        installation.install_ministry_key(focal, keys["recipient_file"])
    finally:
        focal.close()
    taken = mesa("bundle", "receipt", receipt, db=demo_store_file)
    assert taken.returncode == 0 and "Acuse registrado: exportación n.º 1" in taken.stdout
    history = as_json(mesa("bundle", "history", "--json", db=demo_store_file))
    assert [(h["sequence"], h["receipt_verdict"]) for h in history] == [(1, "imported")]

    for name in ("nacional.xlsx", "nacional.pdf"):
        report = as_json(
            mesa("report", "national", "-o", ministry / name, "--only-reported", "--json", db=store)
        )
        assert report["reported"] == 1 and (ministry / name).stat().st_size > 0
    wrong = mesa("report", "national", "-o", ministry / "nacional.docx", db=store)
    assert wrong.returncode == 1 and "como .pdf o .xlsx" in wrong.stderr


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_a_refused_bundle_exits_1_and_lands_in_quarantine(tmp_path):
    inbox = tmp_path / "bandeja"
    inbox.mkdir()
    (inbox / "mesa-54001-20261120-3.mesa").write_bytes(b"no es un paquete")
    store = tmp_path / "ministerio" / "consolidado.sqlite"
    store.parent.mkdir()

    result = mesa("bundle", "import", inbox, "--identity", MINISTRY_KEY, "--json", db=store)

    assert result.returncode == 1
    assert "rechazado" in result.stderr and str(tmp_path / "ministerio" / "cuarentena") in result.stderr
    report = json.loads(result.stdout)
    assert report["counts"]["rejected"] == 1
    assert report["bundles"][0]["reason"] == "not_a_bundle"
    assert len(list((tmp_path / "ministerio" / "cuarentena").glob("*.motivo.txt"))) == 1

    verdict = mesa(
        "bundle", "verify", inbox / "mesa-54001-20261120-3.mesa", "--identity", MINISTRY_KEY, "--json"
    )
    assert verdict.returncode == 1 and json.loads(verdict.stdout)["ok"] is False
    assert verdict.stderr.startswith("Error: Paquete rechazado: El archivo no es un paquete cifrado de Mesa")


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_a_key_change_is_listed_and_accepted_from_the_command(bundle_set, tmp_path):
    store = tmp_path / "ministerio" / "consolidado.sqlite"
    store.parent.mkdir()
    assert (
        mesa(
            "bundle",
            "import",
            bundle_set.first,
            "--identity",
            MINISTRY_KEY,
            "--receipts",
            tmp_path / "acuses",
            db=store,
        ).returncode
        == 0
    )
    held = mesa(
        "bundle",
        "import",
        bundle_set.rekeyed,
        "--identity",
        MINISTRY_KEY,
        "--receipts",
        tmp_path / "acuses",
        db=store,
    )
    assert held.returncode == 0 and "Retenido" in held.stdout and "1 retenidos" in held.stdout
    [status] = as_json(mesa("bundle", "keys", "--json", db=store))
    assert status["territory_code"] == "54001" and len(status["pending_key_ids"]) == 1

    accepted = as_json(
        mesa(
            "bundle",
            "accept-key",
            "54001",
            "--identity",
            MINISTRY_KEY,
            "--receipts",
            tmp_path / "acuses",
            "--json",
            db=store,
        )
    )
    assert accepted["key_id"] == status["pending_key_ids"][0]
    assert [b["status"] for b in accepted["imported"]] == ["imported"]
    again = mesa("bundle", "accept-key", "54001", db=store)
    assert again.returncode == 1 and "No hay cambios de llave pendientes" in again.stderr


def test_a_territorial_store_refuses_to_consolidate(demo_store_file, bundle_set):
    result = mesa("bundle", "import", bundle_set.other, "--identity", MINISTRY_KEY, db=demo_store_file)
    assert result.returncode == 1 and "mesa territorial" in result.stderr


@pytest.mark.postgres
def test_consolidation_on_postgresql_from_the_command(bundle_set, tmp_path):
    with fresh_pg_database() as url:
        env = {"MESA_DATA_DIR": str(tmp_path / "datos")}
        result = mesa(
            "bundle",
            "import",
            bundle_set.first,
            bundle_set.other,
            "--identity",
            MINISTRY_KEY,
            "--receipts",
            tmp_path / "acuses",
            "--json",
            db=url,
            env=env,
        )
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["counts"]["imported"] == 2
        assert (tmp_path / "datos" / "firma-instalacion.key").exists()  # the ministry's receipt key
        report = as_json(
            mesa(
                "report", "national", "-o", tmp_path / "n.xlsx", "--only-reported", "--json", db=url, env=env
            )
        )
        assert (report["territories"], report["reported"]) == (2, 2)


@pytest.mark.parametrize("args", [["bundle"], ["bundle", "import", "x"], ["keys", "new"]])
def test_usage_errors_exit_2_in_spanish(args):
    result = mesa(*args)
    assert result.returncode == 2 and result.stderr.startswith("Uso incorrecto:")


@pytest.mark.slow  # over a second: three runs of the console script
def test_export_with_eml_writes_the_draft_beside_the_bundle(demo_store_file, tmp_path):
    import email
    from email.policy import default

    from mesa_desktop.bundle import mail
    from tests.support.bundles import open_with_standard_tools

    outbox = tmp_path / "enviados"
    outbox.mkdir()
    plain = as_json(mesa("bundle", "export", "-o", outbox, "--json", db=demo_store_file))
    assert "eml" not in plain and list(outbox.glob("*.eml")) == []

    done = as_json(mesa("bundle", "export", "-o", outbox, "--eml", "--json", db=demo_store_file))
    draft, bundle = Path(done["eml"]), Path(done["path"])
    assert draft == bundle.with_suffix(".eml") and done["test_key"] is True
    assert done["eml_to"] == mail.shipped_metadata().email
    message = email.message_from_bytes(draft.read_bytes(), policy=default)
    assert message["X-Unsent"] == "1" and message["To"].addresses[0].addr_spec == done["eml_to"]
    [attached] = list(message.iter_attachments())
    assert attached.get_filename() == bundle.name and attached.get_content() == bundle.read_bytes()
    assert open_with_standard_tools(attached.get_content(), tmp_path / "abierto")["sequence"] == 2

    text = mesa(
        "bundle",
        "export",
        "-o",
        outbox,
        "--eml",
        "--to-address",
        "envios@minsalud.gov.co",
        db=demo_store_file,
    )
    assert text.returncode == 0, text.stderr
    assert "Borrador de correo:" in text.stdout and "(para envios@minsalud.gov.co)" in text.stdout
    assert "Clave de prueba: este paquete no llegará al Ministerio." in text.stdout
    [third] = list(outbox.glob("*-3.eml"))
    assert (
        email.message_from_bytes(third.read_bytes(), policy=default)["To"]
        == "Ministerio de Salud y Protección Social <envios@minsalud.gov.co>"
    )


@pytest.mark.slow  # over a second: two runs of the console script
def test_a_bad_address_is_refused_in_spanish_and_nothing_is_written(demo_store_file, tmp_path):
    outbox = tmp_path / "enviados"
    outbox.mkdir()
    refused = mesa(
        "bundle", "export", "-o", outbox, "--eml", "--to-address", "ministerio", db=demo_store_file
    )
    assert refused.returncode != 0
    assert "El correo de el Ministerio no es válido: «ministerio»" in refused.stderr
    assert list(outbox.iterdir()) == []
    history = mesa("bundle", "history", db=demo_store_file)
    assert "Aún no se ha exportado ningún paquete" in history.stdout
