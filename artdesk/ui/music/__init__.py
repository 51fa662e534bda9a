"""Music panel widgets."""
