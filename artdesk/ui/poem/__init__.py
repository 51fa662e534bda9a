"""Widgets of the Poem panel."""
