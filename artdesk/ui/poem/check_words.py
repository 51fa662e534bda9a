"""A poem's check in the interface language. The checker (``ml.poem.checker``, no Qt) writes its findings in
English, as the command line shows them; the Poem panel says them again through ``check_summary`` and
``issue_text``: each finding is matched whole by ``ISSUE_PATTERNS`` and said with the matched parts as {0}, {1}…
A finding no pattern matches is shown as the checker wrote it (``tests/ui/test_poem_check_words.py`` checks that
every finding the checker can write is matched)."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from artdesk.ml.poem.checker import MAX_CHECK_CHARS, CheckReport
from artdesk.ui.said_again import compile_patterns, said_again

CONTEXT = "PoemCheck"
RULE_SETS = frozenset({  # the checker's rule sets, by name (tests check these are the checker's names)
    QT_TRANSLATE_NOOP("PoemCheck", "中华新韵 (modern Mandarin tones via pypinyin)"),
    QT_TRANSLATE_NOOP("PoemCheck", "CMU Pronouncing Dictionary (spelling rules for missing words)"),
})
ISSUE_PATTERNS = (  # (the checker's English, matched whole; the words shown, with the matched groups)
    (r"(.+) needs (\d+) lines; this poem has (\d+)", QT_TRANSLATE_NOOP("PoemCheck", "{0} needs {1} lines; this poem has {2}")),
    (r"line (\d+): '(.+)' is not a Chinese character", QT_TRANSLATE_NOOP("PoemCheck", "line {0}: “{1}” is not a Chinese character")),
    (r"line (\d+) has (\d+) characters; (.+) needs (\d+)", QT_TRANSLATE_NOOP("PoemCheck", "line {0} has {1} characters; {2} needs {3}")),
    (r"line (\d+) should start with (.+)", QT_TRANSLATE_NOOP("PoemCheck", "line {0} should start with {1}")),
    (r"line (\d+): (.) is used twice in one couplet \(only a doubling such as .+ may repeat\)",
     QT_TRANSLATE_NOOP("PoemCheck", "line {0}: {1} is used twice in one couplet (only a doubling such as {1}{1} may repeat)")),
    (r"line (\d+): (.) \((.+)\) does not rhyme with group (.+)",
     QT_TRANSLATE_NOOP("PoemCheck", "line {0}: {1} ({2}) does not rhyme with group {3}")),
    (r"line (\d+): the rhyme (.) should be level \(平\)", QT_TRANSLATE_NOOP("PoemCheck", "line {0}: the rhyme {1} should be level (平)")),
    (r"line (\d+): the rhyme (.) was already used in line (\d+)",
     QT_TRANSLATE_NOOP("PoemCheck", "line {0}: the rhyme {1} was already used in line {2}")),
    (r"line (\d+): the rhyme (.) sounds like (.), already used in line (\d+)",
     QT_TRANSLATE_NOOP("PoemCheck", "line {0}: the rhyme {1} sounds like {2}, already used in line {3}")),
    (r"line (\d+): (.) is (.), the pattern needs (.)", QT_TRANSLATE_NOOP("PoemCheck", "line {0}: {1} is {2}, the pattern needs {3}")),
    (r"'(.+)' is not in the CMU dictionary \(syllables guessed\)",
     QT_TRANSLATE_NOOP("PoemCheck", "“{0}” is not in the pronouncing dictionary (its syllables are guessed)")),
    (r"line (\d+) has characters outside English text", QT_TRANSLATE_NOOP("PoemCheck", "line {0} has characters outside English text")),
    (r"line (\d+) has (\d+) syllables; (.+) needs (\d+)", QT_TRANSLATE_NOOP("PoemCheck", "line {0} has {1} syllables; {2} needs {3}")),
    (r"line (\d+): '(.*)' sounds the same as '(.+)' \(an identical rhyme does not count\)",
     QT_TRANSLATE_NOOP("PoemCheck", "line {0}: “{1}” sounds the same as “{2}” (an identical rhyme does not count)")),
    (r"line (\d+): '\(no word\)' does not rhyme with '(.+)'", QT_TRANSLATE_NOOP("PoemCheck", "line {0} has no word to rhyme with “{1}”")),
    (r"line (\d+): '(.*)' does not rhyme with '(.+)'", QT_TRANSLATE_NOOP("PoemCheck", "line {0}: “{1}” does not rhyme with “{2}”")),
)
COPY_PATTERNS = (  # why the copy check could not answer (ml.poem.copyindex), as the check view shows it
    (r"This poem has no lines to check\.", QT_TRANSLATE_NOOP("PoemCheck", "This poem has no lines to check.")),
    (r"This poem is not in the language of the model's training poems, so it cannot be compared\.",
     QT_TRANSLATE_NOOP("PoemCheck", "This poem is in another language than the model's training poems, so it cannot be compared.")),
    (r"The poem model (.+) has no originality index \((.+)\)\.",
     QT_TRANSLATE_NOOP("PoemCheck", "The poem model {0} has no originality index ({1}).")),
)
_COMPILED = compile_patterns(ISSUE_PATTERNS)
_COPY_COMPILED = compile_patterns(COPY_PATTERNS)


def issue_text(message: str) -> str:
    """One finding of the checker in the interface language (as written when no pattern matches it)."""
    return said_again(CONTEXT, _COMPILED, message) or message


def copy_problem_text(message: str) -> str:
    """Why the copy check could not answer, in the interface language (as written when no pattern matches it)."""
    return said_again(CONTEXT, _COPY_COMPILED, message) or message


def check_summary(report: CheckReport) -> str:
    """The check's summary line: lines, rhyme, rules, then what breaks the form (at most six findings)."""
    rules = QCoreApplication.translate(CONTEXT, report.rule_set) if report.rule_set in RULE_SETS else report.rule_set
    text = QCoreApplication.translate("PoemCheck", "{0} lines, rhyme {1}; rules: {2}.").format(len(report.lines), report.scheme or "-", rules)
    if report.truncated:
        text += QCoreApplication.translate("PoemCheck", " Only the first {0} characters were checked.").format(f"{MAX_CHECK_CHARS:,}")
    errors = report.errors
    if not errors:
        return text + QCoreApplication.translate("PoemCheck", " Nothing breaks the form.")
    said = (QCoreApplication.translate("PoemCheck", " 1 thing breaks the form: ") if len(errors) == 1
            else QCoreApplication.translate("PoemCheck", " {0} things break the form: ").format(len(errors)))
    return text + said + QCoreApplication.translate("PoemCheck", "; ").join(issue_text(issue.message) for issue in errors[:6]) + (
        " …" if len(errors) > 6 else "")
