"""The gallery panel: every kept output, searchable, rateable, reopenable."""
