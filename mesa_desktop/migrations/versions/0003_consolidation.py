"""ministry consolidation: bundles received, pinned territory keys, case totals

Revision ID: 0003_consolidation
Revises: 0002_app_settings
Create Date: 2026-11-22
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0003_consolidation"
down_revision = "0002_app_settings"
branch_labels = None
depends_on = None


def _record_columns() -> list[sa.Column[Any]]:
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "imported_bundle",
        sa.Column("bundle_sha256", sa.String(length=64), nullable=False),
        sa.Column("territory_code", sa.String(length=5), nullable=False),
        sa.Column("mesa_id", sa.Uuid(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("bundle_created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("signer_key", sa.String(length=80), nullable=False),
        sa.Column("app_version", sa.String(length=40), nullable=False),
        sa.Column("schema_revision", sa.String(length=60), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("row_count", sa.Integer(), nullable=False),
        *_record_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_imported_bundle")),
        sa.UniqueConstraint("bundle_sha256", name=op.f("uq_imported_bundle_bundle_sha256")),
    )
    with op.batch_alter_table("imported_bundle", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_imported_bundle_territory_code"), ["territory_code"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_imported_bundle_mesa_id"), ["mesa_id"], unique=False)

    op.create_table(
        "territory_key",
        sa.Column("territory_code", sa.String(length=5), nullable=False),
        sa.Column("public_key", sa.String(length=80), nullable=False),
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("pinned_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("previous_public_key", sa.String(length=80), nullable=True),
        *_record_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_territory_key")),
        sa.UniqueConstraint("territory_code", name=op.f("uq_territory_key_territory_code")),
    )

    op.create_table(
        "pending_key_change",
        sa.Column("territory_code", sa.String(length=5), nullable=False),
        sa.Column("public_key", sa.String(length=80), nullable=False),
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("bundle_sha256", sa.String(length=64), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("bundle_created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("held_path", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        *_record_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pending_key_change")),
        sa.UniqueConstraint("bundle_sha256", name=op.f("uq_pending_key_change_bundle_sha256")),
    )
    with op.batch_alter_table("pending_key_change", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_pending_key_change_territory_code"), ["territory_code"], unique=False
        )

    op.create_table(
        "case_aggregate",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("need", sa.String(length=60), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("mesa_id", sa.Uuid(), nullable=False),
        *_record_columns(),
        sa.ForeignKeyConstraint(
            ["mesa_id"], ["mesa.id"], name=op.f("fk_case_aggregate_mesa_id_mesa"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_aggregate")),
        sa.UniqueConstraint("mesa_id", "year", "need", "status", name=op.f("uq_case_aggregate_mesa_id")),
    )
    with op.batch_alter_table("case_aggregate", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_aggregate_mesa_id"), ["mesa_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("case_aggregate", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_aggregate_mesa_id"))
    op.drop_table("case_aggregate")
    with op.batch_alter_table("pending_key_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pending_key_change_territory_code"))
    op.drop_table("pending_key_change")
    op.drop_table("territory_key")
    with op.batch_alter_table("imported_bundle", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_imported_bundle_mesa_id"))
        batch_op.drop_index(batch_op.f("ix_imported_bundle_territory_code"))
    op.drop_table("imported_bundle")
