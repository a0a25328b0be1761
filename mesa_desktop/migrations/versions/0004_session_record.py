"""the session as the acta records it: real times, presiders, absences, decision validity

Revision ID: 0004_session_record
Revises: 0003_consolidation
Create Date: 2026-12-01
"""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0004_session_record"
down_revision = "0003_consolidation"
branch_labels = None
depends_on = None


def _record_columns() -> list[sa.Column[Any]]:
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    ]


def upgrade() -> None:
    with op.batch_alter_table("meeting_session", schema=None) as batch_op:
        batch_op.add_column(sa.Column("opened_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True))

    with op.batch_alter_table("decision", schema=None) as batch_op:
        # Existing decisions were all recorded as ordinary ones: none was marked invalid.
        batch_op.add_column(
            sa.Column("without_quorum", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("approves_acta_id", sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column("observations", sa.Text(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_decision_approves_acta_id_acta"),
            "acta",
            ["approves_acta_id"],
            ["id"],
            ondelete="SET NULL",
        )

    op.create_table(
        "presider",
        sa.Column("session_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=True),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column("role_title", sa.String(length=200), nullable=True),
        sa.Column("entity", sa.String(length=200), nullable=True),
        *_record_columns(),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_presider_person_id_person"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["meeting_session.id"],
            name=op.f("fk_presider_session_id_meeting_session"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_presider")),
    )
    with op.batch_alter_table("presider", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_presider_session_id"), ["session_id"], unique=False)

    op.create_table(
        "absence",
        sa.Column("session_id", sa.Uuid(), nullable=False),
        sa.Column("dependency_id", sa.Uuid(), nullable=False),
        sa.Column("excuse", sa.Text(), nullable=True),
        *_record_columns(),
        sa.ForeignKeyConstraint(
            ["dependency_id"],
            ["dependency.id"],
            name=op.f("fk_absence_dependency_id_dependency"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["meeting_session.id"],
            name=op.f("fk_absence_session_id_meeting_session"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_absence")),
        sa.UniqueConstraint("session_id", "dependency_id", name=op.f("uq_absence_session_id")),
    )
    with op.batch_alter_table("absence", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_absence_session_id"), ["session_id"], unique=False)

    # The single president the app kept before becomes the session's first presider.
    bind = op.get_bind()
    presider = sa.table(
        "presider",
        sa.column("id", sa.Uuid()),
        sa.column("session_id", sa.Uuid()),
        sa.column("position", sa.Integer()),
        sa.column("full_name", sa.String()),
        sa.column("role_title", sa.String()),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("updated_at", sa.DateTime(timezone=True)),
    )
    session = sa.table(
        "meeting_session",
        sa.column("id", sa.Uuid()),
        sa.column("president_name", sa.String()),
        sa.column("president_position", sa.String()),
        sa.column("created_at", sa.DateTime(timezone=True)),
    )
    rows = bind.execute(
        sa.select(
            session.c.id, session.c.president_name, session.c.president_position, session.c.created_at
        ).where(session.c.president_name.is_not(None))
    ).all()
    for session_id, name, position, created in rows:
        if name and name.strip():
            bind.execute(
                presider.insert().values(
                    id=uuid.uuid4(),
                    session_id=session_id,
                    position=1,
                    full_name=name.strip(),
                    role_title=position,
                    created_at=created,
                    updated_at=created,
                )
            )


def downgrade() -> None:
    with op.batch_alter_table("absence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_absence_session_id"))
    op.drop_table("absence")
    with op.batch_alter_table("presider", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_presider_session_id"))
    op.drop_table("presider")
    with op.batch_alter_table("decision", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_decision_approves_acta_id_acta"), type_="foreignkey")
        batch_op.drop_column("observations")
        batch_op.drop_column("approves_acta_id")
        batch_op.drop_column("without_quorum")
    with op.batch_alter_table("meeting_session", schema=None) as batch_op:
        batch_op.drop_column("closed_at")
        batch_op.drop_column("opened_at")
