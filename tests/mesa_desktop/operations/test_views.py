"""The read-models of the dashboard, compliance, backup, exchange and consolidation pages, and
the writes of the last three, on real SQLite stores."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from mesa_desktop import clock
from mesa_desktop.bundle import encryption, export, importer, reader, signing
from mesa_desktop.errors import MesaError
from mesa_desktop.operations import backup, compliance, dashboard, exchange, ministry
from mesa_desktop.operations import mesa as mesa_ops
from mesa_desktop.rules import compliance as rules
from mesa_desktop.services import commitments, conformation, sessions, store_role
from mesa_desktop.services.changes import Topic
from mesa_desktop.store import Store
from tests.support import FIXTURES

KEYS = FIXTURES / "keys"
MINISTRY_KEY = KEYS / "ministerio-prueba.key"  # the test ministry's secret key
MINISTRY_PUB = KEYS / "ministerio-prueba.pub"


def test_dashboard_view_of_the_demo(demo_store):
    today = clock.today()
    view = dashboard.dashboard_view(demo_store)
    assert view.mesa.name == conformation.get_mesa(demo_store).name
    overdue = [c for c in commitments.list_commitments(demo_store) if c.is_overdue(today)]
    assert len(view.overdue) == len(overdue)
    if view.next_session is None:
        assert view.days_to_next is None
    else:
        assert view.days_to_next == (view.next_session.date - today).days >= 0


def test_days_to_the_next_session(store):
    day = clock.today() + timedelta(days=20)
    sessions.new_session(store, on=day, kind="ordinary")
    view = dashboard.dashboard_view(store)
    assert view.next_session.date == day and view.days_to_next == 20


def finding(status: str, due: date | None) -> rules.Finding:
    return rules.Finding(
        code=f"x-{status}-{due}",
        rule=rules.RULE_ACTA_SENT,
        title="Requisito",
        section="2.7",
        status=status,
        due=due,
        detail="",
    )


def test_needs_attention_is_missing_then_pending_within_thirty_days():
    today = date(2026, 5, 4)
    soon, later = (
        finding(rules.PENDING, today + timedelta(days=30)),
        finding(rules.PENDING, today + timedelta(days=31)),
    )
    missing, ok = finding(rules.MISSING, None), finding(rules.OK, today)
    assert dashboard.needs_attention((soon, later, ok, missing), today) == (missing, soon)


def test_standing_view_lists_what_needs_attention(demo_store):
    standing = dashboard.standing_view(demo_store)
    assert standing.attention == dashboard.needs_attention(standing.findings, standing.plan_cut)


def test_compliance_view_years(demo_store):
    view = compliance.compliance_view(demo_store)
    assert view.year == clock.today().year and view.year in view.years
    assert {f.rule for f in view.findings} <= set(rules.RULES)
    assert compliance.compliance_view(demo_store, view.years[0]).year == view.years[0]


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_load_demo_and_the_ministry_key(tmp_path):
    empty = Store(tmp_path / "demo.sqlite")
    loaded = mesa_ops.load_demo(empty)
    assert loaded.topics == {Topic.MESA, Topic.MEMBERS, Topic.SESSIONS}
    assert loaded.value.territory_code == "54001"
    replaced = mesa_ops.replace_ministry_key(empty, MINISTRY_PUB)
    assert replaced.topics == {Topic.EXPORTS}
    assert not replaced.value.shipped and replaced.value.problem is None
    with pytest.raises(MesaError):  # a secret key is never installed as the ministry's public key
        mesa_ops.replace_ministry_key(empty, MINISTRY_KEY)
    empty.close()


def test_restore_reports_every_topic_and_keeps_the_old_data(demo_store, tmp_path):
    (tmp_path / "mis-copias").mkdir()
    copy = backup.copy_to(demo_store, tmp_path / "mis-copias" / "copia.sqlite")
    assert [(b.path, b.kind) for b in backup.list_backups(tmp_path / "mis-copias")] == [(copy, "Manual")]
    conformation.update_mesa(demo_store, default_place="Otro salón")
    result = backup.restore(demo_store, str(copy))
    assert result.topics == set(Topic) and result.value.exists()
    assert conformation.get_mesa(demo_store).default_place != "Otro salón"
    assert backup.quick_check(demo_store) == "ok"
    assert not backup.is_encrypted(copy)


def test_exchange_view_export_and_receipt(demo_store, tmp_path):
    view = exchange.exchange_view(demo_store)
    assert view.total > 0 and view.history == [] and view.key.problem is None
    made = exchange.export_bundle(demo_store, tmp_path)
    assert made.topics == {Topic.EXPORTS} and made.value.path.exists()
    assert len(exchange.exchange_view(demo_store).history) == 1
    ministry_store = Store(tmp_path / "ministerio.sqlite")
    ministry.import_bundles(ministry_store, [str(made.value.path)], str(MINISTRY_KEY))
    ministry_store.close()
    receipt = next(made.value.path.parent.glob("*.acuse"))  # the receipt is left beside the bundle
    recorded = exchange.record_receipt(demo_store, receipt)
    assert recorded.topics == {Topic.EXPORTS} and recorded.value.sequence == made.value.sequence


def test_a_refused_receipt_writes_nothing(demo_store, tmp_path):
    junk = tmp_path / "falso.acuse"
    junk.write_bytes(b"no es un acuse")
    with pytest.raises(MesaError):
        exchange.record_receipt(demo_store, junk)
    assert exchange.exchange_view(demo_store).history == []


def test_ministry_view_of_a_focal_points_store(demo_store):
    view = ministry.ministry_view(demo_store)
    assert not view.consolidation and view.role.role == store_role.TERRITORIAL
    assert view.role.mesa.territory_code == "54001" and view.national is None


def test_ministry_view_import_and_summary(demo_store, tmp_path):
    (tmp_path / "enviados").mkdir()
    bundle = export.export_bundle(demo_store, tmp_path / "enviados", to=MINISTRY_PUB)
    garbage = tmp_path / "enviados" / "basura.mesa"
    garbage.write_bytes(b"no es un paquete")
    (tmp_path / "ministerio").mkdir()
    ministry_store = Store(tmp_path / "ministerio" / "consolidado.sqlite")
    assert ministry.ministry_view(ministry_store).consolidation  # an empty store accepts imports
    seen = []
    report = ministry.import_bundles(
        ministry_store, [str(bundle.path), str(garbage)], str(MINISTRY_KEY), lambda i, n, o: seen.append(i)
    )
    assert report.topics == frozenset() and seen == [1, 2]
    summary = report.value.summary
    assert [o.status for o in summary.outcomes] == [importer.IMPORTED, importer.REJECTED]
    text = ministry.summary_text(summary)
    assert text.startswith("2 paquetes revisados: 1 importado y 1 en cuarentena.")
    assert "• basura.mesa:" in text and "acuses de recibo" in text
    view = ministry.ministry_view(ministry_store)
    assert view.consolidation and view.national.reported == 1
    assert [e.file for e in view.quarantined] == ["basura.mesa"]
    assert [k.territory_code for k in view.keys] == ["54001"] and view.keys[0].unverified

    with pytest.raises(MesaError):
        ministry.confirm_key(ministry_store, "54001", signing.generate_signing_key().public_key.fingerprint)
    assert ministry.ministry_view(ministry_store).keys[0].unverified  # the refusal wrote nothing
    signer = reader.open_bundle(bundle.path.read_bytes(), encryption.load_identities(MINISTRY_KEY)).signer
    confirmed = ministry.confirm_key(ministry_store, "54001", signer.fingerprint)
    assert confirmed.topics == frozenset() and confirmed.value.held_files == ()
    assert ministry.ministry_view(ministry_store).keys == ()
