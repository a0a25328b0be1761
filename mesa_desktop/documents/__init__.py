"""The documents the focal point signs, sends and files, in Spanish.

Every generator takes one plain frozen dataclass from ``documents.data`` and returns bytes
(``*_pdf``, ``*_ics``, ``*_eml``, ``*_workbook``) or writes a file atomically (``write_*``):

* ``acta``              the acta of a session (GTC 185); ``content_sha256`` for approval
* ``attendance_sheet``  the listado de asistencia with signatures and the Ley 1581 notice
* ``convocation``       letter, iCalendar invitation, e-mail draft; ``lead_time_warning``
* ``progress_report``   action-plan progress report in the shape of the CNIM report
* ``periodic_report``   the secretaría técnica's informe periódico, with charts
* ``excel``             attendance, commitments and action plan workbooks

Importing this package or any generator module is free; ReportLab, openpyxl, icalendar and
Babel load when a document is made (start-up must not pay for them). Build documents off the
GUI thread.
"""
