"""Consolidación nacional (the ministry's side), one module per part:

* ``page``: ``MinistryPage``, the screen (import with progress and cancel, the tabs);
* ``model``: the national view as a Qt table model and its filter;
* ``dialogs``: the questions and file choosers tests replace.

What the page reads and does (quarantine records, the import runner, the summary wording, the
store's role) is core: ``mesa_desktop.operations.ministry``.
"""
