"""Job titles and the fixed progress messages in the interface language. Code that starts a job names it in
English (the log's language), and core and ml jobs report in English; the jobs dock shows both through
``job_title`` and ``progress_text`` (a message with numbers in it stays as the job wrote it)."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

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
    QT_TRANSLATE_NOOP("JobProgress", "Projected"),
    QT_TRANSLATE_NOOP("JobProgress", "Reading the signing identity…"),
    QT_TRANSLATE_NOOP("JobProgress", "Reading the style pictures…"),
    QT_TRANSLATE_NOOP("JobProgress", "Reading your text…"),
    QT_TRANSLATE_NOOP("JobProgress", "Saving the model…"),
    QT_TRANSLATE_NOOP("JobProgress", "Upscaled"),
})


def _translated(context: str, known: frozenset[str], text: str) -> str:
    """``text`` in the interface language when it is one of the ``known`` fixed strings, else as it was written."""
    return QCoreApplication.translate(context, text) if text in known else text


def job_title(title: str) -> str:
    if title.startswith("Fine-tune ") and title not in TITLES:
        return QCoreApplication.translate("JobTitles", "Fine-tune {0}").format(title[len("Fine-tune "):])
    return _translated("JobTitles", TITLES, title)


def progress_text(message: str) -> str:
    return _translated("JobProgress", PROGRESS_MESSAGES, message)
