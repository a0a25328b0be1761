"""Every module of the desktop imports, and every registered page's factory exists.

A page module that fails to import is an error (not a "disponible próximamente" placeholder),
so this catches it before anyone opens the screen.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import importlib
import pkgutil

import pytest

import ui
from ui.pages import PAGES

UI_MODULES = sorted(name for _finder, name, _is_package in pkgutil.walk_packages(ui.__path__, prefix="ui."))


def test_the_ui_has_modules():
    assert "ui.main_window" in UI_MODULES and "ui.pages.page_kit" in UI_MODULES


@pytest.mark.parametrize("name", UI_MODULES)
def test_every_ui_module_imports(name):
    importlib.import_module(name)


@pytest.mark.parametrize(
    "spec", [page for page in PAGES if isinstance(page.factory, str)], ids=lambda p: p.key
)
def test_every_page_factory_imports(spec):
    module_name, _, attribute = spec.factory.partition(":")
    assert spec.built, f"{spec.key} is declared as not built"
    assert callable(getattr(importlib.import_module(module_name), attribute))
