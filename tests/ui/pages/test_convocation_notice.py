"""The sessions screen says who has no e-mail address when it writes the convocation."""

from __future__ import annotations

from datetime import time, timedelta

import pytest

from mesa_desktop import clock
from mesa_desktop.services import sessions
from tests.support.ui import INVITED_PERSON, SECOND_PERSON


@pytest.mark.slow  # over a second: writes the letter and a personal draft per address
def test_the_convocation_names_who_must_be_convened_another_way(
    make_window, populated_store, tmp_path, monkeypatch, dialogs
):
    page = make_window(populated_store).show_page("sessions")
    session = sessions.new_session(
        populated_store, on=clock.today() + timedelta(days=20), kind="ordinary", start_time=time(9, 0)
    )
    page.open_item(session.id)
    page.refresh()
    monkeypatch.setattr(page, "choose_folder", lambda: str(tmp_path))
    page.write_convocation()
    assert dialogs.errors == []
    files = page.last_convocation
    assert set(files.without_email) == {SECOND_PERSON, INVITED_PERSON}
    [notice] = dialogs.notices
    assert SECOND_PERSON in notice and INVITED_PERSON in notice and "otro medio" in notice
    assert "un correo por persona" in notice
    assert len(files.personal_eml) == len(
        list((tmp_path / f"convocatoria-{session.number}-correos-personales").iterdir())
    )
