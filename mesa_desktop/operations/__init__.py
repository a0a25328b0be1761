"""What the desktop's user can do, one function per action.

Each function runs in one transaction (composing the services in ``mesa_desktop.services``)
and returns ``Changed(value, topics)`` (``mesa_desktop.services.changes``), so the UI announces
exactly what the action wrote. Page read-models live here too: one query under one read.
"""
