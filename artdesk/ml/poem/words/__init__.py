"""A word-level English poem model: lossless tokenizer, word LSTM, training, held-out bits/char, sampler."""
