"""A signature pad: draw with a mouse, touchpad, touch screen or pen; export a PNG.

Qt synthesises mouse events from touch and tablet input, so handling mouse events covers
every device; tablet events are accepted too so a pen draws without lag.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

EXPORT_SIZE = QSize(600, 200)  # the PDF prints signatures at a 3:1 box


class SignaturePad(QWidget):
    """Strokes kept as paths in widget coordinates; ``png()`` renders them on white."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._strokes: list[QPainterPath] = []
        self._current: QPainterPath | None = None
        self.setMinimumSize(360, 120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.setToolTip("Firme aquí con el mouse, el panel táctil, el lápiz o el dedo.")

    def sizeHint(self) -> QSize:
        return QSize(540, 180)

    # -- drawing ---------------------------------------------------------------
    def _begin(self, point: QPointF) -> None:
        self._current = QPainterPath(point)
        # A dot (a tap) must still leave ink.
        self._current.lineTo(point + QPointF(0.1, 0.1))
        self._strokes.append(self._current)
        self.update()

    def _extend(self, point: QPointF) -> None:
        if self._current is not None:
            self._current.lineTo(point)
            self.update()

    def _end(self) -> None:
        if self._current is not None:
            self._current = None
            self.changed.emit()

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position())

    def mouseMoveEvent(self, event) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._extend(event.position())

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._end()

    def tabletEvent(self, event) -> None:
        kind = event.type()
        if kind == event.Type.TabletPress:
            self._begin(event.position())
        elif kind == event.Type.TabletMove and event.pressure() > 0:
            self._extend(event.position())
        elif kind == event.Type.TabletRelease:
            self._end()
        event.accept()

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        # A baseline like the one on a paper sheet.
        painter.setPen(QPen(QColor("#b8c2cc"), 1, Qt.PenStyle.DashLine))
        y = self.height() * 0.78
        painter.drawLine(QPointF(16, y), QPointF(self.width() - 16, y))
        painter.setPen(QPen(QColor("#c9d1da"), 1))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        self._draw(painter, 2.6)

    def _draw(self, painter: QPainter, width: float) -> None:
        pen = QPen(
            QColor("#10243a"),
            width,
            Qt.PenStyle.SolidLine,
            Qt.PenCapStyle.RoundCap,
            Qt.PenJoinStyle.RoundJoin,
        )
        pen.setCosmetic(True)  # same ink width whatever the export scale
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for stroke in self._strokes:
            painter.drawPath(stroke)

    # -- API -------------------------------------------------------------------
    def clear(self) -> None:
        self._strokes.clear()
        self._current = None
        self.update()
        self.changed.emit()

    def is_empty(self) -> bool:
        return not self._strokes

    def add_stroke(self, points: list[tuple[float, float]]) -> None:
        """Draw a stroke programmatically (tests, replaying input)."""
        if not points:
            return
        self._begin(QPointF(*points[0]))
        for x, y in points[1:]:
            self._extend(QPointF(x, y))
        self._end()

    def image(self, size: QSize = EXPORT_SIZE) -> QImage:
        image = QImage(size, QImage.Format.Format_ARGB32)
        image.fill(QColor("#ffffff"))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        # Fit the drawn area (not the whole pad) into the export box, keeping proportions.
        bounds = QRectF()
        for stroke in self._strokes:
            bounds = bounds.united(stroke.boundingRect())
        if self._strokes:
            margin = 8.0
            bounds = bounds.adjusted(-margin, -margin, margin, margin)
            scale = min(size.width() / max(bounds.width(), 1.0), size.height() / max(bounds.height(), 1.0))
            scale = min(scale, 3.0)
            painter.translate(
                (size.width() - bounds.width() * scale) / 2 - bounds.left() * scale,
                (size.height() - bounds.height() * scale) / 2 - bounds.top() * scale,
            )
            painter.scale(scale, scale)
            self._draw(painter, 3.0)
        painter.end()
        return image

    def png(self) -> bytes:
        """The signature as PNG bytes (empty bytes when nothing was drawn)."""
        if self.is_empty():
            return b""
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        self.image().save(buffer, "PNG")  # type: ignore[call-overload]  # PySide6 takes the format as str
        buffer.close()
        return bytes(data.data())


class SignatureField(QWidget):
    """A pad with its "Borrar firma" button and a caption, for dialogs."""

    def __init__(self, caption: str = "Firma", parent: QWidget | None = None):
        super().__init__(parent)
        self.pad = SignaturePad(self)
        clear = QPushButton("Borrar firma", self)
        clear.clicked.connect(self.pad.clear)
        clear.setAutoDefault(False)
        self.clear_button = clear
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(QLabel(caption, self))
        top.addStretch(1)
        top.addWidget(clear)
        layout.addLayout(top)
        layout.addWidget(self.pad, 1)
