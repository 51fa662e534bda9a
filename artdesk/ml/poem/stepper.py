"""Token-by-token steps of a poem LSTM with a full softmax head, in NumPy float32.

Sampling feeds one character at a time; at batch 1 each torch call costs more in dispatch than in arithmetic.
This stepper does the same float32 arithmetic as ``PoemRNN`` in NumPy, with the first layer's input
projection (embedding times input weights plus both biases) tabulated per token, so a step is three matrix
products. On the shared 2-core machine, for the English 2x384 LSTM with one BLAS thread: 0.13-0.16 ms a step
against 0.19 ms for the int8 quantized torch copy and 0.18 ms for a hand-written torch step (1,000 steps),
agreeing with the float32 model to 4e-6 in the logits (the int8 copy is further off). Batches (scoring many words at once) go
to the int8 copy, which does a 48-row step in 0.96 ms against NumPy's 2.3 ms. The interface is the model's: ``ids``
(batch, time) and the torch LSTM state ``(h, c)``, each (layers, batch, hidden), in and out.
"""
from __future__ import annotations

import numpy as np
import torch


def lstm_cell(gates: np.ndarray, c: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """An LSTM cell's new ``(h, c)`` from its pre-activation ``gates`` (batch, 4 * size: input, forget, cell,
    output, torch's order) and the previous cell state ``c``."""
    sig = 0.5 * np.tanh(0.5 * gates) + 0.5
    c = sig[:, size:2 * size] * c + sig[:, :size] * np.tanh(gates[:, 2 * size:3 * size])
    return sig[:, 3 * size:] * np.tanh(c), c


class NumpyLSTMStepper:
    """Callable like ``PoemRNN`` in eval mode: ``stepper(ids, state) -> (logits (batch, time, vocab), state)``."""

    def __init__(self, model, batched) -> None:
        self.batched = batched  # steps batches of more than one row (BLAS in one thread loses to int8 there)
        rnn, layers = model.rnn, model.config.layers
        self.hidden = model.config.hidden
        self.layers = layers
        with torch.no_grad():
            first = model.embed.weight @ rnn.weight_ih_l0.T + rnn.bias_ih_l0 + rnn.bias_hh_l0
            self.table = first.float().numpy().copy()
            self.recurrent0 = rnn.weight_hh_l0.T.float().numpy().copy()
            self.upper = [(torch.cat([getattr(rnn, f"weight_ih_l{k}"), getattr(rnn, f"weight_hh_l{k}")], 1).T.float().numpy().copy(),
                           (getattr(rnn, f"bias_ih_l{k}") + getattr(rnn, f"bias_hh_l{k}")).float().numpy().copy())
                          for k in range(1, layers)]
            self.head_weight = model.head.weight.T.float().numpy().copy()
            self.head_bias = model.head.bias.float().numpy().copy()

    @staticmethod
    def fits(model) -> bool:
        """True for an LSTM with a full softmax head (the adaptive head and the GRU keep the torch stepper)."""
        return model.config.cell == "lstm" and model.config.head == "full"

    def step(self, tokens: np.ndarray, h: list[np.ndarray], c: list[np.ndarray]) -> np.ndarray:
        """One step for a batch of ``tokens``; updates ``h`` and ``c`` (per layer, (batch, hidden)) in place of
        the lists' items and returns the logits (batch, vocab)."""
        size = self.hidden
        below = None
        for layer in range(self.layers):
            if layer == 0:
                gates = self.table[tokens] + h[0] @ self.recurrent0
            else:
                weight, bias = self.upper[layer - 1]
                gates = np.concatenate([below, h[layer]], 1) @ weight + bias
            h[layer], c[layer] = lstm_cell(gates, c[layer], size)
            below = h[layer]
        return below @ self.head_weight + self.head_bias

    def __call__(self, ids: torch.Tensor, state=None):
        batch, steps = ids.shape
        if batch > 1:
            return self.batched(ids, state)
        if state is None:
            zeros = np.zeros((batch, self.hidden), dtype=np.float32)
            h, c = [zeros] * self.layers, [zeros] * self.layers
        else:
            h = list(state[0].detach().numpy())
            c = list(state[1].detach().numpy())
        tokens = ids.numpy()
        out = np.empty((batch, steps, len(self.head_bias)), dtype=np.float32)
        for t in range(steps):
            out[:, t] = self.step(tokens[:, t], h, c)
        return torch.from_numpy(out), (torch.from_numpy(np.stack(h)), torch.from_numpy(np.stack(c)))
