"""Painting media (oil, watercolour, pencil, ink wash) rendered procedurally in numpy + Pillow; no torch."""
