"""Job titles in the interface language. Code that starts a job names it in English (the log's language);
the jobs dock and status lines show it through ``job_title``."""
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
