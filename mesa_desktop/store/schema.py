"""The schema revisions this version knows, so opening a store needs no Alembic import.

Keep in step with migrations/versions (a test checks it): oldest first, head last.
"""

from __future__ import annotations

KNOWN_REVISIONS: tuple[str, ...] = (
    "0001_initial",
    "0002_app_settings",
    "0003_consolidation",
    "0004_session_record",
    "0005_vocabulary_checks",
    "0006_person_codes",
    "0007_case_history",
    "0008_periodic_reports",
    "0009_permanent_liaisons",
)
HEAD_REVISION = KNOWN_REVISIONS[-1]
