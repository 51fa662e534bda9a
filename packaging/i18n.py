"""Keep the Chinese translation complete: extract strings, merge, list what is missing, compile.

    .venv/bin/python packaging/i18n.py extract          # pyside6-lupdate over artdesk/ui -> merge into the .ts -> .qm
    .venv/bin/python packaging/i18n.py missing > todo.json   # untranslated sources, as {source: ""}
    .venv/bin/python packaging/i18n.py apply done.json  # fill translations {source: text} (plurals: a list), then compile
    .venv/bin/python packaging/i18n.py check            # exit 1 if a string lacks Chinese or the .qm is stale

The .ts (resources/i18n/artdesk_zh_CN.ts) is the source of truth and is kept in the repo; the .qm
next to it is compiled with pyside6-lrelease and shipped. A translation is matched by (context, source)
and, when a string moved to another class, by its source alone. Besides the .qm, ``compile`` writes
``artdesk_zh_CN.sources.json`` (source -> translation) which the app uses only when Qt finds no
translation under the runtime context (``obj.tr`` on a plain Qt object gets a different context
at run time than the one lupdate records).
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
I18N = ROOT / "resources" / "i18n"
LANGUAGE = "zh_CN"
TS = I18N / f"artdesk_{LANGUAGE}.ts"
QM = I18N / f"artdesk_{LANGUAGE}.qm"
SOURCES_JSON = I18N / f"artdesk_{LANGUAGE}.sources.json"
SCANNED = ROOT / "artdesk" / "ui"


@dataclass
class Message:
    context: str
    source: str
    comment: str = ""
    numerus: bool = False
    translations: list[str] = field(default_factory=list)  # one entry, or one per plural form

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.context, self.source, self.comment)

    @property
    def finished(self) -> bool:
        return bool(self.translations) and all(t.strip() for t in self.translations)


def tool(name: str) -> str:
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"i18n: {name} not found (it comes with PySide6)")
    return found


def scanned_files() -> list[str]:
    return sorted(str(p) for p in SCANNED.rglob("*.py"))


def extract() -> list[Message]:
    """Every tr() string in artdesk/ui as lupdate sees it (no translations)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "extracted.ts"
        subprocess.run([tool("pyside6-lupdate"), "-silent", "-locations", "none", *scanned_files(), "-ts", str(out)],
                       check=True, capture_output=True)
        return read_ts(out)


def read_ts(path: Path) -> list[Message]:
    messages = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            numerus = message.get("numerus") == "yes"
            if translation is not None and translation.get("type") in ("vanished", "obsolete"):
                continue
            if numerus:
                texts = [form.text or "" for form in translation.iter("numerusform")] if translation is not None else []
            else:
                texts = [translation.text or ""] if translation is not None and translation.get("type") != "unfinished" else []
            texts = texts if any(t.strip() for t in texts) else []
            messages.append(Message(name, message.findtext("source") or "", message.findtext("comment") or "", numerus, texts))
    return messages


def write_ts(path: Path, messages: list[Message]) -> None:
    root = ET.Element("TS", version="2.1", language=LANGUAGE, sourcelanguage="en")
    by_context: dict[str, list[Message]] = {}
    for message in messages:
        by_context.setdefault(message.context, []).append(message)
    for name in sorted(by_context):
        context = ET.SubElement(root, "context")
        ET.SubElement(context, "name").text = name
        for message in sorted(by_context[name], key=lambda m: (m.source, m.comment)):
            element = ET.SubElement(context, "message", numerus="yes") if message.numerus else ET.SubElement(context, "message")
            ET.SubElement(element, "source").text = message.source
            if message.comment:
                ET.SubElement(element, "comment").text = message.comment
            translation = ET.SubElement(element, "translation")
            if not message.finished:
                translation.set("type", "unfinished")
            if message.numerus:
                for text in message.translations or [""]:
                    ET.SubElement(translation, "numerusform").text = text
            else:
                translation.text = message.translations[0] if message.translations else ""
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")


def merge(extracted: list[Message], existing: list[Message]) -> list[Message]:
    """Extracted strings with translations carried over by (context, source), else by source alone."""
    by_key = {m.key: m for m in existing if m.finished}
    by_source = {}
    for m in existing:
        if m.finished:
            by_source.setdefault((m.source, m.numerus), m)
    for message in extracted:
        old = by_key.get(message.key) or by_source.get((message.source, message.numerus))
        message.translations = list(old.translations) if old else []
    return extracted


def compile_qm(ts: Path = TS, qm: Path = QM, sources_json: Path = SOURCES_JSON) -> None:
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True, capture_output=True)
    table = {m.source: m.translations[0] for m in read_ts(ts) if m.finished and not m.numerus}
    sources_json.write_text(json.dumps(table, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")


def missing(messages: list[Message]) -> list[Message]:
    return [m for m in messages if not m.finished]


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    current = read_ts(TS) if TS.exists() else []
    if command == "extract":
        merged = merge(extract(), current)
        write_ts(TS, merged)
        compile_qm()
        print(f"i18n: {len(merged)} strings, {len(missing(merged))} without a translation")
        return 0
    if command == "missing":
        todo = {}
        for m in missing(current):
            todo[m.source] = ["", ""] if m.numerus else ""
        print(json.dumps(todo, ensure_ascii=False, indent=1))
        return 0
    if command == "apply":
        done = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
        for m in current:
            value = done.get(m.source)
            if value and not m.finished:
                m.translations = list(value) if isinstance(value, list) else [value]
        write_ts(TS, current)
        compile_qm()
        print(f"i18n: {len(missing(current))} strings still without a translation")
        return 0
    if command == "check":
        problems = check()
        for problem in problems:
            print(problem)
        return 1 if problems else 0
    raise SystemExit(f"i18n: unknown command {command!r}")


def check() -> list[str]:
    """Strings in the code with no Chinese in the .ts, and a .qm that does not match the .ts."""
    translated = {m.key: m for m in read_ts(TS)} if TS.exists() else {}
    problems = []
    for message in extract():
        known = translated.get(message.key)
        if known is None or not known.finished:
            problems.append(f"no Chinese for [{message.context}] {message.source!r}")
    with tempfile.TemporaryDirectory() as tmp:
        fresh_qm, fresh_json = Path(tmp) / "fresh.qm", Path(tmp) / "fresh.json"
        if TS.exists():
            compile_qm(TS, fresh_qm, fresh_json)
            if not QM.exists() or QM.read_bytes() != fresh_qm.read_bytes():
                problems.append(f"{QM.name} is stale: run packaging/i18n.py extract")
            if not SOURCES_JSON.exists() or SOURCES_JSON.read_bytes() != fresh_json.read_bytes():
                problems.append(f"{SOURCES_JSON.name} is stale: run packaging/i18n.py extract")
    return problems


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
