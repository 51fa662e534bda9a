"""Job titles and progress messages in the interface language and in plain words. Code that starts a job names
it in English (the log's language), and core and ml jobs report in English, some with technical numbers (a
loss, a distance); the jobs dock and the panels show both through ``job_title`` and ``progress_text``: a fixed
message is translated, a message with counts is matched by ``PATTERNS`` and said again without the technical
numbers, anything else stays as the job wrote it."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from artdesk.ui.said_again import compile_patterns, said_again

TITLES = frozenset({  # each marked for lupdate; translated only when shown
    QT_TRANSLATE_NOOP("JobTitles", "Generate pictures"),
    QT_TRANSLATE_NOOP("JobTitles", "Vary a picture"),
    QT_TRANSLATE_NOOP("JobTitles", "Slide along a direction"),
    QT_TRANSLATE_NOOP("JobTitles", "Blend between two pictures"),
    QT_TRANSLATE_NOOP("JobTitles", "Breed pictures"),
    QT_TRANSLATE_NOOP("JobTitles", "Find pictures like the drawing"),
    QT_TRANSLATE_NOOP("JobTitles", "Upscale a picture"),
    QT_TRANSLATE_NOOP("JobTitles", "Generate again"),
    QT_TRANSLATE_NOOP("JobTitles", "Check pictures"),
    QT_TRANSLATE_NOOP("JobTitles", "Preview pictures"),
    QT_TRANSLATE_NOOP("JobTitles", "Estimate fine-tune time"),
    QT_TRANSLATE_NOOP("JobTitles", "Look for unfinished fine-tunes"),
    QT_TRANSLATE_NOOP("JobTitles", "Model snapshots"),
})

PROGRESS_MESSAGES = frozenset({  # each marked for lupdate; translated only when shown
    QT_TRANSLATE_NOOP("JobProgress", "Adding Content Credentials…"),
    QT_TRANSLATE_NOOP("JobProgress", "Calibrating on held-out pictures…"),
    QT_TRANSLATE_NOOP("JobProgress", "Checked"),
    QT_TRANSLATE_NOOP("JobProgress", "Checking the certificate…"),
    QT_TRANSLATE_NOOP("JobProgress", "Checking the gallery against its files…"),
    QT_TRANSLATE_NOOP("JobProgress", "Checking…"),
    QT_TRANSLATE_NOOP("JobProgress", "Done"),
    QT_TRANSLATE_NOOP("JobProgress", "Finding a start…"),
    QT_TRANSLATE_NOOP("JobProgress", "Finding the main directions…"),
    QT_TRANSLATE_NOOP("JobProgress", "Getting the models ready…"),
    QT_TRANSLATE_NOOP("JobProgress", "Imported"),
    QT_TRANSLATE_NOOP("JobProgress", "Indexing your pictures for Check originality…"),
    QT_TRANSLATE_NOOP("JobProgress", "Loading the base model…"),
    QT_TRANSLATE_NOOP("JobProgress", "Loading the model…"),
    QT_TRANSLATE_NOOP("JobProgress", "Loading the poem model…"),
    QT_TRANSLATE_NOOP("JobProgress", "Loading the style…"),
    QT_TRANSLATE_NOOP("JobProgress", "Measuring the fine-tuned model beside the base model…"),
    QT_TRANSLATE_NOOP("JobProgress", "Measuring the style…"),
    QT_TRANSLATE_NOOP("JobProgress", "Models ready"),
    QT_TRANSLATE_NOOP("JobProgress", "Preparing a measurement…"),
    QT_TRANSLATE_NOOP("JobProgress", "Reading the signing identity…"),
    QT_TRANSLATE_NOOP("JobProgress", "Reading the style pictures…"),
    QT_TRANSLATE_NOOP("JobProgress", "Reading your text…"),
    QT_TRANSLATE_NOOP("JobProgress", "Saving the model…"),
    QT_TRANSLATE_NOOP("JobProgress", "Upscaled"),
    QT_TRANSLATE_NOOP("JobProgress", "Composing…"),
    QT_TRANSLATE_NOOP("JobProgress", "Continuing…"),
    QT_TRANSLATE_NOOP("JobProgress", "Varying…"),
})

NUMBER = r"[-+0-9.e]+"
PATTERNS = (  # (the job's English, matched whole; what the person reads, with the matched groups as {0}, {1}…)
    (r"Generating (\d+)-(\d+) of (\d+)", QT_TRANSLATE_NOOP("JobProgress", "Drawing pictures {0}-{1} of {2}")),
    (r"Varying (\d+)-(\d+) of (\d+)", QT_TRANSLATE_NOOP("JobProgress", "Varying pictures {0}-{1} of {2}")),
    (r"Walking (\d+)-(\d+) of (\d+)", QT_TRANSLATE_NOOP("JobProgress", "Blending pictures {0}-{1} of {2}")),
    (r"Walking (\d+) of (\d+)", QT_TRANSLATE_NOOP("JobProgress", "Blending {0} of {1}")),
    (r"Breeding (\d+)-(\d+) of (\d+)", QT_TRANSLATE_NOOP("JobProgress", "Breeding pictures {0}-{1} of {2}")),
    (r"Exploring (\d+)-(\d+) of (\d+)", QT_TRANSLATE_NOOP("JobProgress", "Sliding pictures {0}-{1} of {2}")),
    (r"(?:Generating|Varying|Walking|Breeding|Exploring): done", QT_TRANSLATE_NOOP("JobProgress", "Done")),
    (rf"Projecting: step (\d+) of (\d+), distance {NUMBER}",
     QT_TRANSLATE_NOOP("JobProgress", "Finding the nearest picture ({0} of {1})…")),
    (r"Projected", QT_TRANSLATE_NOOP("JobProgress", "Found the nearest picture")),
    (r"Interpolating…", QT_TRANSLATE_NOOP("JobProgress", "Morphing…")),
    (r"Preparing .+…", QT_TRANSLATE_NOOP("JobProgress", "Preparing the paints…")),
    (r"Painting strokes \((\d+) of (\d+)\)…", QT_TRANSLATE_NOOP("JobProgress", "Painting strokes ({0} of {1})…")),
    (rf"Painting: step (\d+)/(\d+), style distance {NUMBER}",
     QT_TRANSLATE_NOOP("JobProgress", "Painting, round {0} of {1}…")),
    (r"Painting in (.+)…", QT_TRANSLATE_NOOP("JobProgress", "Painting in {0}…")),
    (r"(.+): step (\d+)/(\d+), style .*", QT_TRANSLATE_NOOP("JobProgress", "{0}: learning, round {1} of {2}")),
    (r"(.+): measuring held-out metrics…", QT_TRANSLATE_NOOP("JobProgress", "{0}: checking what it learned…")),
    (r"(.+): saved", QT_TRANSLATE_NOOP("JobProgress", "{0}: saved")),
    (r"update (\d+): .*", QT_TRANSLATE_NOOP("JobProgress", "Learning, round {0}…")),
    (r"Resumed at update (\d+)", QT_TRANSLATE_NOOP("JobProgress", "Went on from round {0}")),
    (r"Reading (.+)", QT_TRANSLATE_NOOP("JobProgress", "Reading {0}")),
    (r"draft (\d+) of (\d+)", QT_TRANSLATE_NOOP("JobProgress", "Writing draft {0} of {1}")),
)
_COMPILED = compile_patterns(PATTERNS)


def _translated(context: str, known: frozenset[str], text: str) -> str:
    """``text`` in the interface language when it is one of the ``known`` fixed strings, else as it was written."""
    return QCoreApplication.translate(context, text) if text in known else text


def job_title(title: str) -> str:
    if title.startswith("Fine-tune ") and title not in TITLES:
        return QCoreApplication.translate("JobTitles", "Fine-tune {0}").format(title[len("Fine-tune "):])
    return _translated("JobTitles", TITLES, title)


def progress_text(message: str) -> str:
    """A job's progress message for the person: translated, its technical numbers left out."""
    if message in PROGRESS_MESSAGES:
        return QCoreApplication.translate("JobProgress", message)
    return said_again("JobProgress", _COMPILED, message) or message
