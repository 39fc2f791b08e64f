"""The screens of the signed-in window, one module each."""
