"""Opening a file or folder on a laptop without a PDF viewer or a file manager (issue 11)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ui.widgets import files


class Desktop:
    """What the desktop can open: the paths in ``opens``, and any folder with a file manager."""

    def __init__(self, *opens: Path, file_manager: bool = False):
        self.opens = set(opens)
        self.file_manager = file_manager
        self.asked: list[Path] = []

    def launch(self, path: Path) -> bool:
        self.asked.append(path)
        return path in self.opens or (self.file_manager and path.is_dir())


@pytest.fixture
def pdf(tmp_path) -> Path:
    path = tmp_path / "acta-003-2026.pdf"
    path.write_bytes(b"%PDF-1.4\n")
    return path


def test_a_file_opens_with_its_program(monkeypatch, dialogs, pdf):
    desktop = Desktop(pdf)
    monkeypatch.setattr(files, "launch", desktop.launch)
    assert files.open_file(pdf) is None
    assert desktop.asked == [pdf] and dialogs.notices == []


def test_without_a_viewer_the_folder_opens(monkeypatch, dialogs, pdf):
    desktop = Desktop(pdf.parent)
    monkeypatch.setattr(files, "launch", desktop.launch)
    note = files.open_file(pdf)
    assert desktop.asked == [pdf, pdf.parent]
    assert note == "No se encontró un programa para abrir acta-003-2026.pdf: se abrió su carpeta."
    assert dialogs.notices == []


def test_without_a_viewer_nor_a_file_manager_it_says_where_the_file_is(monkeypatch, dialogs, pdf):
    monkeypatch.setattr(files, "launch", Desktop().launch)
    assert files.open_file(pdf) == f"El archivo está en {pdf}."
    assert len(dialogs.notices) == 1 and dialogs.notices[0].endswith(f"El archivo está guardado en:\n{pdf}")
    files.open_folder(pdf.parent)
    assert dialogs.notices[1].endswith(f"Está en:\n{pdf.parent}")


@pytest.mark.slow  # over a second: renders the acta's PDF twice
def test_the_acta_preview_falls_back_to_its_folder(make_window, populated_store, monkeypatch, dialogs):
    from mesa_desktop.services import sessions

    window = make_window(populated_store)
    page = window.show_page("acta", sessions.list_sessions(populated_store)[0].id)
    desktop = Desktop()
    monkeypatch.setattr(files, "launch", desktop.launch)
    messages: list[str] = []
    page.ctx.status.connect(messages.append)
    page.preview_pdf()
    pdf = page.last_pdf
    assert pdf.read_bytes().startswith(b"%PDF")
    assert desktop.asked == [pdf, pdf.parent]  # the PDF first, then its folder
    assert dialogs.notices and dialogs.notices[-1].endswith(str(pdf))  # neither opened: told where
    desktop.file_manager = True
    page.preview_pdf()
    assert messages[-1] == f"No se encontró un programa para abrir {page.last_pdf.name}: se abrió su carpeta."
