"""Bundled data files (policy texts, icons, style sheet); read through stmarys_desktop.paths."""
