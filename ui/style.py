"""Look of the app: bundled fonts, Spanish Qt dialogs, palette and one style sheet.

Everything here runs before the first paint, so it stays cheap: no core imports, four
``addApplicationFont`` calls at most, one style sheet string.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

FONT_FAMILY = "DejaVu Sans"
FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")

# Colours a projector still renders distinctly (checked against a washed-out beamer).
PRIMARY = "#1d5c96"
PRIMARY_DARK = "#163f66"
OK = "#1e7b34"
WARN = "#a35f00"
BAD = "#b3261e"
NEUTRAL = "#4a5560"
SURFACE = "#f4f6f9"
BORDER = "#c9d1da"
MUTED = "#5d6873"


def _fonts_dir() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    base = Path(frozen) if frozen else Path(__file__).resolve().parent.parent
    return base / "resources" / "fonts"


def load_fonts() -> str | None:
    """Register the bundled fonts; the family to use, or None to keep the platform's."""
    folder = _fonts_dir()
    loaded = False
    for name in FONT_FILES:
        path = folder / name
        if path.is_file() and QFontDatabase.addApplicationFont(str(path)) >= 0:
            loaded = True
        else:
            log.info("Bundled font not available: %s", path)
    if loaded:
        return FONT_FAMILY
    # A bare machine without our fonts: keep whatever the platform offers.
    return None


def install_translations(app: QApplication) -> None:
    """Spanish for Qt's own buttons and dialogs (Aceptar, Cancelar, Siguiente…)."""
    QLocale.setDefault(QLocale(QLocale.Language.Spanish, QLocale.Country.Colombia))
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase_es", "qt_es"):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            break


def apply(app: QApplication) -> None:
    """Fonts, palette and style sheet for the whole application."""
    family = load_fonts()
    # Windows and macOS fonts look native there; elsewhere (and on bare Linux) use ours.
    if family and sys.platform not in ("win32", "darwin"):
        font = QFont(family, 10)
        app.setFont(font)
    if app.style().name().lower() != "fusion":  # already Fusion on Linux: skip the reload
        app.setStyle("Fusion")
    palette = app.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor(SURFACE))
    palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#eef2f6"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(PRIMARY))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.ToolTipBase, QColor("#ffffe8"))
    app.setPalette(palette)
    app.setStyleSheet(STYLE_SHEET)


STYLE_SHEET = f"""
QListWidget#navigation {{
    background: {PRIMARY_DARK};
    color: #ffffff;
    border: none;
    font-size: 11pt;
    outline: 0;
}}
QListWidget#navigation::item {{ padding: 7px 10px; border-left: 4px solid transparent; }}
QListWidget#navigation::item:selected {{
    background: #2a6cab; color: #ffffff; border-left: 4px solid #ffd166;
}}
QListWidget#navigation::item:hover:!selected {{ background: #22507e; }}

QLabel#pageTitle {{ font-size: 16pt; font-weight: bold; color: {PRIMARY_DARK}; }}
QLabel#hint {{ color: {MUTED}; }}
QLabel#sectionTitle {{ font-size: 11pt; font-weight: bold; color: {PRIMARY_DARK}; }}

QFrame#banner {{ border-radius: 6px; background: {NEUTRAL}; }}
QFrame#banner[state="ok"] {{ background: {OK}; }}
QFrame#banner[state="short"] {{ background: {BAD}; }}
QFrame#banner[state="almost"] {{ background: {WARN}; }}
QFrame#banner[state="neutral"] {{ background: {NEUTRAL}; }}
QFrame#banner[state="locked"] {{ background: {PRIMARY_DARK}; }}
QFrame#banner QLabel {{ color: #ffffff; background: transparent; }}
QLabel#bannerHeadline {{ font-weight: bold; }}

QLabel#notice {{
    background: #fff4d6; border: 1px solid #e3c16f; border-radius: 4px; padding: 6px; color: #4d3800;
}}
QLabel#notice[state="ok"] {{ background: #e3f4e6; border-color: #8cc79a; color: #17451f; }}
QLabel#notice[state="error"] {{ background: #fde7e5; border-color: #e59a94; color: #6b1510; }}

QLineEdit#bigSearch {{
    font-size: 18pt; padding: 6px 10px; border: 2px solid {PRIMARY}; border-radius: 6px;
}}
QListView#searchResults {{ font-size: 13pt; }}
QListView#searchResults::item {{ padding: 4px; }}

QPushButton {{ padding: 5px 12px; }}
QPushButton#primary {{
    background: {PRIMARY}; color: #ffffff; border: 1px solid {PRIMARY_DARK}; border-radius: 4px;
    font-weight: bold;
}}
QPushButton#primary:disabled {{ background: #9fb4c9; border-color: #9fb4c9; }}
QPushButton#primary:hover {{ background: #236cb0; }}
QPushButton#big {{ font-size: 13pt; padding: 12px 18px; }}

QTableView {{ gridline-color: #e1e6ec; }}
QHeaderView::section {{
    background: #e6ebf1; padding: 4px 6px; border: none; border-right: 1px solid {BORDER};
    font-weight: bold;
}}
QStatusBar QLabel {{ color: {MUTED}; }}
"""


def restyle(widget) -> None:
    """Re-apply the style sheet after a dynamic property such as ``state`` changed."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
