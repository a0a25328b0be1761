"""Every person gets a personal check-in code (mesa_desktop/person_codes.py)

Revision ID: 0006_person_codes
Revises: 0005_vocabulary_checks
Create Date: 2026-12-02

The code is random (``secrets``), never derived from the person's data, unique within a mesa,
and stays in the focal point's store (bundles leave it out). Existing people are given one here.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from mesa_desktop.person_codes import new_code

revision = "0006_person_codes"
down_revision = "0005_vocabulary_checks"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A nullable column is added in place; no table rebuild, the CHECK constraints stay as they are.
    op.add_column("person", sa.Column("check_in_code", sa.String(length=9), nullable=True))
    bind = op.get_bind()
    person = sa.table("person", sa.column("id"), sa.column("mesa_id"), sa.column("check_in_code"))
    taken: dict[object, set[str]] = {}
    codes = []
    for person_id, mesa_id in bind.execute(sa.select(person.c.id, person.c.mesa_id)).all():
        used = taken.setdefault(mesa_id, set())
        code = new_code()
        while code in used:
            code = new_code()
        used.add(code)
        codes.append({"person_id": person_id, "code": code})
    if codes:  # one executemany: a ministry store holds the people of every mesa
        bind.execute(
            person.update()
            .where(person.c.id == sa.bindparam("person_id"))
            .values(check_in_code=sa.bindparam("code")),
            codes,
        )
    op.create_index("ix_person_check_in_code", "person", ["mesa_id", "check_in_code"], unique=True)


def downgrade() -> None:
    op.drop_index("ix_person_check_in_code", table_name="person")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_column("check_in_code")
