"""The acta screen: the page, its dialogs, the attendance summary and the session record."""
