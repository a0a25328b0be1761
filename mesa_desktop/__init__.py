"""Mesa Desktop core: the store, the rules and the services, free of any UI toolkit."""

__version__ = "0.1.0"
