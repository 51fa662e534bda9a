"""A lossless word tokenizer for the English poems as the character model sees them (no torch).

A poem ``<bos> <form> keywords <sep> body <eos>`` becomes word-level tokens:

- a word (letters, inner apostrophes: ``o'er``) is its lower-case form, preceded by ``<cap>`` (first
  letter upper) or ``<upper>`` (all upper); a word outside the vocabulary is spelled,
  ``<spell> c h a r s <end>``, and a word of mixed case is spelled as written;
- every other character is its own token (``,`` ``.`` ``"`` ...), a newline is ``<nl>``, a character the
  character vocabulary did not know (``<unk>`` in its stream) is ``<unk>``;
- spaces are implied: between two units the usual gap (measured on the training text per pair of unit
  classes, e.g. none before a comma, one between words) is left out; ``<nosp>`` marks no space where one
  is usual and each ``<sp>`` one space where the usual gap is not taken.

``decode(encode(text)) == text`` for any text of spaces, newlines and known characters; a character
outside the vocabulary (a tab, say) is refused with ValueError (the prepared poems hold none).
"""
from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field

PAD, BOS, EOS, SEP, NL, CAP, UPPER, SP, NOSP, SPELL, END, UNK = (
    "<pad>", "<bos>", "<eos>", "<sep>", "<nl>", "<cap>", "<upper>", "<sp>", "<nosp>", "<spell>", "<end>", "<unk>")
SPECIALS = (PAD, BOS, EOS, SEP, NL, CAP, UPPER, SP, NOSP, SPELL, END, UNK)
UNIT = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)*|[^ \n]")
WORDLIKE = re.compile(r"[A-Za-z]")
UNK_CHAR = "\x00"  # stands for the character stream's <unk> inside decoded text
LINE_START = "^"
WORD_CLASS = "W"


def unit_class(unit: str) -> str:
    """``W`` for a word, else the character itself (the key of the gap table)."""
    return WORD_CLASS if WORDLIKE.match(unit) else unit


def split_units(line: str) -> list[tuple[str, str]]:
    """(spaces before, unit) pairs of one line (no newline inside), then the trailing spaces as (spaces, "")."""
    out, at = [], 0
    for match in UNIT.finditer(line):
        out.append((line[at:match.start()], match.group()))
        at = match.end()
    out.append((line[at:], ""))
    return out


