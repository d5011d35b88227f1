"""Officials' pages of document work."""
