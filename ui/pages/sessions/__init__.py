"""The sessions screen: the page, the session dialog, and the plain values they share."""
