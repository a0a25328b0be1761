"""Render resources/icons/mesa-desktop.svg to the PNG sizes and the Windows .ico.

Run once after changing the SVG (the outputs are committed):
    QT_QPA_PLATFORM=offscreen .venv/bin/python build/linux/make_icons.py
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[2] / "resources" / "icons"
PNG_SIZES = (256, 48)  # the app's window icon and the .desktop entry
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int) -> Image.Image:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(data))).convert("RGBA")


def main() -> None:
    _app = QGuiApplication([])
    renderer = QSvgRenderer(str(ICONS / "mesa-desktop.svg"))
    for size in PNG_SIZES:
        render(renderer, size).save(ICONS / f"mesa-desktop-{size}.png", optimize=True)
    # Each size drawn from the SVG, not scaled down from 256: small sizes stay sharp.
    images = [render(renderer, size) for size in ICO_SIZES]
    images[-1].save(ICONS / "mesa-desktop.ico", sizes=[(s, s) for s in ICO_SIZES], append_images=images[:-1])


if __name__ == "__main__":
    main()
