"""Job titles and the fixed progress messages in the interface language. Code that starts a job names it in
English (the log's language), and core and ml jobs report in English; the jobs dock shows both through
``job_title`` and ``progress_text`` (a message with numbers in it stays as the job wrote it)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def job_title(title: str) -> str:
    titles = {  # literal calls, so lupdate finds them
        "Generate pictures": QCoreApplication.translate("JobTitles", "Generate pictures"),
        "Vary a picture": QCoreApplication.translate("JobTitles", "Vary a picture"),
        "Slide along a direction": QCoreApplication.translate("JobTitles", "Slide along a direction"),
        "Walk between two pictures": QCoreApplication.translate("JobTitles", "Walk between two pictures"),
        "Breed pictures": QCoreApplication.translate("JobTitles", "Breed pictures"),
        "Project the drawing": QCoreApplication.translate("JobTitles", "Project the drawing"),
        "Upscale a picture": QCoreApplication.translate("JobTitles", "Upscale a picture"),
        "Generate again": QCoreApplication.translate("JobTitles", "Generate again"),
        "Check pictures": QCoreApplication.translate("JobTitles", "Check pictures"),
        "Preview pictures": QCoreApplication.translate("JobTitles", "Preview pictures"),
        "Estimate fine-tune time": QCoreApplication.translate("JobTitles", "Estimate fine-tune time"),
        "Look for unfinished fine-tunes": QCoreApplication.translate("JobTitles", "Look for unfinished fine-tunes"),
        "Model snapshots": QCoreApplication.translate("JobTitles", "Model snapshots"),
    }
    if title.startswith("Fine-tune ") and title not in titles:
        return QCoreApplication.translate("JobTitles", "Fine-tune {0}").format(title[len("Fine-tune "):])
    return titles.get(title, title)


def progress_text(message: str) -> str:
    messages = {  # literal calls, so lupdate finds them
        "Adding Content Credentials…": QCoreApplication.translate("JobProgress", "Adding Content Credentials…"),
        "Calibrating on held-out pictures…": QCoreApplication.translate("JobProgress", "Calibrating on held-out pictures…"),
        "Checked": QCoreApplication.translate("JobProgress", "Checked"),
        "Checking the certificate…": QCoreApplication.translate("JobProgress", "Checking the certificate…"),
        "Checking the gallery against its files…": QCoreApplication.translate("JobProgress",
                                                                              "Checking the gallery against its files…"),
        "Checking…": QCoreApplication.translate("JobProgress", "Checking…"),
        "Done": QCoreApplication.translate("JobProgress", "Done"),
        "Finding a start…": QCoreApplication.translate("JobProgress", "Finding a start…"),
        "Finding the main directions…": QCoreApplication.translate("JobProgress", "Finding the main directions…"),
        "Getting the models ready…": QCoreApplication.translate("JobProgress", "Getting the models ready…"),
        "Imported": QCoreApplication.translate("JobProgress", "Imported"),
        "Indexing your pictures for Check originality…": QCoreApplication.translate(
            "JobProgress", "Indexing your pictures for Check originality…"),
        "Loading the base model…": QCoreApplication.translate("JobProgress", "Loading the base model…"),
        "Loading the model…": QCoreApplication.translate("JobProgress", "Loading the model…"),
        "Loading the poem model…": QCoreApplication.translate("JobProgress", "Loading the poem model…"),
        "Loading the style…": QCoreApplication.translate("JobProgress", "Loading the style…"),
        "Measuring the fine-tuned model beside the base model…": QCoreApplication.translate(
            "JobProgress", "Measuring the fine-tuned model beside the base model…"),
        "Measuring the style…": QCoreApplication.translate("JobProgress", "Measuring the style…"),
        "Models ready": QCoreApplication.translate("JobProgress", "Models ready"),
        "Preparing a measurement…": QCoreApplication.translate("JobProgress", "Preparing a measurement…"),
        "Projected": QCoreApplication.translate("JobProgress", "Projected"),
        "Reading the signing identity…": QCoreApplication.translate("JobProgress", "Reading the signing identity…"),
        "Reading the style pictures…": QCoreApplication.translate("JobProgress", "Reading the style pictures…"),
        "Reading your text…": QCoreApplication.translate("JobProgress", "Reading your text…"),
        "Saving the model…": QCoreApplication.translate("JobProgress", "Saving the model…"),
        "Upscaled": QCoreApplication.translate("JobProgress", "Upscaled"),
    }
    return messages.get(message, message)
