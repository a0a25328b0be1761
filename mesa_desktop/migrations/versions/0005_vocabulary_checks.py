"""CHECK constraints keep every coded column to its vocabulary (mesa_desktop/vocabulary.py)

Revision ID: 0005_vocabulary_checks
Revises: 0004_session_record
Create Date: 2026-12-01

The allowed codes come from ``vocabulary.STORED_CODES``, the same table the models' constraints
are generated from, so the two cannot drift. A store already holding a code this version does
not know is refused, not "repaired": guessing what ``kind = 'imperial'`` meant would change a
record silently. The store's transaction rolls back and the copy made before migrating stays.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from mesa_desktop.errors import StoreError
from mesa_desktop.vocabulary import STORED_CODES, codes, in_list_sql

revision = "0005_vocabulary_checks"
down_revision = "0004_session_record"
branch_labels = None
depends_on = None

# The codes as they were at this revision, where a later migration changed them (0007 renames
# the case statuses and adds case_event): this migration must keep meaning what it meant.
_CASE_STATUSES_THEN = ("open", "in_progress", "closed")
_LATER_TABLES = frozenset({"case_event"})


def _stored_codes() -> dict[tuple[str, str], tuple[str, ...]]:
    found = {key: codes(enum) for key, enum in STORED_CODES.items() if key[0] not in _LATER_TABLES}
    found["case_referral", "status"] = found["case_aggregate", "status"] = _CASE_STATUSES_THEN
    return found


# Enough to act on without flooding the message with one line per row.
_SHOWN = 8


def unknown_codes(bind: sa.engine.Connection) -> list[str]:
    """One line per (column, unknown code) found in the store, with its row count."""
    found = []
    for (table, column), allowed in _stored_codes().items():
        col = sa.column(column, sa.String())
        rows = bind.execute(
            sa.select(col, sa.func.count())
            .select_from(sa.table(table, col))
            .where(col.is_not(None), col.not_in(allowed))
            .group_by(col)
            .order_by(col)
        ).all()
        found += [f"{table}.{column} = «{value[:40]}» ({count} fila(s))" for value, count in rows]
    return found


def upgrade() -> None:
    found = unknown_codes(op.get_bind())
    if found:
        shown = "; ".join(found[:_SHOWN]) + ("; …" if len(found) > _SHOWN else "")
        raise StoreError(
            "No se pudo actualizar el almacén: tiene códigos que esta versión de Mesa Desktop no "
            f"conoce ({shown}). No se cambió nada y la copia de seguridad hecha antes de actualizar "
            "se conserva. Corrija esos registros con la versión anterior o pida soporte técnico."
        )
    stored = _stored_codes()
    tables: dict[str, list[str]] = {}
    for table, column in stored:
        tables.setdefault(table, []).append(column)
    for table, columns in tables.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in columns:
                batch_op.create_check_constraint(f"{column}_code", in_list_sql(column, stored[table, column]))


def downgrade() -> None:
    tables: dict[str, list[str]] = {}
    for table, column in _stored_codes():
        tables.setdefault(table, []).append(column)
    for table, columns in tables.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in columns:
                batch_op.drop_constraint(batch_op.f(f"ck_{table}_{column}_code"), type_="check")
