"""The undoable melody document."""
from artdesk.core.melody import Melody, Note
from artdesk.ui.music.document import QtMelodyDocument


def test_document_undo_redo_and_tempo_merge(qtbot):
    document = QtMelodyDocument()
    changes = []
    document.changed.connect(lambda: changes.append(document.melody))
    document.set_notes((Note(60, 0, 4),), "add")
    document.set_tempo(100)
    document.set_tempo(101)
    document.set_tempo(102)
    assert document.undo_stack.count() == 2  # the three tempo steps are one undo step
    document.undo_stack.undo()
    assert document.melody.tempo_bpm == 120.0
    document.set_time_signature((6, 8))
    assert document.melody.steps_per_bar == 12
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert document.notes == ()
    document.undo_stack.redo()
    assert document.notes == (Note(60, 0, 4),)
    assert len(changes) == 9  # 1 add, 3 tempo steps, 1 undo, 1 metre, 2 undos, 1 redo


def test_editing_marks_generated_provenance_as_edited(qtbot):
    document = QtMelodyDocument()
    document.set_melody(Melody((Note(60, 0, 4),), metadata={"provenance": {"seed": 3}}))
    document.set_notes((Note(62, 0, 4),), "edit")
    assert document.melody.metadata["provenance"] == {"seed": 3, "edited": True}
    document.undo_stack.undo()
    assert "edited" not in document.melody.metadata["provenance"]
