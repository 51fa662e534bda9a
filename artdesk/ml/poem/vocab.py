"""Character vocabulary of a poem model: special tokens, form tags, then characters (no torch).

A training sequence is ``<bos> <form> keyword-chars <sep> body <eos>``; Chinese bodies are lines
ending in ``，``/``。``, English bodies are lines ending in ``\\n``.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

PAD, BOS, EOS, SEP, UNK = "<pad>", "<bos>", "<eos>", "<sep>", "<unk>"
SPECIALS = (PAD, BOS, EOS, SEP, UNK)


@dataclass
class Vocab:
    """Maps tokens (specials, form tags such as ``<7j>``, single characters) to ids."""

    tokens: list[str]
    index: dict[str, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.index = {token: i for i, token in enumerate(self.tokens)}

    @classmethod
    def build(cls, tags: list[str], chars: list[str]) -> "Vocab":
        return cls([*SPECIALS, *tags, *chars])

    def __len__(self) -> int:
        return len(self.tokens)

    def __contains__(self, token: str) -> bool:
        return token in self.index

    def id(self, token: str) -> int:
        return self.index.get(token, self.index[UNK])

    def encode(self, text: str) -> list[int]:
        """Character ids of ``text`` (unknown characters become ``<unk>``)."""
        unk = self.index[UNK]
        return [self.index.get(ch, unk) for ch in text]

    def decode(self, ids) -> str:
        return "".join(self.tokens[i] if len(self.tokens[i]) == 1 else "" for i in ids)

    def unknown_chars(self, text: str) -> list[str]:
        return sorted({ch for ch in text if ch not in self.index})

    @property
    def tags(self) -> list[str]:
        return [t for t in self.tokens if t.startswith("<") and t.endswith(">") and t not in SPECIALS]

    @property
    def char_ids(self) -> list[int]:
        return [i for i, t in enumerate(self.tokens) if len(t) == 1]

    def prefix(self, form_tag: str, keywords: str) -> list[int]:
        """The conditioning prefix: ``<bos> <form> keywords <sep>`` (unknown keyword characters dropped)."""
        kw = [self.index[ch] for ch in keywords if ch in self.index]
        return [self.index[BOS], self.index[form_tag], *kw, self.index[SEP]]

    def to_json(self) -> bytes:
        return json.dumps({"tokens": self.tokens}, ensure_ascii=False).encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes | str) -> "Vocab":
        tokens = json.loads(data)["tokens"]
        if not isinstance(tokens, list) or tokens[: len(SPECIALS)] != list(SPECIALS):
            raise ValueError("not a poem vocabulary")
        return cls(tokens)
