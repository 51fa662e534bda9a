"""Canvas panel widgets."""
