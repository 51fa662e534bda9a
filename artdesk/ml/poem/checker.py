"""The poem checker: per-character tones and rhyme for Chinese (中华新韵), syllables and rhyme
scheme for English (CMU dictionary); violations carry character offsets into the checked text.

Works on any text: typed, pasted or generated. Very long input is cut to ``MAX_CHECK_CHARS``
(the report says so); characters outside the script are reported, never fatal. No torch.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from artdesk.ml.poem import chinese, english
from artdesk.ml.poem.forms import Form

MAX_CHECK_CHARS = 20_000
ZH_BREAK = "，。？！；,.?!;"


@dataclass(frozen=True)
class Issue:
    line: int  # line index (-1: the whole poem)
    start: int  # character offset in the checked text
    end: int
    kind: str  # "length", "tone", "rhyme", "repeat", "acrostic", "lines", "syllables", "script", "unknown-word"
    message: str
    severity: str = "error"  # "error" breaks the form; "note" is information


@dataclass
class CheckedLine:
    text: str
    start: int  # offset of the line in the checked text
    mark: str  # tones (Chinese) or syllable count (English)
    rhyme: str  # rhyme group (Chinese) or rhyme letter (English)


@dataclass
class CheckReport:
    language: str
    rule_set: str
    lines: list[CheckedLine] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    scheme: str = ""
    truncated: bool = False

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def ok(self) -> bool:
        return not self.errors


def detect_language(text: str) -> str:
    hanzi = sum(chinese.is_hanzi(ch) for ch in text[:2000])
    latin = sum(ch.isascii() and ch.isalpha() for ch in text[:2000])
    return "zh" if hanzi >= latin else "en"


def split_lines(text: str, language: str) -> list[tuple[int, str]]:
    """(offset, line) pairs: Chinese lines end at a newline or a 句 mark (the mark stays with its line)."""
    pattern = r"[^\n" + ZH_BREAK + r"]+[" + ZH_BREAK + r"]?" if language == "zh" else r"[^\n]+"
    out = []
    for match in re.finditer(pattern, text):
        raw = match.group()
        stripped = raw.strip()
        if stripped and not all(ch in ZH_BREAK for ch in stripped):
            out.append((match.start() + raw.index(stripped), stripped))
    return out


def check_poem(text: str, language: str | None = None, form: Form | None = None, heads: str = "") -> CheckReport:
    """Check ``text`` against ``form`` (None: annotate only); ``heads`` are the acrostic's first characters/letters
    (as the generators read them: spaces left out, and in English anything but letters: "Max Zoe" is MAXZOE)."""
    text = text or ""
    truncated = len(text) > MAX_CHECK_CHARS
    text = text[:MAX_CHECK_CHARS]
    language = language or detect_language(text)
    if language == "zh":
        report = _check_zh(text, form, re.sub(r"\s+", "", heads))
    else:
        report = _check_en(text, form, re.sub(r"[^A-Za-z]", "", heads))
    report.truncated = truncated
    return report


def _line_count_issue(form: Form | None, lines, heads: str, language: str) -> Issue | None:
    if form is None:
        return None
    expected = len(heads) if form.acrostic and heads else form.lines
    if expected is None or len(lines) == expected:
        return None
    if form.scheme == "AA" and len(lines) % 2 == 0 and len(lines) > 0:
        return None
    return Issue(-1, 0, 0, "lines", f"{form.label} needs {expected} lines; this poem has {len(lines)}")


def _check_zh(text: str, form: Form | None, heads: str) -> CheckReport:
    report = CheckReport("zh", chinese.RULE_SET)
    lines = split_lines(text, "zh")
    issue = _line_count_issue(form, lines, heads, "zh")
    if issue:
        report.issues.append(issue)
    bodies = []
    for index, (offset, line) in enumerate(lines):
        body = line.rstrip(ZH_BREAK)
        bodies.append(body)
        for pos, ch in enumerate(body):
            if not chinese.is_hanzi(ch) and not ch.isspace():
                report.issues.append(Issue(index, offset + pos, offset + pos + 1, "script",
                                           f"line {index + 1}: {ch!r} is not a Chinese character"))
        tones = "".join(chinese.tone(ch) or "·" for ch in body)
        group = chinese.rhyme_group(body[-1]) if body else None
        report.lines.append(CheckedLine(line, offset, tones, group or ""))
        if form is not None and form.chars and len(body) != form.chars:
            report.issues.append(Issue(index, offset, offset + len(body), "length",
                                       f"line {index + 1} has {len(body)} characters; {form.label} needs {form.chars}"))
        if form is not None and form.acrostic and index < len(heads) and (not body or body[0] != heads[index]):
            report.issues.append(Issue(index, offset, offset + 1, "acrostic", f"line {index + 1} should start with {heads[index]}"))
    for index, pos, ch in chinese.couplet_repeats(bodies):
        start = lines[index][0] + pos
        report.issues.append(Issue(index, start, start + 1, "repeat",
                                   f"line {index + 1}: {ch} is used twice in one couplet (only a doubling such as {ch}{ch} may repeat)"))
    if form is None or not form.scheme or not lines:
        report.scheme = "".join(chinese.rhyme_group(b[-1]) or "·" for b in bodies if b)
        return report
    scheme = form.scheme_for(len(lines))
    anchor_group = None
    for index, body in enumerate(bodies):
        if scheme[index] == "x" or not body:
            continue
        offset = lines[index][0] + len(body) - 1
        group = chinese.rhyme_group(body[-1])
        if anchor_group is None:
            anchor_group = group
        elif group != anchor_group:
            report.issues.append(Issue(index, offset, offset + 1, "rhyme",
                                       f"line {index + 1}: {body[-1]} ({group or '?'}) does not rhyme with group {anchor_group}"))
        if chinese.tone(body[-1]) != chinese.LEVEL:
            report.issues.append(Issue(index, offset, offset + 1, "rhyme", f"line {index + 1}: the rhyme {body[-1]} should be level (平)"))
    report.scheme = anchor_group or ""
    rhymed: dict[tuple, int] = {}
    for index, body in enumerate(bodies):  # a rhyme sound once per poem (a rhyming first line included)
        if not body or chinese.rhyme_group(body[-1]) != anchor_group:
            continue
        sound = (chinese.reading(body[-1]) or ("", body[-1]))[:2]
        if sound in rhymed:
            earlier = rhymed[sound]
            offset = lines[index][0] + len(body) - 1
            what = "was already used" if bodies[earlier][-1] == body[-1] else f"sounds like {bodies[earlier][-1]}, already used"
            report.issues.append(Issue(index, offset, offset + 1, "rhyme",
                                       f"line {index + 1}: the rhyme {body[-1]} {what} in line {earlier + 1}"))
        rhymed.setdefault(sound, index)
    if form.tones and form.chars and bodies and len(bodies[0]) > 1:
        needs = chinese.required_tones(form.chars, len(bodies), chinese.tone(bodies[0][1]) or chinese.LEVEL)
        for index, body in enumerate(bodies):
            for pos, need in needs[index].items():
                if pos >= len(body) or (pos == len(body) - 1 and scheme[index] != "x"):
                    continue  # rhyme positions were checked above
                have = chinese.tone(body[pos])
                if have is not None and have != need:
                    start = lines[index][0] + pos
                    report.issues.append(Issue(index, start, start + 1, "tone",
                                               f"line {index + 1}: {body[pos]} is {have}, the pattern needs {need}"))
    return report


def _check_en(text: str, form: Form | None, heads: str) -> CheckReport:
    report = CheckReport("en", "CMU Pronouncing Dictionary (spelling rules for missing words)")
    lines = split_lines(text, "en")
    issue = _line_count_issue(form, lines, heads, "en")
    if issue:
        report.issues.append(issue)
    letters: list[str] = []
    last_words: list[str] = []
    for index, (offset, line) in enumerate(lines):
        count = english.line_syllables(line)
        word = english.last_word(line)
        letter = ""
        for previous, previous_word in enumerate(last_words):
            if english.rhymes(word, previous_word):
                letter = letters[previous]
                break
        if not letter:
            letter = chr(ord("A") + len(set(letters))) if len(set(letters)) < 26 else "?"
        letters.append(letter)
        last_words.append(word)
        report.lines.append(CheckedLine(line, offset, str(count), letter))
        for match in english.WORD.finditer(line):
            if not english.in_dictionary(match.group()):
                report.issues.append(Issue(index, offset + match.start(), offset + match.end(), "unknown-word",
                                           f"{match.group()!r} is not in the CMU dictionary (syllables guessed)", "note"))
        if any(not ch.isascii() for ch in line):
            report.issues.append(Issue(index, offset, offset + len(line), "script",
                                       f"line {index + 1} has characters outside English text", "note"))
        if form is not None and form.syllables:
            need = form.syllables[index % len(form.syllables)]
            if count != need:
                report.issues.append(Issue(index, offset, offset + len(line), "syllables",
                                           f"line {index + 1} has {count} syllables; {form.label} needs {need}"))
        if form is not None and form.acrostic and index < len(heads):
            first = line.lstrip()[:1]
            if first.upper() != heads[index].upper():
                report.issues.append(Issue(index, offset, offset + 1, "acrostic", f"line {index + 1} should start with {heads[index].upper()}"))
    report.scheme = "".join(letters)
    if form is not None and form.scheme:
        scheme = form.scheme_for(len(lines))
        first_of: dict[str, int] = {}
        for index, letter in enumerate(scheme):
            if letter == "x":
                continue
            if letter not in first_of:
                first_of[letter] = index
                continue
            anchor = last_words[first_of[letter]]
            if not english.rhymes(last_words[index], anchor):
                offset, line = lines[index]
                word = last_words[index]
                start = offset + line.lower().rfind(word) if word else offset
                why = (f"sounds the same as {anchor!r} (an identical rhyme does not count)"
                       if word and english.identical_rhyme(word, anchor) else f"does not rhyme with {anchor!r}")
                report.issues.append(Issue(index, start, start + max(1, len(word)), "rhyme",
                                           f"line {index + 1}: {word or '(no word)'!r} {why}"))
    return report
