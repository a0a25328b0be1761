"""Workarounds for bugs in the pinned PySide6, each with a test that says when to drop it.

PySide6 6.12.0 (CPython 3.11): ``SignalInstance.emit()`` returns ``True`` without taking a
reference to it, so every ``signal.emit(...)`` made from Python drops one reference to the
``True`` singleton. The app starts with about 8,000 references to ``True``; a busy day of
live attendance (each action emits several signals: the runner's relay, ``busy_changed``,
``ctx.changed`` per topic) can use them up, and CPython then aborts the whole process with
"Fatal Python error: bool_dealloc: deallocating True or False".

Python 3.12 made ``True`` and ``False`` immortal, which makes the stray decrements harmless;
:func:`protect_bool_singletons` does the same on 3.11 by giving both objects a reference
count no program can exhaust. Extra references to a singleton cost nothing.
"""

from __future__ import annotations

import sys

_done = False


def protect_bool_singletons() -> None:
    """Call once, before the first signal is emitted (app start-up, test start-up)."""
    global _done
    if _done or sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return
    import ctypes

    for singleton in (True, False):
        # ob_refcnt is the first field of every CPython object.
        ctypes.c_ssize_t.from_address(id(singleton)).value += 1 << 40
    _done = True


def emit_drops_a_reference_to_true() -> bool:
    """Whether the installed PySide6 still has the bug (so the workaround is still needed)."""
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        ping = Signal()

    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(100):
        probe.ping.emit()
    return sys.getrefcount(True) < before