@dataclass
class WordVocab:
    """Token list (specials, form tags, characters, words by frequency) and the usual-gap table."""

    tokens: list[str]
    gaps: dict[str, str]  # "prevclass\tnextclass" -> usual gap ("" or " ")
    index: dict[str, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.index = {t: i for i, t in enumerate(self.tokens)}
        self.first_word = next((i for i, t in enumerate(self.tokens) if len(t) > 1 and not t.startswith("<")),
                               len(self.tokens))

    # ----- building -------------------------------------------------------------------------------
    @classmethod
    def build(cls, records: list[dict], tags: list[str], chars: list[str], max_words: int) -> "WordVocab":
        """Vocabulary of the ``max_words`` most frequent lower-case words of ``records`` (form, keywords, body)."""
        words, pairs = Counter(), Counter()
        for record in records:
            for line in record["body"].split("\n"):
                prev = LINE_START
                for gap, unit in split_units(line):
                    if not unit:
                        continue
                    if WORDLIKE.match(unit):
                        words[unit.lower()] += 1
                    pairs[(prev, unit_class(unit), gap)] += 1
                    prev = unit_class(unit)
        best: dict[tuple[str, str], tuple[int, str]] = {}
        for (a, b, gap), n in pairs.items():
            if n > best.get((a, b), (0, ""))[0]:
                best[(a, b)] = (n, gap)
        gaps = {f"{a}\t{b}": gap for (a, b), (_, gap) in best.items() if gap in ("", " ")}
        letters = [c for c in chars if len(c) == 1 and c not in " \n"]
        vocab = [*SPECIALS, *tags, *letters, *[w for w, _ in words.most_common(max_words) if len(w) > 1]]
        return cls(vocab, gaps)

    def __len__(self) -> int:
        return len(self.tokens)

    def __contains__(self, char: str) -> bool:
        """True for a character the tokenizer can write (spaces and newlines are implied, so always)."""
        return char in (" ", "\n") or (len(char) == 1 and char in self.index)

    def unknown_chars(self, text: str) -> list[str]:
        """The characters of ``text`` the tokenizer cannot write, sorted."""
        return sorted({ch for ch in text if ch not in self})

    def to_json(self) -> bytes:
        return json.dumps({"tokens": self.tokens, "gaps": self.gaps}, ensure_ascii=False).encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes | str) -> "WordVocab":
        raw = json.loads(data)
        if not isinstance(raw.get("tokens"), list) or raw["tokens"][: len(SPECIALS)] != list(SPECIALS):
            raise ValueError("not a word-poem vocabulary")
        return cls(raw["tokens"], dict(raw.get("gaps", {})))

    # ----- encoding -------------------------------------------------------------------------------
    def usual_gap(self, prev: str, unit: str) -> str:
        cls = unit_class(unit)
        default = " " if cls == WORD_CLASS and prev != LINE_START else ""
        return self.gaps.get(f"{prev}\t{cls}", default)

    def is_word_token(self, token_id: int) -> bool:
        return token_id >= self.first_word

    def _word(self, unit: str) -> list[int]:
        lower = unit.lower()
        if unit == lower:
            case = []
        elif unit == lower[0].upper() + lower[1:]:
            case = [self.index[CAP]]
        elif unit == unit.upper():
            case = [self.index[UPPER]]
        else:
            return [self.index[SPELL], *(self.index[c] for c in unit), self.index[END]]
        if lower in self.index and (len(lower) == 1 or self.index[lower] >= self.first_word):
            return case + [self.index[lower]]
        return case + [self.index[SPELL], *(self.index[c] for c in lower), self.index[END]]

    def _unit(self, unit: str) -> list[int]:
        if WORDLIKE.match(unit):
            return self._word(unit)
        if unit == UNK_CHAR:
            return [self.index[UNK]]
        if unit not in self.index:
            raise ValueError(f"the character {unit!r} is not in the vocabulary")
        return [self.index[unit]]

    def encode_line(self, line: str) -> list[int]:
        ids, prev = [], LINE_START
        for gap, unit in split_units(line):
            usual = self.usual_gap(prev, unit) if unit else ""
            if gap != usual:
                ids += [self.index[NOSP]] if gap == "" else [self.index[SP]] * len(gap)
            if unit:
                ids += self._unit(unit)
                prev = unit_class(unit)
        return ids

    def encode_body(self, body: str) -> list[int]:
        """Tokens of a poem body (lines joined by newlines)."""
        ids: list[int] = []
        for number, line in enumerate(body.split("\n")):
            if number:
                ids.append(self.index[NL])
            ids += self.encode_line(line)
        return ids

    def encode_record(self, form: str, keywords: str, body: str) -> tuple[list[int], int]:
        """``<bos> <form> keywords <sep> body <eos>`` and the index of the first scored token (after ``<sep>``)."""
        prefix = [self.index[BOS], self.index[form], *self.encode_line(keywords), self.index[SEP]]
        return prefix + self.encode_body(body) + [self.index[EOS]], len(prefix)

    # ----- decoding -------------------------------------------------------------------------------
    def decode_body(self, ids) -> str:
        """The text of body tokens (stops at ``<eos>``; specials that carry no text are skipped)."""
        out: list[str] = []
        prev, spaces, nosp, case, spelling = LINE_START, 0, False, None, None
        for token_id in ids:
            token = self.tokens[int(token_id)]
            if token == EOS:
                break
            if spelling is not None:
                if token == END:
                    unit, spelling = "".join(spelling), None
                elif len(token) == 1:
                    spelling.append(token)
                    continue
                else:
                    continue
            elif token == SPELL:
                spelling = []
                continue
            elif token == NL:
                out.append(" " * spaces + "\n")
                prev, spaces, nosp, case = LINE_START, 0, False, None
                continue
            elif token == SP:
                spaces += 1
                continue
            elif token == NOSP:
                nosp = True
                continue
            elif token in (CAP, UPPER):
                case = token
                continue
            elif token == UNK:
                unit = UNK_CHAR
            elif token.startswith("<") and len(token) > 1:
                continue
            else:
                unit = token
            if case == CAP:
                unit = unit[0].upper() + unit[1:]
            elif case == UPPER:
                unit = unit.upper()
            gap = "" if nosp else " " * spaces if spaces else self.usual_gap(prev, unit)
            out.append(gap + unit)
            prev, spaces, nosp, case = unit_class(unit), 0, False, None
        if spaces:
            out.append(" " * spaces)
        return "".join(out)


def records_from_char_stream(stream, char_tokens: list[str]) -> list[dict]:
    """(form, keywords, body) records of a character-model stream ``<bos> <form> kw <sep> body <eos> ...``;
    the stream's ``<unk>`` becomes ``UNK_CHAR`` in the body. Each body's scored length is ``len(body) + 1``."""
    bos, eos, sep, unk = (char_tokens.index(t) for t in ("<bos>", "<eos>", "<sep>", "<unk>"))
    records, at = [], 0
    ids = [int(i) for i in stream]
    while at < len(ids):
        if ids[at] != bos:
            raise ValueError(f"the stream does not start a poem at position {at}")
        end = ids.index(eos, at)
        split = ids.index(sep, at)
        form = char_tokens[ids[at + 1]]
        keywords = "".join(char_tokens[i] for i in ids[at + 2:split])
        body = "".join(UNK_CHAR if i == unk else char_tokens[i] for i in ids[split + 1:end])
        records.append({"form": form, "keywords": keywords, "body": body})
        at = end + 1
    return records
