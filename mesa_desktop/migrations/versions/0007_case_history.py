"""Referred cases get a route, a responsible, a next follow-up and a dated history

Revision ID: 0007_case_history
Revises: 0006_person_codes
Create Date: 2026-12-02

Guideline 2.7 (gestión de casos remitidos). The statuses become recibido, remitido, en gestión,
resuelto and cerrado sin resolver: "open" is "received"; "closed" never said whether the case
was solved, so it becomes "resolved" and its history line says it was "Cerrado" before. Each
existing case gets the history it implies: received on its referral date, then its status.
The ministry's case totals (``case_aggregate``) are renamed the same way.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from mesa_desktop.vocabulary import in_list_sql

revision = "0007_case_history"
down_revision = "0006_person_codes"
branch_labels = None
depends_on = None

# Frozen here, not read from vocabulary.py: a migration must keep meaning what it meant.
OLD = ("open", "in_progress", "closed")
NEW = ("received", "referred", "in_progress", "resolved", "unresolved")
UP = {"open": "received", "closed": "resolved"}
DOWN = {"received": "open", "referred": "open", "resolved": "closed", "unresolved": "closed"}
MIGRATED_NOTE = "Estado «Cerrado» de una versión anterior, que no decía si el caso se resolvió."


def _recode(table: str, allowed: tuple[str, ...], mapping: dict[str, str]) -> None:
    """Drop the status CHECK, rename the codes, put the CHECK back with ``allowed``."""
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f(f"ck_{table}_status_code"), type_="check")
    status = sa.table(table, sa.column("status", sa.String()))
    for old, new in mapping.items():
        op.execute(status.update().where(status.c.status == old).values(status=new))
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.create_check_constraint("status_code", in_list_sql("status", allowed))


def upgrade() -> None:
    with op.batch_alter_table("case_referral", schema=None) as batch_op:
        batch_op.add_column(sa.Column("route", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("responsible", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("next_follow_up", sa.Date(), nullable=True))
    op.create_table(
        "case_event",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(in_list_sql("status", NEW), name=op.f("ck_case_event_status_code")),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["case_referral.id"],
            name=op.f("fk_case_event_case_id_case_referral"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_event")),
    )
    with op.batch_alter_table("case_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_event_case_id"), ["case_id"], unique=False)

    bind = op.get_bind()
    referral = sa.table(
        "case_referral",
        sa.column("id", sa.Uuid()),
        sa.column("referred_on", sa.Date()),
        sa.column("status", sa.String()),
        sa.column("closed_on", sa.Date()),
    )
    event = sa.table(
        "case_event",
        sa.column("id", sa.Uuid()),
        sa.column("case_id", sa.Uuid()),
        sa.column("on", sa.Date()),
        sa.column("seq", sa.Integer()),
        sa.column("status", sa.String()),
        sa.column("note", sa.Text()),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("updated_at", sa.DateTime(timezone=True)),
    )
    now = datetime.now(UTC)
    rows = []
    for case_id, referred_on, status, closed_on in bind.execute(
        sa.select(referral.c.id, referral.c.referred_on, referral.c.status, referral.c.closed_on)
    ).all():
        line = {"case_id": case_id, "created_at": now, "updated_at": now, "note": None}
        rows.append({**line, "id": uuid.uuid4(), "on": referred_on, "seq": 1, "status": "received"})
        if status == "in_progress":
            rows.append({**line, "id": uuid.uuid4(), "on": referred_on, "seq": 2, "status": "in_progress"})
        elif status == "closed":
            rows.append(
                {
                    **line,
                    "id": uuid.uuid4(),
                    "on": closed_on or referred_on,
                    "seq": 2,
                    "status": "resolved",
                    "note": MIGRATED_NOTE,
                }
            )
    if rows:  # one executemany
        bind.execute(event.insert(), rows)
    _recode("case_referral", NEW, UP)
    _recode("case_aggregate", NEW, UP)


def downgrade() -> None:
    _recode("case_referral", OLD, DOWN)
    # Two new codes fold into one old code: their totals are summed into one row.
    bind = op.get_bind()
    agg = sa.table(
        "case_aggregate",
        sa.column("id", sa.Uuid()),
        sa.column("mesa_id", sa.Uuid()),
        sa.column("year", sa.Integer()),
        sa.column("need", sa.String()),
        sa.column("status", sa.String()),
        sa.column("count", sa.Integer()),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("updated_at", sa.DateTime(timezone=True)),
    )
    with op.batch_alter_table("case_aggregate", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_case_aggregate_status_code"), type_="check")
    totals: dict[tuple[object, int, str, str], dict[str, object]] = {}
    for row in bind.execute(sa.select(agg)).mappings().all():
        key = (row["mesa_id"], row["year"], row["need"], DOWN.get(row["status"], row["status"]))
        if key in totals:
            totals[key]["count"] = int(str(totals[key]["count"])) + row["count"]
        else:
            totals[key] = {**row, "status": key[3]}
    bind.execute(agg.delete())
    if totals:
        bind.execute(agg.insert(), list(totals.values()))
    with op.batch_alter_table("case_aggregate", schema=None) as batch_op:
        batch_op.create_check_constraint("status_code", in_list_sql("status", OLD))
    with op.batch_alter_table("case_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_event_case_id"))
    op.drop_table("case_event")
    with op.batch_alter_table("case_referral", schema=None) as batch_op:
        batch_op.drop_column("next_follow_up")
        batch_op.drop_column("responsible")
        batch_op.drop_column("route")
