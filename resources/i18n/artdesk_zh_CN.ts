<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
  <context>
    <name>AboutDialog</name>
    <message>
      <source>About artdesk</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>An offline studio for pictures, melodies and poems. Every model below was trained for artdesk on the data its card names, and runs on this computer.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Attribution</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Component</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Data licence</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Licence</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Model</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Models and data</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Models and the data they were trained on</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Models that could not be read</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No models are installed.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Panel</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Software</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Software inside artdesk and its licences</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Trained on</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Version</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>artdesk itself is MIT-licensed. Qt and FFmpeg are used under the LGPL: their libraries ship as separate files inside the app folder, which you may replace with your own builds.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>artdesk version {0}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>ships with artdesk</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>your model</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>CanvasModelDock</name>
    <message>
      <source>%d pictures</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>%s…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>4x, learned upscaler</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>4x, nearest neighbour (pixel art)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Add picks as layers</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Added layer %s</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Below 1: safer, more typical pictures; above 1: wilder ones</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Breed picks</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Cancel</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Cancelled.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Cancelling…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Click to pick (Ctrl-click for several); double-click to add as a layer</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Could not read the drawing: %s</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Export walk as GIF</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Frames</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Generate</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Layer size</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Model</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Model size (64 px)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Mutation</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>New seed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No image models found. Train one with: artdesk train canvas</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No learned upscaler is installed; using nearest neighbour.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Optimisation steps after the encoder's guess (0: encoder only)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Pictures</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Project my drawing</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Refine steps</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Seed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Strength</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Style</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The nearest picture was added as a new layer.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Truncation</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Vary pick</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Walk between two picks</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>With the picks</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>saved %s</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>CanvasPanel</name>
    <message>
      <source>100%</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Add a picture from a file as a new layer</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Added %s as a layer.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Bigger brush</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Brush</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Canvas</source>
      <translation>画布</translation>
    </message>
    <message>
      <source>Could not keep a recovery copy: %s</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Discard</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Drag the view (H; or hold Space, or the middle button)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Erase to transparency (E)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Eraser</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Export PNG</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Export PNG…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Exported %s (with provenance).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Fill</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Fill an area of similar colour (G)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Fit</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Image models</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Import as layer</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Import layer…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Layers</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Layers — %s%s (%d × %d)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>New</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>New canvas</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>New canvas, %d × %d.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>One canvas pixel per screen pixel</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Open</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Open a picture (PNG, JPEG, WebP, GIF) or an OpenRaster document</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>OpenRaster (*.ora)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Opened %s.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Open…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>PNG (*.png)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Paint (B); a pen's eraser end erases</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Pan</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Pick colour</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Recovered the unsaved work. Save it to keep it.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Redo</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Redo %s</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Restore</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Save</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Save as OpenRaster</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Save as…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Save the flattened picture as PNG, with its provenance</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Save the layered document (.ora: Krita, GIMP and MyPaint open it)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Saved %s.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Show the whole canvas (Ctrl+0)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Smaller brush</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Take a colour from the picture (I)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The canvas has unsaved changes. Save them first?</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The image model tools could not be loaded. Details are in the log.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The new canvas</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Undo</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Undo %s</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Unsaved changes</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Untitled</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Zoom in</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Zoom out</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>artdesk found %s that was not saved. Restore it?</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>FinetuneDialog</name>
    <message>
      <source>Browse…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Choose a folder that holds your MIDI files.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Fine-tune a melody model</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Folder of MIDI files</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>MIDI folder:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Name the model with letters, digits, - or _ (up to 64).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Name the style with letters, digits, - or _.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>New model name:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Resume an earlier run of the same name</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Starting from &lt;b&gt;{0}&lt;/b&gt;. Training runs in the background; you can keep working and cancel at any time (progress is kept).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Style name:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The style name the new model learns, e.g. jazz or pop.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Train for:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{0} holds no .mid or .midi files.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>GalleryPanel</name>
    <message>
      <source>Any rating</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Delete</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Deleted {0} item(s). Undo with Ctrl+Z.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Export failed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Export selected…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Export to folder</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Exported {0} files to {1}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Favourite</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Favourites</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Kept works</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No rating</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Open in its panel</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Rating</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Search the gallery</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Search title, tags, model…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The gallery cannot be opened; see the status bar for why.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>tags, separated by commas</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{0} items</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message numerus="yes">
      <source>%n bundled model(s) could not be read</source>
      <translation type="unfinished">
        <numerusform />
      </translation>
    </message>
    <message>
      <source>&amp;About artdesk</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;File</source>
      <translation>文件(&amp;F)</translation>
    </message>
    <message>
      <source>&amp;Full screen</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Help</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Jobs</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Keyboard shortcuts</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Models</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Preferences…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Quit</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;View</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Welcome</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Canvas</source>
      <translation>画布</translation>
    </message>
    <message>
      <source>Gallery</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Jobs</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Model &amp;library…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Music</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Next panel</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Panels</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Poem</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Running jobs</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Show the {0} panel</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Status</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The {0} panel cannot open files yet.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Welcome</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>artdesk cannot open {0}.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>ModelLibraryDialog</name>
    <message>
      <source>Cannot delete model</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Cannot import model</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Choose a model folder (with card.json)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Close</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Delete model</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Delete user model</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Delete your model {0}? This cannot be undone.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Import model folder…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Imported model {0}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Installed models</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Model library</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>bundled</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>yours</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>MusicPanel</name>
    <message>
      <source>B: {0} ({1} notes)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Cancelling…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Choose melody B first: 'B = piano roll' keeps the current melody as B, or import B.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Choose {0}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Continue needs a primer: import a MIDI file or draw a few notes in the piano roll.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Continue the melody</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Done: the new model {0} is in the Melody picker.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Export MIDI</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Export MIDI…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Export WAV</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Export WAV…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Fine-tune {0}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Fit</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Generate melodies</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Import MIDI</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Import MIDI…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Import a MIDI file</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Import melody B</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Import {0}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Imported {0}: {1} notes.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Interpolate goes from the piano roll's melody (A) to melody B: A has no notes.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Interpolate melodies</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Join all</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Join results</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>MIDI files (*.mid *.midi);;All files (*)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>MIDI files (*.mid)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Melody B: {0}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Most melodic voice (automatic)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Put all results one after another into the piano roll.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Reading {0}…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Redo</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Rendering {0}…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Results:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Saved {0}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Starting…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Stopped. Start again with Resume to go on from where it stopped.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Stopping (progress is kept; start again with Resume to go on)…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The piano roll is empty; generate, import or draw a melody first.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>There are no notes to export.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Track used as the melody:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Undo</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Variations need a melody in the piano roll.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Vary the melody</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>WAV audio (*.wav)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Your melody is unchanged.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Zoom +</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Zoom −</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{0} gave no melodies.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{0} of the results are silent; try a higher temperature.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{0} was cancelled; your melody is unchanged.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{0}: {1} result(s).</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>PoemPanel</name>
    <message>
      <source>Poem</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>PreferencesDialog</name>
    <message>
      <source>&amp;Device:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Language:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Theme:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Apple graphics (Metal)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Automatic (graphics card if there is one)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Compute device for models</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Dark</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>If the chosen device is not available, models run on the processor.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Interface language</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Light</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>NVIDIA graphics card (CUDA)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Preferences</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Preferences not saved</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Processor (CPU)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Same as the system</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Theme</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Your preferences apply now but could not be saved for the next start:
{0}</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>QtCanvasEditor</name>
    <message>
      <source>%s copy</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>A canvas keeps at least one layer.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Add layer %s</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Brush stroke</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Delete layer %s</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Duplicate layer %s</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Erase</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Fill</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Layer</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Layer opacity</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Merge down</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Move layer</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Nothing is painted there.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Picture</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Rename layer</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Show/hide layer</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The layer “%s” is hidden: show it to paint on it.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>There is no layer below to merge into.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>There is no layer to paint on: add one.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>QtJobRow</name>
    <message>
      <source>Cancel</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Cancelling…</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>QtJobStatus</name>
    <message>
      <source>No jobs running.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>QtLayerList</name>
    <message>
      <source>Copy</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Delete</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Delete layer</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Down</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Duplicate layer</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Merge</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Merge into the layer below</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Move layer down</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Move layer up</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>New</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>New layer</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Opacity</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Opacity %d%%</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Up</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>QtMelodyDragButton</name>
    <message>
      <source>Drag MIDI</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Drag this into your DAW or a folder to drop the melody as a .mid file.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>QtMusicControls</name>
    <message>
      <source> or </source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>(no model found)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>B = piano roll</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>B: none yet</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Bars:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Cancel</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Continue</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Continue the melody in the piano roll by the number of bars above.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Fine-tune on a MIDI folder…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Generate</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Import B…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Interpolate to B</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Key lock (only notes of the scale)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Key:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Lower is safer and more repetitive; higher is wilder.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Make</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Melodies morphing from the piano roll's melody (A) to melody B.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Melody:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Models</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Morph:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>New melodies from nothing, with the settings above.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>New seed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No {0} was found. Train one with 'artdesk train music' or add one in Models ▸ Model library.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Seed:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Settings</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Stop</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Style:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Teach the melody model your style (jazz, pop, ...) from your MIDI files.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Temperature:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The melody VAE used by Interpolate and Variations.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The melody model used by Generate and Continue.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The same seed and settings give the same melody.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Variations</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Variations around the first 4 bars of the piano roll's melody.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Variations:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Your own style</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>amount </source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>melody model (Generate, Continue)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>morph model (Interpolate, Variations)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>steps </source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>QtNewCanvasDialog</name>
    <message>
      <source>Height</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>New canvas</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Up to %d megapixels.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Width</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>QtToolOptions</name>
    <message>
      <source>Brush colour</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Choose the brush colour</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Colour</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Fill looks at all layers</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Fill tolerance</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Hardness</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>How different a colour may be and still be filled</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Opacity</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Pen pressure</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Size</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>opacity</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>size</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>QtTransport</name>
    <message>
      <source>Look for MIDI output ports again</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Loop</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>MIDI out</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Metre</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Off</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Play from the cue point (click the ruler to set it). Space toggles.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Send the melody to this MIDI port while playing.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Sound</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Tempo</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>↻</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>■ Stop</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>▶ Play</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>QtWelcomePage</name>
    <message>
      <source>Canvas</source>
      <translation>画布</translation>
    </message>
    <message>
      <source>Close the welcome page</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Give a first line or a theme, in English or Chinese, and let the poem model write on. Edit freely; every draft can be kept.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Let a melody model start or continue a tune, listen to it right away, and save it as MIDI for your own music software.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Make pictures, melodies and poems together with small models that run on this computer. Nothing is uploaded and nothing is downloaded: your work stays yours.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Music</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Paint in layers, and let a picture model suggest images in a style you pick. Keep the ones you like, vary them, or paint over them.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Poem</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Start creating</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Switch panels with Ctrl+1, Ctrl+2 and Ctrl+3. Press F1 for all keyboard shortcuts. You can open this page again from Help &gt; Welcome.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Try the Canvas</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Try the Music panel</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Try the Poem panel</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Welcome</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Welcome to artdesk</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>ShortcutsDialog</name>
    <message>
      <source>Action</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Keyboard shortcuts</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Panels</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Shortcut</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>These keys work anywhere in the window. Panels may add their own while they are open.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>box</name>
    <message>
      <source>Details were written to {0}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The log could not be written.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Your work is still open; you can keep working.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>artdesk: something went wrong</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>window</name>
    <message>
      <source>Loading models</source>
      <translation>正在加载模型</translation>
    </message>
    <message>
      <source>Ready ({0}, {1} threads)</source>
      <translation type="unfinished" />
    </message>
  </context>
</TS>
