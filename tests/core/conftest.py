"""Core fixtures: real SQLite files, built once per run and copied per test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mesa_desktop.store import Store


@pytest.fixture(scope="session")
def _template_stores(tmp_path_factory) -> dict[str, Path]:
    from mesa_desktop.services import conformation, demo

    root = tmp_path_factory.mktemp("templates")
    empty = root / "empty" / "mesa.sqlite"
    empty.parent.mkdir()
    Store(empty).close()
    territorial = root / "territorial" / "mesa.sqlite"
    territorial.parent.mkdir()
    store = Store(territorial)
    conformation.init_mesa(store, territory_code="54001", preset="territorial")
    store.close()
    demo_file = root / "demo" / "mesa.sqlite"
    demo_file.parent.mkdir()
    store = Store(demo_file)
    demo.build_demo(store)
    store.close()
    return {"empty": empty, "territorial": territorial, "demo": demo_file}


def _copy(template: Path, target_dir: Path) -> Path:
    target = target_dir / "mesa.sqlite"
    # Templates were closed cleanly, so the WAL is checkpointed into the main file.
    shutil.copy(template, target)
    return target


@pytest.fixture
def empty_store(_template_stores, tmp_path) -> Store:
    store = Store(_copy(_template_stores["empty"], tmp_path))
    yield store
    store.close()


@pytest.fixture
def store(_template_stores, tmp_path) -> Store:
    """A Cúcuta mesa with the territorial preset's 12 dependencies and no people yet."""
    store = Store(_copy(_template_stores["territorial"], tmp_path))
    yield store
    store.close()


@pytest.fixture
def demo_store(_template_stores, tmp_path) -> Store:
    store = Store(_copy(_template_stores["demo"], tmp_path))
    yield store
    store.close()


@pytest.fixture
def demo_store_file(_template_stores, tmp_path) -> Path:
    return _copy(_template_stores["demo"], tmp_path)
