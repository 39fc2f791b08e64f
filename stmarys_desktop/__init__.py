"""St Mary's Contact Centre desktop application."""

__version__ = "0.1.0"
