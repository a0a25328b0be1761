"""Reusable widgets: quorum banner, signature pad, keyboard-first search box, dialogs."""
