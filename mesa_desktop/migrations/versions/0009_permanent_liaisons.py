"""Work groups of the Plan and the enlaces permanentes each dependency designates (guideline 1.4)

Revision ID: 0009_permanent_liaisons
Revises: 0008_periodic_reports
Create Date: 2026-12-02

Two new tables, empty on upgrade: the work groups are configured by the national mesa (the
preset fills them when the mesa is created) and no designation existed before.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_permanent_liaisons"
down_revision = "0008_periodic_reports"
branch_labels = None
depends_on = None


def _record_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("mesa_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "work_group",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        *_record_columns(),
        sa.ForeignKeyConstraint(
            ["mesa_id"], ["mesa.id"], name=op.f("fk_work_group_mesa_id_mesa"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_group")),
        sa.UniqueConstraint("mesa_id", "name", name=op.f("uq_work_group_mesa_name")),
    )
    op.create_index(op.f("ix_work_group_mesa_id"), "work_group", ["mesa_id"], unique=False)
    op.create_table(
        "liaison",
        sa.Column("dependency_id", sa.Uuid(), nullable=False),
        sa.Column("work_group_id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("designated_on", sa.Date(), nullable=True),
        *_record_columns(),
        sa.ForeignKeyConstraint(
            ["mesa_id"], ["mesa.id"], name=op.f("fk_liaison_mesa_id_mesa"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["dependency_id"],
            ["dependency.id"],
            name=op.f("fk_liaison_dependency_id_dependency"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["work_group_id"],
            ["work_group.id"],
            name=op.f("fk_liaison_work_group_id_work_group"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_liaison_person_id_person"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_liaison")),
        sa.UniqueConstraint("dependency_id", "work_group_id", name=op.f("uq_liaison_dependency_group")),
    )
    for column in ("mesa_id", "dependency_id", "work_group_id", "person_id"):
        op.create_index(op.f(f"ix_liaison_{column}"), "liaison", [column], unique=False)


def downgrade() -> None:
    op.drop_table("liaison")
    op.drop_table("work_group")
