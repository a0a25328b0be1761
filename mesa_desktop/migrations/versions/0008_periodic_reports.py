"""Informes periódicos (guideline 2.6 e) and how often a mesa owes one

Revision ID: 0008_periodic_reports
Revises: 0007_case_history
Create Date: 2026-12-02

A report is a draft until issued; issuing freezes its texts and keeps its PDF with the PDF's
SHA-256; then it is marked sent to the ministry. Existing mesas owe one per semester.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_periodic_reports"
down_revision = "0007_case_history"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A column with a default is added in place; no table rebuild of the mesa.
    op.add_column(
        "mesa",
        sa.Column(
            "periodic_report_frequency", sa.String(length=12), nullable=True, server_default="semestral"
        ),
    )
    op.create_table(
        "periodic_report",
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("progress", sa.Text(), nullable=False),
        sa.Column("challenges", sa.Text(), nullable=False),
        sa.Column("opportunities", sa.Text(), nullable=False),
        sa.Column("articulations", sa.Text(), nullable=False),
        sa.Column("psychosocial", sa.Text(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("sequence", sa.Integer(), nullable=True),
        sa.Column("number", sa.String(length=16), nullable=True),
        sa.Column("issued_on", sa.Date(), nullable=True),
        sa.Column("pdf", sa.LargeBinary(), nullable=True),
        sa.Column("pdf_sha256", sa.String(length=64), nullable=True),
        sa.Column("sent_on", sa.Date(), nullable=True),
        sa.Column("mesa_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('draft', 'issued', 'sent')", name=op.f("ck_periodic_report_status_code")
        ),
        sa.CheckConstraint("period_end >= period_start", name=op.f("ck_periodic_report_period_order")),
        sa.ForeignKeyConstraint(
            ["mesa_id"], ["mesa.id"], name=op.f("fk_periodic_report_mesa_id_mesa"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_periodic_report")),
        sa.UniqueConstraint("mesa_id", "year", "sequence", name=op.f("uq_periodic_report_mesa_id")),
    )
    op.create_index(op.f("ix_periodic_report_mesa_id"), "periodic_report", ["mesa_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_periodic_report_mesa_id"), table_name="periodic_report")
    op.drop_table("periodic_report")
    with op.batch_alter_table("mesa", schema=None) as batch_op:
        batch_op.drop_column("periodic_report_frequency")
