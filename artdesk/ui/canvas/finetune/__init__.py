"""The canvas fine-tune wizard: pictures and their audit, options and the time estimate, training, the result."""
