"""Writes the Windows icon (.ico, 16-256 px) from the app's SVG icon.

Usage: make_ico.py ROOT OUT.ico. The project's resources/icons/mesa-desktop.ico is used as it
is; without it Qt renders the SVG and Pillow writes the ICO, and without an SVG a plain
placeholder keeps the build going.
"""

import io
import shutil
import sys
from pathlib import Path

from PIL import Image, ImageDraw

SIZES = [16, 24, 32, 48, 64, 128, 256]


def render_svg(svg: Path, size: int) -> Image.Image:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(["make_ico", "-platform", "offscreen"])
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(data))).convert("RGBA")


def placeholder(size: int) -> Image.Image:
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    ImageDraw.Draw(image).rounded_rectangle(
        (0, 0, size - 1, size - 1), radius=size // 6, fill=(0, 94, 132, 255)
    )
    return image


def main() -> None:
    root, out = Path(sys.argv[1]), Path(sys.argv[2])
    shipped = root / "resources" / "icons" / "mesa-desktop.ico"
    if shipped.is_file():
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shipped, out)
        print(f"icono: {shipped.relative_to(root)}")
        return
    svgs = sorted((root / "resources" / "icons").glob("*.svg"))
    big = render_svg(svgs[0], 256) if svgs else placeholder(256)
    out.parent.mkdir(parents=True, exist_ok=True)
    big.save(out, format="ICO", sizes=[(s, s) for s in SIZES])
    print(f"icono: {out} ({svgs[0].name if svgs else 'provisional'})")


if __name__ == "__main__":
    main()
