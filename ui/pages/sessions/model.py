"""What the sessions screen shows and hands to its operations, without widgets."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from PySide6.QtCore import QDate, Qt

from mesa_desktop.vocabulary import SessionStatus

ROW_ID = Qt.ItemDataRole.UserRole
STATUS_COLORS = {
    SessionStatus.PLANNED: "#dbe7f3",
    SessionStatus.CONVENED: "#fff0c2",
    SessionStatus.HELD: "#d9efdc",
    SessionStatus.ACTA_APPROVED: "#c4e3c9",
    SessionStatus.CANCELLED: "#eceff1",
}
FOLLOWUP = "commitments_followup"
MANDATORY_MARK = "   · obligatorio"


def qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


@dataclass(frozen=True)
class SessionForm:
    """The new/edit session dialog's values, ready for the ``new_session`` / ``update_session`` operations."""

    template: str
    on: date
    start_time: time | None
    end_time: time | None
    modality: str
    place: str | None
    virtual_link: str | None
    convocation_date: date | None
    ministry_participated: bool
    objective: str | None

    def new_session_args(self) -> dict:
        return dict(
            on=self.on,
            template=self.template,
            start_time=self.start_time,
            end_time=self.end_time,
            modality=self.modality,
            place=self.place,
            virtual_link=self.virtual_link,
            convocation_date=self.convocation_date,
            ministry_participated=self.ministry_participated,
            objective=self.objective,
        )

    def update_args(self) -> dict:
        args = self.new_session_args()
        args.pop("template")  # a session keeps its template (and so its kind)
        args["date"] = args.pop("on")
        return args
