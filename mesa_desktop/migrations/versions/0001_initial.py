"""initial schema

Revision ID: 0001_initial
Revises:
Create Date: 2026-11-22 15:48:12.861051
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "mesa",
        sa.Column("territory_code", sa.String(length=5), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("entity_name", sa.String(length=200), nullable=False),
        sa.Column("acto_number", sa.String(length=60), nullable=True),
        sa.Column("acto_date", sa.Date(), nullable=True),
        sa.Column("acto_authority", sa.String(length=200), nullable=True),
        sa.Column("focal_point_name", sa.String(length=200), nullable=True),
        sa.Column("focal_point_position", sa.String(length=200), nullable=True),
        sa.Column("focal_point_email", sa.String(length=200), nullable=True),
        sa.Column("focal_point_phone", sa.String(length=60), nullable=True),
        sa.Column("focal_point_reported_on", sa.Date(), nullable=True),
        sa.Column("guideline_communicated_on", sa.Date(), nullable=True),
        sa.Column("resolution_effective_on", sa.Date(), nullable=True),
        sa.Column("quorum_rule", sa.String(length=20), nullable=False),
        sa.Column("convocation_lead_days", sa.Integer(), nullable=False),
        sa.Column("default_place", sa.String(length=200), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mesa")),
    )
    with op.batch_alter_table("mesa", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mesa_territory_code"), ["territory_code"], unique=False)

    op.create_table(
        "case_referral",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("referred_on", sa.Date(), nullable=False),
        sa.Column("referring_actor", sa.String(length=200), nullable=False),
        sa.Column("need", sa.String(length=60), nullable=False),
        sa.Column("population", sa.String(length=40), nullable=True),
        sa.Column("age_group", sa.String(length=20), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("identifies_person", sa.Boolean(), nullable=False),
        sa.Column("person_name", sa.String(length=200), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("mesa_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["mesa_id"], ["mesa.id"], name=op.f("fk_case_referral_mesa_id_mesa"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_referral")),
    )
    with op.batch_alter_table("case_referral", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_referral_mesa_id"), ["mesa_id"], unique=False)

    op.create_table(
        "dependency",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("short_name", sa.String(length=60), nullable=True),
        sa.Column("invited", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("active_from", sa.Date(), nullable=True),
        sa.Column("active_until", sa.Date(), nullable=True),
        sa.Column("delegation_notified_on", sa.Date(), nullable=True),
        sa.Column("mesa_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["mesa_id"], ["mesa.id"], name=op.f("fk_dependency_mesa_id_mesa"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dependency")),
    )
    with op.batch_alter_table("dependency", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dependency_mesa_id"), ["mesa_id"], unique=False)

    op.create_table(
        "export_record",
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("exported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("file_name", sa.String(length=200), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("recipient", sa.String(length=200), nullable=False),
        sa.Column("mesa_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["mesa_id"], ["mesa.id"], name=op.f("fk_export_record_mesa_id_mesa"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_export_record")),
        sa.UniqueConstraint("mesa_id", "sequence", name=op.f("uq_export_record_mesa_id")),
    )
    with op.batch_alter_table("export_record", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_export_record_mesa_id"), ["mesa_id"], unique=False)

    op.create_table(
        "meeting_session",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("template", sa.String(length=16), nullable=False),
        sa.Column("modality", sa.String(length=16), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=True),
        sa.Column("end_time", sa.Time(), nullable=True),
        sa.Column("place", sa.String(length=200), nullable=True),
        sa.Column("virtual_link", sa.String(length=500), nullable=True),
        sa.Column("convocation_date", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("ministry_participated", sa.Boolean(), nullable=False),
        sa.Column("president_name", sa.String(length=200), nullable=True),
        sa.Column("president_position", sa.String(length=200), nullable=True),
        sa.Column("objective", sa.Text(), nullable=True),
        sa.Column("mesa_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["mesa_id"], ["mesa.id"], name=op.f("fk_meeting_session_mesa_id_mesa"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_session")),
        sa.UniqueConstraint("mesa_id", "year", "number", name=op.f("uq_meeting_session_mesa_id")),
    )
    with op.batch_alter_table("meeting_session", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meeting_session_date"), ["date"], unique=False)
        batch_op.create_index(batch_op.f("ix_meeting_session_mesa_id"), ["mesa_id"], unique=False)

    op.create_table(
        "acta",
        sa.Column("session_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=12), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("opening_notes", sa.Text(), nullable=True),
        sa.Column("closing_notes", sa.Text(), nullable=True),
        sa.Column("next_session_note", sa.Text(), nullable=True),
        sa.Column("approved_content", sa.Text(), nullable=True),
        sa.Column("content_sha256", sa.String(length=64), nullable=True),
        sa.Column("approved_in_session_id", sa.Uuid(), nullable=True),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sent_on", sa.Date(), nullable=True),
        sa.Column("supersedes_id", sa.Uuid(), nullable=True),
        sa.Column("correction_reason", sa.Text(), nullable=True),
        sa.Column("mesa_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["approved_in_session_id"],
            ["meeting_session.id"],
            name=op.f("fk_acta_approved_in_session_id_meeting_session"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["mesa_id"], ["mesa.id"], name=op.f("fk_acta_mesa_id_mesa"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["meeting_session.id"],
            name=op.f("fk_acta_session_id_meeting_session"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["supersedes_id"], ["acta.id"], name=op.f("fk_acta_supersedes_id_acta"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_acta")),
        sa.UniqueConstraint("session_id", "version", name=op.f("uq_acta_session_id")),
    )
    with op.batch_alter_table("acta", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_acta_mesa_id"), ["mesa_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_acta_session_id"), ["session_id"], unique=False)

    op.create_table(
        "action_plan",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("objective", sa.Text(), nullable=True),
        sa.Column("approved_in_session_id", sa.Uuid(), nullable=True),
        sa.Column("approved_on", sa.Date(), nullable=True),
        sa.Column("mesa_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["approved_in_session_id"],
            ["meeting_session.id"],
            name=op.f("fk_action_plan_approved_in_session_id_meeting_session"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["mesa_id"], ["mesa.id"], name=op.f("fk_action_plan_mesa_id_mesa"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_plan")),
        sa.UniqueConstraint("mesa_id", "year", name=op.f("uq_action_plan_mesa_id")),
    )
    with op.batch_alter_table("action_plan", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_action_plan_mesa_id"), ["mesa_id"], unique=False)

    op.create_table(
        "agenda_item",
        sa.Column("session_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("purpose", sa.String(length=32), nullable=False),
        sa.Column("mandatory", sa.Boolean(), nullable=False),
        sa.Column("development", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["meeting_session.id"],
            name=op.f("fk_agenda_item_session_id_meeting_session"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_item")),
    )
    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agenda_item_session_id"), ["session_id"], unique=False)

    op.create_table(
        "commitment",
        sa.Column("session_id", sa.Uuid(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("responsible_dependency_id", sa.Uuid(), nullable=True),
        sa.Column("responsible_person", sa.String(length=200), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("mesa_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["mesa_id"], ["mesa.id"], name=op.f("fk_commitment_mesa_id_mesa"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["responsible_dependency_id"],
            ["dependency.id"],
            name=op.f("fk_commitment_responsible_dependency_id_dependency"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["meeting_session.id"],
            name=op.f("fk_commitment_session_id_meeting_session"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commitment")),
    )
    with op.batch_alter_table("commitment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_commitment_due_date"), ["due_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_commitment_mesa_id"), ["mesa_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_commitment_session_id"), ["session_id"], unique=False)

    op.create_table(
        "person",
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column("position", sa.String(length=200), nullable=True),
        sa.Column("entity", sa.String(length=200), nullable=True),
        sa.Column("email", sa.String(length=200), nullable=True),
        sa.Column("phone", sa.String(length=60), nullable=True),
        sa.Column("id_number", sa.String(length=40), nullable=True),
        sa.Column("dependency_id", sa.Uuid(), nullable=True),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("consent_given", sa.Boolean(), nullable=False),
        sa.Column("consent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("mesa_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["dependency_id"],
            ["dependency.id"],
            name=op.f("fk_person_dependency_id_dependency"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["mesa_id"], ["mesa.id"], name=op.f("fk_person_mesa_id_mesa"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person")),
    )
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_dependency_id"), ["dependency_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_person_full_name"), ["full_name"], unique=False)
        batch_op.create_index(batch_op.f("ix_person_mesa_id"), ["mesa_id"], unique=False)

    op.create_table(
        "quorum_event",
        sa.Column("session_id", sa.Uuid(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("present", sa.Integer(), nullable=False),
        sa.Column("required", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["meeting_session.id"],
            name=op.f("fk_quorum_event_session_id_meeting_session"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quorum_event")),
    )
    with op.batch_alter_table("quorum_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_quorum_event_session_id"), ["session_id"], unique=False)

    op.create_table(
        "receipt",
        sa.Column("export_id", sa.Uuid(), nullable=True),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("bundle_sha256", sa.String(length=64), nullable=False),
        sa.Column("verdict", sa.String(length=20), nullable=False),
        sa.Column("mesa_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["export_id"],
            ["export_record.id"],
            name=op.f("fk_receipt_export_id_export_record"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["mesa_id"], ["mesa.id"], name=op.f("fk_receipt_mesa_id_mesa"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_receipt")),
        sa.UniqueConstraint("mesa_id", "sequence", name=op.f("uq_receipt_mesa_id")),
    )
    with op.batch_alter_table("receipt", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_receipt_mesa_id"), ["mesa_id"], unique=False)

    op.create_table(
        "attendance",
        sa.Column("session_id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("dependency_id", sa.Uuid(), nullable=True),
        sa.Column("capacity", sa.String(length=16), nullable=False),
        sa.Column("check_in_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("check_out_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("virtual", sa.Boolean(), nullable=False),
        sa.Column("signature_png", sa.LargeBinary(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["dependency_id"],
            ["dependency.id"],
            name=op.f("fk_attendance_dependency_id_dependency"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_attendance_person_id_person"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["meeting_session.id"],
            name=op.f("fk_attendance_session_id_meeting_session"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendance")),
        sa.UniqueConstraint("session_id", "person_id", name=op.f("uq_attendance_session_id")),
    )
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attendance_session_id"), ["session_id"], unique=False)

    op.create_table(
        "commitment_note",
        sa.Column("commitment_id", sa.Uuid(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("session_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["commitment_id"],
            ["commitment.id"],
            name=op.f("fk_commitment_note_commitment_id_commitment"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["meeting_session.id"],
            name=op.f("fk_commitment_note_session_id_meeting_session"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commitment_note")),
    )
    with op.batch_alter_table("commitment_note", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_commitment_note_commitment_id"), ["commitment_id"], unique=False)

    op.create_table(
        "decision",
        sa.Column("session_id", sa.Uuid(), nullable=False),
        sa.Column("agenda_item_id", sa.Uuid(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("quorum_present", sa.Integer(), nullable=False),
        sa.Column("quorum_required", sa.Integer(), nullable=False),
        sa.Column("quorum_total", sa.Integer(), nullable=False),
        sa.Column("quorum_met", sa.Boolean(), nullable=False),
        sa.Column("votes_for", sa.Integer(), nullable=True),
        sa.Column("votes_against", sa.Integer(), nullable=True),
        sa.Column("abstentions", sa.Integer(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["agenda_item_id"],
            ["agenda_item.id"],
            name=op.f("fk_decision_agenda_item_id_agenda_item"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["meeting_session.id"],
            name=op.f("fk_decision_session_id_meeting_session"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decision")),
    )
    with op.batch_alter_table("decision", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_decision_session_id"), ["session_id"], unique=False)

    op.create_table(
        "plan_axis",
        sa.Column("plan_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["action_plan.id"], name=op.f("fk_plan_axis_plan_id_action_plan"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_axis")),
    )
    with op.batch_alter_table("plan_axis", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_axis_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "plan_action",
        sa.Column("axis_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("responsible_dependency_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["axis_id"], ["plan_axis.id"], name=op.f("fk_plan_action_axis_id_plan_axis"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["responsible_dependency_id"],
            ["dependency.id"],
            name=op.f("fk_plan_action_responsible_dependency_id_dependency"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_action")),
    )
    with op.batch_alter_table("plan_action", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_action_axis_id"), ["axis_id"], unique=False)

    op.create_table(
        "action_report",
        sa.Column("action_id", sa.Uuid(), nullable=False),
        sa.Column("cut_date", sa.Date(), nullable=False),
        sa.Column("qualitative", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["plan_action.id"],
            name=op.f("fk_action_report_action_id_plan_action"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_report")),
        sa.UniqueConstraint("action_id", "cut_date", name=op.f("uq_action_report_action_id")),
    )
    with op.batch_alter_table("action_report", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_action_report_action_id"), ["action_id"], unique=False)

    op.create_table(
        "plan_indicator",
        sa.Column("action_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("unit", sa.String(length=60), nullable=True),
        sa.Column("target", sa.Float(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["plan_action.id"],
            name=op.f("fk_plan_indicator_action_id_plan_action"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_indicator")),
    )
    with op.batch_alter_table("plan_indicator", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_indicator_action_id"), ["action_id"], unique=False)

    op.create_table(
        "plan_task",
        sa.Column("action_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("responsible", sa.String(length=200), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["plan_action.id"],
            name=op.f("fk_plan_task_action_id_plan_action"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_task")),
    )
    with op.batch_alter_table("plan_task", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_task_action_id"), ["action_id"], unique=False)

    op.create_table(
        "indicator_value",
        sa.Column("indicator_id", sa.Uuid(), nullable=False),
        sa.Column("cut_date", sa.Date(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["plan_indicator.id"],
            name=op.f("fk_indicator_value_indicator_id_plan_indicator"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator_value")),
        sa.UniqueConstraint("indicator_id", "cut_date", name=op.f("uq_indicator_value_indicator_id")),
    )
    with op.batch_alter_table("indicator_value", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_indicator_value_indicator_id"), ["indicator_id"], unique=False)

    op.create_table(
        "task_progress",
        sa.Column("task_id", sa.Uuid(), nullable=False),
        sa.Column("cut_date", sa.Date(), nullable=False),
        sa.Column("percent", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["task_id"], ["plan_task.id"], name=op.f("fk_task_progress_task_id_plan_task"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task_progress")),
        sa.UniqueConstraint("task_id", "cut_date", name=op.f("uq_task_progress_task_id")),
    )
    with op.batch_alter_table("task_progress", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_task_progress_task_id"), ["task_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("task_progress", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_task_progress_task_id"))

    op.drop_table("task_progress")
    with op.batch_alter_table("indicator_value", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_indicator_value_indicator_id"))

    op.drop_table("indicator_value")
    with op.batch_alter_table("plan_task", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_task_action_id"))

    op.drop_table("plan_task")
    with op.batch_alter_table("plan_indicator", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_indicator_action_id"))

    op.drop_table("plan_indicator")
    with op.batch_alter_table("action_report", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_report_action_id"))

    op.drop_table("action_report")
    with op.batch_alter_table("plan_action", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_action_axis_id"))

    op.drop_table("plan_action")
    with op.batch_alter_table("plan_axis", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_axis_plan_id"))

    op.drop_table("plan_axis")
    with op.batch_alter_table("decision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_decision_session_id"))

    op.drop_table("decision")
    with op.batch_alter_table("commitment_note", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_commitment_note_commitment_id"))

    op.drop_table("commitment_note")
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attendance_session_id"))

    op.drop_table("attendance")
    with op.batch_alter_table("receipt", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_receipt_mesa_id"))

    op.drop_table("receipt")
    with op.batch_alter_table("quorum_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_quorum_event_session_id"))

    op.drop_table("quorum_event")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_mesa_id"))
        batch_op.drop_index(batch_op.f("ix_person_full_name"))
        batch_op.drop_index(batch_op.f("ix_person_dependency_id"))

    op.drop_table("person")
    with op.batch_alter_table("commitment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_commitment_session_id"))
        batch_op.drop_index(batch_op.f("ix_commitment_mesa_id"))
        batch_op.drop_index(batch_op.f("ix_commitment_due_date"))

    op.drop_table("commitment")
    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agenda_item_session_id"))

    op.drop_table("agenda_item")
    with op.batch_alter_table("action_plan", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_plan_mesa_id"))

    op.drop_table("action_plan")
    with op.batch_alter_table("acta", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_acta_session_id"))
        batch_op.drop_index(batch_op.f("ix_acta_mesa_id"))

    op.drop_table("acta")
    with op.batch_alter_table("meeting_session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_session_mesa_id"))
        batch_op.drop_index(batch_op.f("ix_meeting_session_date"))

    op.drop_table("meeting_session")
    with op.batch_alter_table("export_record", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_export_record_mesa_id"))

    op.drop_table("export_record")
    with op.batch_alter_table("dependency", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dependency_mesa_id"))

    op.drop_table("dependency")
    with op.batch_alter_table("case_referral", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_referral_mesa_id"))

    op.drop_table("case_referral")
    with op.batch_alter_table("mesa", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mesa_territory_code"))

    op.drop_table("mesa")
