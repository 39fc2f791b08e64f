"""Dialogs that ask for input and hand it to a service; errors stay inside the dialog."""
