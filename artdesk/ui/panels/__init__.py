"""The three panels and the gallery, named by "module:Class" so each is imported only when first shown."""

PANELS = (
    ("Canvas", "artdesk.ui.panels.canvas:CanvasPanel"),
    ("Music", "artdesk.ui.panels.music:MusicPanel"),
    ("Poem", "artdesk.ui.panels.poem:PoemPanel"),
    ("Gallery", "artdesk.ui.gallery.panel:GalleryPanel"),
)
