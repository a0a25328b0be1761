"""Fixtures for the management pages: a demo store built once per run, copied per test.

Import the fixtures into a test module with
``from pages_fixtures import page_ctx, page_store  # noqa: F401``.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "C.UTF-8")

import shutil
from pathlib import Path

import pytest

from mesa_desktop.store import Store

_templates: dict[str, Path] = {}


def demo_template(tmp_path_factory) -> Path:
    """The demo mesa (Cúcuta, this year), built once per test run."""
    if "demo" not in _templates:
        from mesa_desktop.services import demo

        folder = tmp_path_factory.mktemp("pages-demo")
        store = Store(folder / "mesa.sqlite")
        demo.build_demo(store)
        store.close()  # checkpoints the WAL, so copying the main file is enough
        _templates["demo"] = folder / "mesa.sqlite"
    return _templates["demo"]


@pytest.fixture
def page_store(tmp_path_factory, tmp_path) -> Store:
    target = tmp_path / "store" / "mesa.sqlite"
    target.parent.mkdir()
    shutil.copy(demo_template(tmp_path_factory), target)
    store = Store(target)
    yield store
    store.close()


@pytest.fixture
def page_ctx(page_store, qtbot):
    """An AppContext on the demo store with the synchronous runner; ``ctx.errors`` collects errors."""
    from ui.context import AppContext
    from ui.tasks import SyncRunner

    ctx = AppContext(page_store, SyncRunner)
    ctx.errors = []
    ctx.messages = []
    ctx.error.connect(ctx.errors.append)
    ctx.status.connect(ctx.messages.append)
    return ctx


def show(qtbot, page):
    """Add a page to qtbot, show it at the smallest supported window size, wait for its data."""
    qtbot.addWidget(page)
    page.resize(1120, 680)  # 1366×768 minus the navigation bar and window chrome
    page.show()
    return page


def table_texts(table, column: int = 0) -> list[str]:
    return [table.item(row, column).text() for row in range(table.rowCount())]
