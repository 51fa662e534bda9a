<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
  <context>
    <name>AboutDialog</name>
    <message>
      <source>About artdesk</source>
      <translation>关于 artdesk</translation>
    </message>
    <message>
      <source>An offline studio for pictures, melodies and poems. Every model below was trained for artdesk on the data its card names, and runs on this computer.</source>
      <translation>一个离线的图画、旋律与诗歌创作室。下面每个模型都是为 artdesk 专门训练的，训练数据见其模型卡，并且完全在这台电脑上运行。</translation>
    </message>
    <message>
      <source>Attribution</source>
      <translation>署名</translation>
    </message>
    <message>
      <source>Canvas</source>
      <translation>画布</translation>
    </message>
    <message>
      <source>Component</source>
      <translation>组件</translation>
    </message>
    <message>
      <source>Data licence</source>
      <translation>数据许可</translation>
    </message>
    <message>
      <source>Features</source>
      <translation>特征</translation>
    </message>
    <message>
      <source>Licence</source>
      <translation>许可</translation>
    </message>
    <message>
      <source>Model</source>
      <translation>模型</translation>
    </message>
    <message>
      <source>Models and data</source>
      <translation>模型与数据</translation>
    </message>
    <message>
      <source>Models and the data they were trained on</source>
      <translation>模型及其训练数据</translation>
    </message>
    <message>
      <source>Models that could not be read</source>
      <translation>无法读取的模型</translation>
    </message>
    <message>
      <source>Music</source>
      <translation>音乐</translation>
    </message>
    <message>
      <source>No models are installed.</source>
      <translation>尚未安装任何模型。</translation>
    </message>
    <message>
      <source>Panel</source>
      <translation>面板</translation>
    </message>
    <message>
      <source>Poem</source>
      <translation>诗歌</translation>
    </message>
    <message>
      <source>Software</source>
      <translation>软件</translation>
    </message>
    <message>
      <source>Software inside artdesk and its licences</source>
      <translation>artdesk 内含的软件及其许可</translation>
    </message>
    <message>
      <source>Style</source>
      <translation>风格</translation>
    </message>
    <message>
      <source>Trained on</source>
      <translation>训练数据</translation>
    </message>
    <message>
      <source>Version</source>
      <translation>版本</translation>
    </message>
    <message>
      <source>artdesk itself is MIT-licensed. Qt and FFmpeg are used under the LGPL: their libraries ship as separate files inside the app folder, which you may replace with your own builds.</source>
      <translation>artdesk 本身采用 MIT 许可。Qt 和 FFmpeg 依照 LGPL 使用：它们的库以独立文件的形式放在应用文件夹中，你可以换成自己编译的版本。</translation>
    </message>
    <message>
      <source>artdesk version {0}</source>
      <translation>artdesk 版本 {0}</translation>
    </message>
    <message>
      <source>ships with artdesk</source>
      <translation>随 artdesk 附带</translation>
    </message>
    <message>
      <source>your model</source>
      <translation>你的模型</translation>
    </message>
  </context>
  <context>
    <name>BoardDialog</name>
    <message>
      <source>Any label</source>
      <translation>任意标签</translation>
    </message>
    <message>
      <source>Board of works</source>
      <translation>作品评估表</translation>
    </message>
    <message>
      <source>Craft</source>
      <translation>技法</translation>
    </message>
    <message>
      <source>Diversity</source>
      <translation>多样性</translation>
    </message>
    <message>
      <source>Evaluation board</source>
      <translation>评估面板</translation>
    </message>
    <message>
      <source>No filter</source>
      <translation>不筛选</translation>
    </message>
    <message>
      <source>Novelty</source>
      <translation>新颖度</translation>
    </message>
    <message>
      <source>Novelty: share of unseen works of the same data that sit at least as close to training (0 copies, 1 farther than all). Diversity: unlike the closest other work of the batch (0 duplicate). Craft: how crisp a picture is beside the others, how many notes of a melody are in its key, whether a poem keeps its form's rules. Rating: double-click to set 0-5.</source>
      <translation>新颖度：同类未见过的作品中，与训练数据至少同样接近的比例（0 为照抄，1 为比所有作品都远）。多样性：与这一批中最相近的另一件作品的差别（0 为重复）。技法：图片与其他图片相比有多清晰，旋律有多少音符在调内，诗是否守住体裁的规则。评分：双击设为 0–5。</translation>
    </message>
    <message>
      <source>Rating</source>
      <translation>评分</translation>
    </message>
    <message>
      <source>Select in gallery</source>
      <translation>在作品库中选中</translation>
    </message>
    <message>
      <source>Select the picked rows in the gallery, to export, open or delete them</source>
      <translation>在作品库中选中所挑的行，以便导出、打开或删除</translation>
    </message>
    <message>
      <source>Show</source>
      <translation>显示</translation>
    </message>
    <message>
      <source>at least</source>
      <translation>至少</translation>
    </message>
    <message>
      <source>at most</source>
      <translation>至多</translation>
    </message>
    <message>
      <source>close</source>
      <translation>接近</translation>
    </message>
    <message>
      <source>close copy</source>
      <translation>近乎照搬</translation>
    </message>
    <message>
      <source>familiar</source>
      <translation>似曾相识</translation>
    </message>
    <message>
      <source>original</source>
      <translation>原创</translation>
    </message>
    <message>
      <source>{0} of {1} works shown</source>
      <translation>显示 {1} 件中的 {0} 件</translation>
    </message>
  </context>
  <context>
    <name>CanvasCommands</name>
    <message>
      <source>Pictures and documents (*.png *.jpg *.jpeg *.webp *.gif *.bmp *.tif *.tiff *.ora);;All files (*)</source>
      <translation>图片和文档 (*.png *.jpg *.jpeg *.webp *.gif *.bmp *.tif *.tiff *.ora);;所有文件 (*)</translation>
    </message>
  </context>
  <context>
    <name>CanvasModelDock</name>
    <message>
      <source> (yours)</source>
      <translation>（你的）</translation>
    </message>
    <message>
      <source> · undertrained</source>
      <translation> · 训练不足</translation>
    </message>
    <message>
      <source>%d pictures</source>
      <translation>%d 张图</translation>
    </message>
    <message>
      <source>%s…</source>
      <translation>%s…</translation>
    </message>
    <message>
      <source>4x, smooth</source>
      <translation>4 倍，平滑</translation>
    </message>
    <message>
      <source>4x, square pixels (pixel art)</source>
      <translation>4 倍，方块像素（像素画）</translation>
    </message>
    <message>
      <source>Add picks as layers</source>
      <translation>把选中的图加为图层</translation>
    </message>
    <message>
      <source>Added layer %s</source>
      <translation>已添加图层 %s</translation>
    </message>
    <message>
      <source>Blend between two picks</source>
      <translation>在两张图之间过渡</translation>
    </message>
    <message>
      <source>Breed picks</source>
      <translation>杂交选中的图</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <source>Cancelled.</source>
      <translation>已取消。</translation>
    </message>
    <message>
      <source>Cancelling…</source>
      <translation>正在取消…</translation>
    </message>
    <message>
      <source>Click to pick (Ctrl-click for several); double-click to add as a layer</source>
      <translation>单击选取（按住 Ctrl 可多选）；双击加为图层</translation>
    </message>
    <message>
      <source>Could not read the drawing: %s</source>
      <translation>无法读取画面：%s</translation>
    </message>
    <message>
      <source>Direction, how far</source>
      <translation>方向与幅度</translation>
    </message>
    <message>
      <source>Draw</source>
      <translation>画什么</translation>
    </message>
    <message>
      <source>Each pixel becomes a 4 x 4 square (nearest neighbour)</source>
      <translation>每个像素变成 4 × 4 的方块（最近邻）</translation>
    </message>
    <message>
      <source>Find pictures like my drawing</source>
      <translation>按我的画找相近的图</translation>
    </message>
    <message>
      <source>Fine-tune an image model on a folder of your own pictures</source>
      <translation>用你自己的一个图片文件夹微调图像模型</translation>
    </message>
    <message>
      <source>Finish or close the open “Teach it your pictures” window first.</source>
      <translation>请先完成或关闭已打开的“用你的图片训练它”窗口。</translation>
    </message>
    <message>
      <source>Forward ▶</source>
      <translation>前进 ▶</translation>
    </message>
    <message>
      <source>Frames</source>
      <translation>帧数</translation>
    </message>
    <message>
      <source>Generate</source>
      <translation>生成</translation>
    </message>
    <message>
      <source>Generate again</source>
      <translation>再次生成</translation>
    </message>
    <message>
      <source>Generated picture</source>
      <translation>生成的图片</translation>
    </message>
    <message>
      <source>Grid {0} of {1}</source>
      <translation>第 {0} 组，共 {1} 组</translation>
    </message>
    <message>
      <source>How far to go along the direction</source>
      <translation>沿这个方向走多远</translation>
    </message>
    <message>
      <source>How long to keep improving the match after the first guess (0: the first guess only). Technical name: optimisation steps after the encoder's guess.</source>
      <translation>第一次猜测之后继续改进多久（0：只用第一次猜测）。技术名称：编码器猜测之后的优化步数。</translation>
    </message>
    <message>
      <source>Its provenance names no canvas job, so it cannot be generated again.</source>
      <translation>它的来源记录没有写明画布任务，因此无法再次生成。</translation>
    </message>
    <message>
      <source>Layer size</source>
      <translation>图层尺寸</translation>
    </message>
    <message>
      <source>Left: safer, more typical pictures; right: wilder ones. Technical name: truncation, now {0} (1 is the model's own range).</source>
      <translation>往左：更稳妥、更常见的图；往右：更大胆的图。技术名称：截断，当前为 {0}（1 是模型本来的范围）。</translation>
    </message>
    <message>
      <source>Made again, but the record names no picture among them.</source>
      <translation>已重新生成，但记录中没有指明其中哪一张。</translation>
    </message>
    <message>
      <source>Made again: picture %d is the opened one.</source>
      <translation>已重新生成：第 %d 张就是打开的图片。</translation>
    </message>
    <message>
      <source>Made bigger by a small model that fills in detail (a learned upscaler)</source>
      <translation>由一个补充细节的小模型放大（学习型放大器）</translation>
    </message>
    <message>
      <source>Main directions of change the model learned (1 is the strongest)</source>
      <translation>模型学到的主要变化方向（1 最明显）</translation>
    </message>
    <message>
      <source>Make the opened picture again, from the settings in its provenance</source>
      <translation>按来源记录中的设置，重新生成打开的图片</translation>
    </message>
    <message>
      <source>Model</source>
      <translation>模型</translation>
    </message>
    <message>
      <source>Model size (64 px)</source>
      <translation>模型原尺寸（64 像素）</translation>
    </message>
    <message>
      <source>Mutation</source>
      <translation>变异程度</translation>
    </message>
    <message>
      <source>No image models found. Train one with: artdesk train canvas</source>
      <translation>没有找到图像模型。可以用以下命令训练一个：artdesk train canvas</translation>
    </message>
    <message>
      <source>Pick a new start number at random</source>
      <translation>随机选一个新的起始编号</translation>
    </message>
    <message>
      <source>Pictures</source>
      <translation>图片数</translation>
    </message>
    <message>
      <source>Refine steps</source>
      <translation>细化步数</translation>
    </message>
    <message>
      <source>Safer</source>
      <translation>稳妥</translation>
    </message>
    <message>
      <source>Save the blend as a GIF</source>
      <translation>将过渡存为 GIF</translation>
    </message>
    <message>
      <source>Show the grid before this one (its picks are still there)</source>
      <translation>显示上一组图片（之前选中的还在）</translation>
    </message>
    <message>
      <source>Show the next grid again</source>
      <translation>再次显示下一组图片</translation>
    </message>
    <message>
      <source>Shuffle</source>
      <translation>随机换一个</translation>
    </message>
    <message>
      <source>Slide pick along direction</source>
      <translation>让选中的图沿该方向变化</translation>
    </message>
    <message>
      <source>Start number</source>
      <translation>起始编号</translation>
    </message>
    <message>
      <source>Strength</source>
      <translation>强度</translation>
    </message>
    <message>
      <source>Surprise</source>
      <translation>出奇程度</translation>
    </message>
    <message>
      <source>Teach it your pictures…</source>
      <translation>用你的图片训练它…</translation>
    </message>
    <message>
      <source>The model that learned your pictures is selected: press Generate.</source>
      <translation>已选中学过你的图片的模型：点“生成”。</translation>
    </message>
    <message>
      <source>The model's nearest pictures to your drawing, added as a layer</source>
      <translation>模型画出的与你的画最接近的图，加为一个图层</translation>
    </message>
    <message>
      <source>The nearest picture was added as a new layer.</source>
      <translation>最相近的图已作为新图层添加。</translation>
    </message>
    <message>
      <source>The same start number with the same settings makes the same pictures again (technical name: seed).</source>
      <translation>同样的起始编号加同样的设置，会再次画出同样的图（技术名称：种子）。</translation>
    </message>
    <message>
      <source>The smoothing model is not installed; using square pixels.</source>
      <translation>没有安装平滑放大模型；改用方块像素。</translation>
    </message>
    <message>
      <source>Vary pick</source>
      <translation>变化选中的图</translation>
    </message>
    <message>
      <source>Wilder</source>
      <translation>大胆</translation>
    </message>
    <message>
      <source>With the picks</source>
      <translation>对选中的图</translation>
    </message>
    <message>
      <source>not all kept in the Gallery (see the status bar)</source>
      <translation>未能全部保存到作品库（见状态栏）</translation>
    </message>
    <message>
      <source>saved %s</source>
      <translation>已保存 %s</translation>
    </message>
    <message>
      <source>start number %s</source>
      <translation>起始编号 %s</translation>
    </message>
    <message>
      <source>◀ Back</source>
      <translation>◀ 后退</translation>
    </message>
  </context>
  <context>
    <name>CanvasNames</name>
    <message>
      <source>Animals</source>
      <translation>动物</translation>
    </message>
    <message>
      <source>Brush script (kai)</source>
      <translation>楷书</translation>
    </message>
    <message>
      <source>Clip art</source>
      <translation>剪贴画</translation>
    </message>
    <message>
      <source>Emoji</source>
      <translation>表情符号</translation>
    </message>
    <message>
      <source>Faces</source>
      <translation>表情脸</translation>
    </message>
    <message>
      <source>Food</source>
      <translation>食物</translation>
    </message>
    <message>
      <source>Game sprite</source>
      <translation>游戏精灵图</translation>
    </message>
    <message>
      <source>Plain (hei)</source>
      <translation>黑体</translation>
    </message>
    <message>
      <source>Print (song)</source>
      <translation>宋体</translation>
    </message>
    <message>
      <source>Sketch / line art</source>
      <translation>素描 / 线稿</translation>
    </message>
    <message>
      <source>{0}, blend step {1}</source>
      <translation>{0}，过渡第 {1} 步</translation>
    </message>
    <message>
      <source>{0}, from my drawing</source>
      <translation>{0}，按我的画找到的图</translation>
    </message>
    <message>
      <source>{0}, my drawing as the model sees it</source>
      <translation>{0}，模型眼中的我的画</translation>
    </message>
    <message>
      <source>{0}, offspring {1}</source>
      <translation>{0}，杂交第 {1} 张</translation>
    </message>
    <message>
      <source>{0}, pick {1}</source>
      <translation>{0}，第 {1} 张</translation>
    </message>
    <message>
      <source>{0}, slide step {1}</source>
      <translation>{0}，沿方向变化第 {1} 步</translation>
    </message>
    <message>
      <source>{0}, variation {1}</source>
      <translation>{0}，变体 {1}</translation>
    </message>
  </context>
  <context>
    <name>CanvasPanel</name>
    <message>
      <source>Added %s as a layer.</source>
      <translation>已将 %s 添加为图层。</translation>
    </message>
    <message>
      <source>Background</source>
      <translation>背景</translation>
    </message>
    <message>
      <source>Copied %d × %d pixels.</source>
      <translation>已复制 %d × %d 像素。</translation>
    </message>
    <message>
      <source>Could not keep a recovery copy: %s</source>
      <translation>无法保存恢复副本：%s</translation>
    </message>
    <message>
      <source>Export PNG</source>
      <translation>导出 PNG</translation>
    </message>
    <message>
      <source>Exported %s (with provenance).</source>
      <translation>已导出 %s（含来源信息）。</translation>
    </message>
    <message>
      <source>Generating pictures: double-click one to place it on the canvas, or paint with the brush.</source>
      <translation>正在生成图片：双击其中一张即可放到画布上，也可以直接用画笔作画。</translation>
    </message>
    <message>
      <source>Import as layer</source>
      <translation>导入为图层</translation>
    </message>
    <message>
      <source>It was scaled from %d × %d to %d × %d pixels to fit.</source>
      <translation>已从 %d × %d 缩放到 %d × %d 像素以适应画布。</translation>
    </message>
    <message>
      <source>Its settings are restored in the model dock: "Generate again" makes it again.</source>
      <translation>其设置已在模型面板中恢复：点“再次生成”即可重新生成它。</translation>
    </message>
    <message>
      <source>Layer 1</source>
      <translation>图层 1</translation>
    </message>
    <message>
      <source>Layers — %s%s (%d × %d)</source>
      <translation>图层 — %s%s（%d × %d）</translation>
    </message>
    <message>
      <source>New canvas, %d × %d.</source>
      <translation>新画布，%d × %d。</translation>
    </message>
    <message>
      <source>Open</source>
      <translation>打开</translation>
    </message>
    <message>
      <source>OpenRaster (*.ora)</source>
      <translation>OpenRaster（*.ora）</translation>
    </message>
    <message>
      <source>Opened %s.</source>
      <translation>已打开 %s。</translation>
    </message>
    <message>
      <source>PNG (*.png)</source>
      <translation>PNG（*.png）</translation>
    </message>
    <message>
      <source>Paint with the mouse or a pen. No image models are installed yet, so the model tools are waiting.</source>
      <translation>用鼠标或数位笔作画。目前还没有安装图像模型，模型工具暂时不可用。</translation>
    </message>
    <message>
      <source>Pasted</source>
      <translation>粘贴的图片</translation>
    </message>
    <message>
      <source>Pasted %d × %d pixels as a layer.</source>
      <translation>已把 %d × %d 像素粘贴为图层。</translation>
    </message>
    <message>
      <source>Recovered the unsaved work. Save it to keep it.</source>
      <translation>已恢复未保存的作品。记得保存。</translation>
    </message>
    <message>
      <source>Save as OpenRaster</source>
      <translation>另存为 OpenRaster</translation>
    </message>
    <message>
      <source>Saved %s.</source>
      <translation>已保存 %s。</translation>
    </message>
    <message>
      <source>The canvas has unsaved changes.</source>
      <translation>画布有未保存的更改。</translation>
    </message>
    <message>
      <source>The clipboard holds no picture.</source>
      <translation>剪贴板里没有图片。</translation>
    </message>
    <message>
      <source>The new canvas</source>
      <translation>新画布</translation>
    </message>
    <message>
      <source>Untitled</source>
      <translation>未命名</translation>
    </message>
  </context>
  <context>
    <name>CanvasStyleDock</name>
    <message>
      <source>%s style</source>
      <translation>%s 风格</translation>
    </message>
    <message>
      <source>A small trained stylizer paints it in one go</source>
      <translation>一个训练好的小风格模型一次画成</translation>
    </message>
    <message>
      <source>Applied %s in %.2f s.</source>
      <translation>已应用 %s，用时 %.2f 秒。</translation>
    </message>
    <message>
      <source>Apply style</source>
      <translation>应用风格</translation>
    </message>
    <message>
      <source>Apply style %s</source>
      <translation>应用风格 %s</translation>
    </message>
    <message>
      <source>Apply to</source>
      <translation>应用于</translation>
    </message>
    <message>
      <source>Applying %s</source>
      <translation>正在应用 %s</translation>
    </message>
    <message>
      <source>Best (paints while you watch, up to a minute)</source>
      <translation>最佳（边画边看，最多约一分钟）</translation>
    </message>
    <message>
      <source>Black ink in graded washes and dry brush lines on rice paper, with lots of empty paper.</source>
      <translation>宣纸上浓淡层次的墨色与枯笔线条，大片留白。</translation>
    </message>
    <message>
      <source>Brush texture scale: above 1 paints bigger marks</source>
      <translation>笔触纹理大小：大于 1 时笔触更大</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <source>Cancelled; the canvas is unchanged.</source>
      <translation>已取消，画布没有改动。</translation>
    </message>
    <message>
      <source>Canvas texture</source>
      <translation>画布纹理</translation>
    </message>
    <message>
      <source>Choose a style first.</source>
      <translation>请先选择一种风格。</translation>
    </message>
    <message>
      <source>Choose pictures…</source>
      <translation>选择图片…</translation>
    </message>
    <message>
      <source>Coloured pencil</source>
      <translation>彩色铅笔</translation>
    </message>
    <message>
      <source>Coloured pencil hatching along the forms on white paper.</source>
      <translation>白纸上顺着形体排线的彩色铅笔画。</translation>
    </message>
    <message>
      <source>Detail</source>
      <translation>细节</translation>
    </message>
    <message>
      <source>Empty paper</source>
      <translation>留白</translation>
    </message>
    <message>
      <source>Fast (under a second)</source>
      <translation>快速（不到一秒）</translation>
    </message>
    <message>
      <source>Graphite hatching along the forms on white paper, in grey.</source>
      <translation>白纸上顺着形体排线的灰色铅笔素描。</translation>
    </message>
    <message>
      <source>How it is painted</source>
      <translation>怎样画</translation>
    </message>
    <message>
      <source>How long it learns: more rounds learn more and take longer. Technical name: training steps.</source>
      <translation>学习多久：轮数越多学得越多，也越费时。技术名称：训练步数。</translation>
    </message>
    <message>
      <source>How many rounds of improvement (Best quality only). Technical name: optimisation steps.</source>
      <translation>改进多少轮（仅限最佳质量）。技术名称：优化步数。</translation>
    </message>
    <message>
      <source>Ink</source>
      <translation>墨色</translation>
    </message>
    <message>
      <source>Ink wash (水墨)</source>
      <translation>水墨</translation>
    </message>
    <message>
      <source>Keep the picture's colours</source>
      <translation>保留原图的颜色</translation>
    </message>
    <message>
      <source>Learns from your pictures: their colours, small textures (paper grain, paint dabs, hatching) and marks up to about a fingertip's size. It can't copy how the painter draws shapes, faces or whole brush strokes across the picture; for those, use a medium above. Training takes a few minutes.</source>
      <translation>从你的图片里学习：颜色、细小的质感（纸纹、颜料点、排线）以及大约指尖大小的笔触。它学不会画家怎样画形体、脸或贯穿整幅画的长笔触；这些请用上面的画材。训练需要几分钟。</translation>
    </message>
    <message>
      <source>Light pencil drawing under the paint</source>
      <translation>颜料下面有淡淡的铅笔线稿</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>名称</translation>
    </message>
    <message>
      <source>Name of the style</source>
      <translation>风格名称</translation>
    </message>
    <message>
      <source>No pictures chosen</source>
      <translation>尚未选择图片</translation>
    </message>
    <message>
      <source>Nothing is selected; select an area first, or apply to the whole picture.</source>
      <translation>没有选区。请先框选一个区域，或者应用到整幅画。</translation>
    </message>
    <message>
      <source>Oil painting</source>
      <translation>油画</translation>
    </message>
    <message>
      <source>Painting in %s</source>
      <translation>正在以 %s 风格绘制</translation>
    </message>
    <message>
      <source>Paper grain</source>
      <translation>纸纹</translation>
    </message>
    <message>
      <source>Pencil sketch</source>
      <translation>铅笔素描</translation>
    </message>
    <message>
      <source>Pictures</source>
      <translation>图片数</translation>
    </message>
    <message>
      <source>Pictures (*.png *.jpg *.jpeg *.webp *.bmp *.gif *.tif *.tiff)</source>
      <translation>图片 (*.png *.jpg *.jpeg *.webp *.bmp *.gif *.tif *.tiff)</translation>
    </message>
    <message>
      <source>Pictures that show the style</source>
      <translation>体现这种风格的图片</translation>
    </message>
    <message>
      <source>Pressure</source>
      <translation>力度</translation>
    </message>
    <message>
      <source>Preview</source>
      <translation>预览</translation>
    </message>
    <message>
      <source>Quality</source>
      <translation>质量</translation>
    </message>
    <message>
      <source>Rounds</source>
      <translation>轮数</translation>
    </message>
    <message>
      <source>Stop</source>
      <translation>停止</translation>
    </message>
    <message>
      <source>Strength</source>
      <translation>强度</translation>
    </message>
    <message>
      <source>Stroke size</source>
      <translation>笔触大小</translation>
    </message>
    <message>
      <source>Texture scale</source>
      <translation>纹理大小</translation>
    </message>
    <message>
      <source>The active layer</source>
      <translation>当前图层</translation>
    </message>
    <message>
      <source>The picture</source>
      <translation>整幅画</translation>
    </message>
    <message>
      <source>The picture is improved round after round (optimisation), with a preview after each few rounds</source>
      <translation>一轮一轮地改进画面（优化），每隔几轮显示一次预览</translation>
    </message>
    <message>
      <source>The selection (active layer)</source>
      <translation>选区（当前图层）</translation>
    </message>
    <message>
      <source>There is no active layer to paint.</source>
      <translation>没有可以绘制的当前图层。</translation>
    </message>
    <message>
      <source>Thick brush strokes that follow the forms, big ones under small ones, on linen canvas.</source>
      <translation>顺着形体的厚重笔触，大笔在下、小笔在上，画在亚麻画布上。</translation>
    </message>
    <message>
      <source>Thick paint</source>
      <translation>颜料厚度</translation>
    </message>
    <message>
      <source>This style has no example picture; use Fast quality.</source>
      <translation>这种风格没有示例图片，请使用“快速”质量。</translation>
    </message>
    <message>
      <source>Train style</source>
      <translation>训练风格</translation>
    </message>
    <message>
      <source>Training rounds</source>
      <translation>训练轮数</translation>
    </message>
    <message>
      <source>Training stopped; no style was saved.</source>
      <translation>训练已停止，没有保存风格。</translation>
    </message>
    <message>
      <source>Training style %s</source>
      <translation>正在训练风格 %s</translation>
    </message>
    <message>
      <source>Transparent washes with white paper showing, dark dried edges, grainy paper and soft blooms.</source>
      <translation>透明的渲染，露出白纸，干后边缘发深，纸纹颗粒感和柔和的水渍晕开。</translation>
    </message>
    <message>
      <source>Watercolour</source>
      <translation>水彩</translation>
    </message>
    <message>
      <source>Wetness</source>
      <translation>湿度</translation>
    </message>
    <message>
      <source>White paper</source>
      <translation>白纸</translation>
    </message>
    <message>
      <source>Whole picture, as a new layer</source>
      <translation>整幅画，作为新图层</translation>
    </message>
    <message>
      <source>Your own style</source>
      <translation>你自己的风格</translation>
    </message>
    <message>
      <source>Your style</source>
      <translation>你的风格</translation>
    </message>
    <message>
      <source>Your style is ready: %s</source>
      <translation>你的风格已就绪：%s</translation>
    </message>
    <message>
      <source>big</source>
      <translation>大</translation>
    </message>
    <message>
      <source>careful</source>
      <translation>精细</translation>
    </message>
    <message>
      <source>dark</source>
      <translation>浓</translation>
    </message>
    <message>
      <source>dry</source>
      <translation>干</translation>
    </message>
    <message>
      <source>dry brush</source>
      <translation>枯笔</translation>
    </message>
    <message>
      <source>heavy</source>
      <translation>重</translation>
    </message>
    <message>
      <source>light</source>
      <translation>轻</translation>
    </message>
    <message>
      <source>little</source>
      <translation>少</translation>
    </message>
    <message>
      <source>loose</source>
      <translation>概括</translation>
    </message>
    <message>
      <source>much</source>
      <translation>多</translation>
    </message>
    <message>
      <source>pale</source>
      <translation>淡</translation>
    </message>
    <message>
      <source>rough</source>
      <translation>粗糙</translation>
    </message>
    <message>
      <source>small</source>
      <translation>小</translation>
    </message>
    <message>
      <source>smooth</source>
      <translation>光滑</translation>
    </message>
    <message>
      <source>thick</source>
      <translation>厚</translation>
    </message>
    <message>
      <source>thin</source>
      <translation>薄</translation>
    </message>
    <message>
      <source>wet</source>
      <translation>湿</translation>
    </message>
    <message>
      <source>wet, bleeding</source>
      <translation>湿，洇开</translation>
    </message>
  </context>
  <context>
    <name>Discard</name>
    <message>
      <source>Save it first?</source>
      <translation>要先保存吗？</translation>
    </message>
    <message>
      <source>Unsaved work</source>
      <translation>未保存的作品</translation>
    </message>
  </context>
  <context>
    <name>FinetuneDialog</name>
    <message>
      <source>Browse…</source>
      <translation>浏览…</translation>
    </message>
    <message>
      <source>Choose a folder that holds your MIDI files.</source>
      <translation>请选择存放 MIDI 文件的文件夹。</translation>
    </message>
    <message>
      <source>Folder of MIDI files</source>
      <translation>MIDI 文件夹</translation>
    </message>
    <message>
      <source>MIDI folder:</source>
      <translation>MIDI 文件夹：</translation>
    </message>
    <message>
      <source>Name the model with letters, digits, - or _ (up to 64).</source>
      <translation>模型名只能用字母、数字、- 或 _（最多 64 个字符）。</translation>
    </message>
    <message>
      <source>Name the style with letters, digits, - or _.</source>
      <translation>风格名只能用字母、数字、- 或 _。</translation>
    </message>
    <message>
      <source>New model name:</source>
      <translation>新模型名称：</translation>
    </message>
    <message>
      <source>Resume an earlier run of the same name</source>
      <translation>接着上次同名的训练继续</translation>
    </message>
    <message>
      <source>Starting from &lt;b&gt;{0}&lt;/b&gt;. Training runs in the background; you can keep working and cancel at any time (progress is kept).</source>
      <translation>以 &lt;b&gt;{0}&lt;/b&gt; 为起点。训练在后台进行，你可以继续创作，也可以随时取消（进度会保留）。</translation>
    </message>
    <message>
      <source>Style name:</source>
      <translation>风格名称：</translation>
    </message>
    <message>
      <source>Teach the melody model your style</source>
      <translation>教旋律模型学你的风格</translation>
    </message>
    <message>
      <source>The style name the new model learns, e.g. jazz or pop.</source>
      <translation>新模型要学的风格名称，例如 jazz 或 pop。</translation>
    </message>
    <message>
      <source>Train for:</source>
      <translation>训练时长：</translation>
    </message>
    <message>
      <source>{0} holds no .mid or .midi files.</source>
      <translation>{0} 里没有 .mid 或 .midi 文件。</translation>
    </message>
  </context>
  <context>
    <name>GalleryCommands</name>
    <message>
      <source>Works artdesk opens (*.ora *.png *.jpg *.jpeg *.webp *.mid *.midi *.txt);;All files (*)</source>
      <translation>artdesk 能打开的作品 (*.ora *.png *.jpg *.jpeg *.webp *.mid *.midi *.txt);;所有文件 (*)</translation>
    </message>
  </context>
  <context>
    <name>GalleryPanel</name>
    <message>
      <source>; {0} left out (their files are gone)</source>
      <translation>；{0} 件未包含（文件已不存在）</translation>
    </message>
    <message>
      <source>Add Content Credentials</source>
      <translation>添加内容凭证</translation>
    </message>
    <message>
      <source>All panels</source>
      <translation>所有面板</translation>
    </message>
    <message>
      <source>Any rating</source>
      <translation>任意评分</translation>
    </message>
    <message>
      <source>Best rated</source>
      <translation>评分最高</translation>
    </message>
    <message>
      <source>Board: {0} of {1} works measured</source>
      <translation>评估面板：已评估 {1} 件中的 {0} 件</translation>
    </message>
    <message numerus="yes">
      <source>Bundle {0}: %n work(s)</source>
      <translation>
        <numerusform>作品包 {0}：%n 件作品</numerusform>
        <numerusform>作品包 {0}：%n 件作品</numerusform>
      </translation>
    </message>
    <message>
      <source>Canvas</source>
      <translation>画布</translation>
    </message>
    <message>
      <source>Check originality</source>
      <translation>检查原创性</translation>
    </message>
    <message>
      <source>Check the gallery</source>
      <translation>检查作品库</translation>
    </message>
    <message>
      <source>Compare with the training data of the model that made it</source>
      <translation>与生成它的模型的训练数据比较</translation>
    </message>
    <message>
      <source>Comparing with the training data…</source>
      <translation>正在与训练数据比较…</translation>
    </message>
    <message>
      <source>Delete</source>
      <translation>删除</translation>
    </message>
    <message numerus="yes">
      <source>Deleted %n item(s). Undo with Ctrl+Z.</source>
      <translation>
        <numerusform>已删除 %n 项。按 Ctrl+Z 可撤销。</numerusform>
        <numerusform>已删除 %n 项。按 Ctrl+Z 可撤销。</numerusform>
      </translation>
    </message>
    <message>
      <source>Evaluation board</source>
      <translation>评估面板</translation>
    </message>
    <message>
      <source>Evaluation board…</source>
      <translation>评估面板…</translation>
    </message>
    <message>
      <source>Export bundle</source>
      <translation>导出作品包</translation>
    </message>
    <message>
      <source>Export bundle…</source>
      <translation>导出作品包…</translation>
    </message>
    <message>
      <source>Export failed</source>
      <translation>导出失败</translation>
    </message>
    <message>
      <source>Export selected…</source>
      <translation>导出所选…</translation>
    </message>
    <message>
      <source>Export to folder</source>
      <translation>导出到文件夹</translation>
    </message>
    <message>
      <source>Exported {0} files to {1}</source>
      <translation>已将 {0} 个文件导出到 {1}</translation>
    </message>
    <message numerus="yes">
      <source>Exporting %n work(s)…</source>
      <translation>
        <numerusform>正在导出 %n 件作品…</numerusform>
        <numerusform>正在导出 %n 件作品…</numerusform>
      </translation>
    </message>
    <message>
      <source>Favourite</source>
      <translation>收藏</translation>
    </message>
    <message>
      <source>Favourites</source>
      <translation>收藏夹</translation>
    </message>
    <message>
      <source>Gallery repaired: {0} missing items dropped, {1} found again.</source>
      <translation>作品库已修复：移除 {0} 件缺失的作品，重新找回 {1} 件。</translation>
    </message>
    <message>
      <source>Judging {0} works…</source>
      <translation>正在评估 {0} 件作品…</translation>
    </message>
    <message>
      <source>Kept works</source>
      <translation>保留的作品</translation>
    </message>
    <message>
      <source>Model</source>
      <translation>模型</translation>
    </message>
    <message>
      <source>Music</source>
      <translation>音乐</translation>
    </message>
    <message>
      <source>Newest</source>
      <translation>最新</translation>
    </message>
    <message>
      <source>No rating</source>
      <translation>未评分</translation>
    </message>
    <message>
      <source>Nothing kept yet: everything you generate in Canvas, Music and Poem appears here.</source>
      <translation>还没有保留任何作品：你在画布、音乐和诗歌中生成的内容都会出现在这里。</translation>
    </message>
    <message>
      <source>Novelty, diversity, technique and rating of the selected works (or, with one or none selected, of the newest works shown)</source>
      <translation>所选作品的新颖度、多样性、技法和评分（若只选了一件或未选，则为当前显示的最新作品）</translation>
    </message>
    <message>
      <source>Oldest</source>
      <translation>最早</translation>
    </message>
    <message>
      <source>One .zip: each selected work with its provenance record, and a manifest</source>
      <translation>一个 .zip 文件：每件所选作品及其来源记录，外加一份清单</translation>
    </message>
    <message>
      <source>Open in its panel</source>
      <translation>在对应面板中打开</translation>
    </message>
    <message>
      <source>Poem</source>
      <translation>诗歌</translation>
    </message>
    <message>
      <source>Rating</source>
      <translation>评分</translation>
    </message>
    <message>
      <source>Search the gallery</source>
      <translation>搜索作品集</translation>
    </message>
    <message>
      <source>Search title, tags, model…</source>
      <translation>搜索标题、标签、模型…</translation>
    </message>
    <message>
      <source>Signed {0} of {1} exported pictures and sounds.</source>
      <translation>已为导出的 {1} 个图片和声音中的 {0} 个签名。</translation>
    </message>
    <message>
      <source>Start number</source>
      <translation>起始编号</translation>
    </message>
    <message>
      <source>The gallery cannot be opened; see the status bar for why.</source>
      <translation>作品集无法打开，原因请看状态栏。</translation>
    </message>
    <message>
      <source>Zip (*.zip)</source>
      <translation>Zip 压缩包 (*.zip)</translation>
    </message>
    <message>
      <source>tags, separated by commas</source>
      <translation>标签，用逗号分隔</translation>
    </message>
    <message>
      <source>{0} items</source>
      <translation>{0} 项</translation>
    </message>
    <message>
      <source>{0} works selected from the board</source>
      <translation>已从评估面板选中 {0} 件作品</translation>
    </message>
  </context>
  <context>
    <name>JobProgress</name>
    <message>
      <source>Adding Content Credentials…</source>
      <translation>正在添加内容凭证…</translation>
    </message>
    <message>
      <source>Blending pictures {0}-{1} of {2}</source>
      <translation>正在过渡：第 {0}-{1} 张，共 {2} 张</translation>
    </message>
    <message>
      <source>Blending {0} of {1}</source>
      <translation>正在过渡：第 {0} 张，共 {1} 张</translation>
    </message>
    <message>
      <source>Breeding pictures {0}-{1} of {2}</source>
      <translation>正在杂交：第 {0}-{1} 张，共 {2} 张</translation>
    </message>
    <message>
      <source>Calibrating on held-out pictures…</source>
      <translation>正在用留出的图片校准…</translation>
    </message>
    <message>
      <source>Checked</source>
      <translation>已检查</translation>
    </message>
    <message>
      <source>Checking the certificate…</source>
      <translation>正在检查证书…</translation>
    </message>
    <message>
      <source>Checking the gallery against its files…</source>
      <translation>正在核对作品集与文件…</translation>
    </message>
    <message>
      <source>Checking…</source>
      <translation>正在检查…</translation>
    </message>
    <message>
      <source>Composing…</source>
      <translation>正在作曲…</translation>
    </message>
    <message>
      <source>Continuing…</source>
      <translation>正在续写…</translation>
    </message>
    <message>
      <source>Done</source>
      <translation>完成</translation>
    </message>
    <message>
      <source>Drawing pictures {0}-{1} of {2}</source>
      <translation>正在画图：第 {0}-{1} 张，共 {2} 张</translation>
    </message>
    <message>
      <source>Finding a start…</source>
      <translation>正在寻找起点…</translation>
    </message>
    <message>
      <source>Finding the main directions…</source>
      <translation>正在寻找主要变化方向…</translation>
    </message>
    <message>
      <source>Finding the nearest picture ({0} of {1})…</source>
      <translation>正在找最接近的图（{0}/{1}）…</translation>
    </message>
    <message>
      <source>Found the nearest picture</source>
      <translation>已找到最接近的图</translation>
    </message>
    <message>
      <source>Getting the models ready…</source>
      <translation>正在准备模型…</translation>
    </message>
    <message>
      <source>Imported</source>
      <translation>已导入</translation>
    </message>
    <message>
      <source>Indexing your pictures for Check originality…</source>
      <translation>正在为检查原创性给你的图片建立索引…</translation>
    </message>
    <message>
      <source>Learning, round {0}…</source>
      <translation>正在学习，第 {0} 轮…</translation>
    </message>
    <message>
      <source>Loading the base model…</source>
      <translation>正在加载基础模型…</translation>
    </message>
    <message>
      <source>Loading the model…</source>
      <translation>正在加载模型…</translation>
    </message>
    <message>
      <source>Loading the poem model…</source>
      <translation>正在加载诗歌模型…</translation>
    </message>
    <message>
      <source>Loading the style…</source>
      <translation>正在加载风格…</translation>
    </message>
    <message>
      <source>Measuring the fine-tuned model beside the base model…</source>
      <translation>正在对比微调后的模型和基础模型…</translation>
    </message>
    <message>
      <source>Measuring the style…</source>
      <translation>正在测量风格…</translation>
    </message>
    <message>
      <source>Models ready</source>
      <translation>模型已就绪</translation>
    </message>
    <message>
      <source>Morphing…</source>
      <translation>正在渐变…</translation>
    </message>
    <message>
      <source>Painting in {0}…</source>
      <translation>正在用{0}作画…</translation>
    </message>
    <message>
      <source>Painting strokes ({0} of {1})…</source>
      <translation>正在画笔触（{0}/{1}）…</translation>
    </message>
    <message>
      <source>Painting, round {0} of {1}…</source>
      <translation>正在作画，第 {0} 轮，共 {1} 轮…</translation>
    </message>
    <message>
      <source>Preparing a measurement…</source>
      <translation>正在准备测量…</translation>
    </message>
    <message>
      <source>Preparing the paints…</source>
      <translation>正在准备颜料…</translation>
    </message>
    <message>
      <source>Reading the signing identity…</source>
      <translation>正在读取签名身份…</translation>
    </message>
    <message>
      <source>Reading the style pictures…</source>
      <translation>正在读取风格图片…</translation>
    </message>
    <message>
      <source>Reading your text…</source>
      <translation>正在读取你的文本…</translation>
    </message>
    <message>
      <source>Reading {0}</source>
      <translation>正在读取 {0}</translation>
    </message>
    <message>
      <source>Saving the model…</source>
      <translation>正在保存模型…</translation>
    </message>
    <message>
      <source>Sliding pictures {0}-{1} of {2}</source>
      <translation>正在沿方向变化：第 {0}-{1} 张，共 {2} 张</translation>
    </message>
    <message>
      <source>Upscaled</source>
      <translation>已放大</translation>
    </message>
    <message>
      <source>Varying pictures {0}-{1} of {2}</source>
      <translation>正在变化：第 {0}-{1} 张，共 {2} 张</translation>
    </message>
    <message>
      <source>Varying…</source>
      <translation>正在变奏…</translation>
    </message>
    <message>
      <source>Went on from round {0}</source>
      <translation>从第 {0} 轮接着学</translation>
    </message>
    <message>
      <source>Writing draft {0} of {1}</source>
      <translation>正在写第 {0} 稿（共 {1} 稿）</translation>
    </message>
    <message>
      <source>{0}: checking what it learned…</source>
      <translation>{0}：正在检查学到了什么…</translation>
    </message>
    <message>
      <source>{0}: learning, round {1} of {2}</source>
      <translation>{0}：正在学习，第 {1} 轮，共 {2} 轮</translation>
    </message>
    <message>
      <source>{0}: saved</source>
      <translation>{0}：已保存</translation>
    </message>
  </context>
  <context>
    <name>JobTitles</name>
    <message>
      <source>Blend between two pictures</source>
      <translation>在两张图之间过渡</translation>
    </message>
    <message>
      <source>Breed pictures</source>
      <translation>杂交图片</translation>
    </message>
    <message>
      <source>Check pictures</source>
      <translation>检查图片</translation>
    </message>
    <message>
      <source>Estimate fine-tune time</source>
      <translation>估算微调时间</translation>
    </message>
    <message>
      <source>Find pictures like the drawing</source>
      <translation>按画找相近的图</translation>
    </message>
    <message>
      <source>Fine-tune {0}</source>
      <translation>微调 {0}</translation>
    </message>
    <message>
      <source>Generate again</source>
      <translation>再次生成</translation>
    </message>
    <message>
      <source>Generate pictures</source>
      <translation>生成图片</translation>
    </message>
    <message>
      <source>Look for unfinished fine-tunes</source>
      <translation>查找未完成的微调</translation>
    </message>
    <message>
      <source>Model snapshots</source>
      <translation>模型快照</translation>
    </message>
    <message>
      <source>Preview pictures</source>
      <translation>预览图片</translation>
    </message>
    <message>
      <source>Slide along a direction</source>
      <translation>沿方向变化</translation>
    </message>
    <message>
      <source>Upscale a picture</source>
      <translation>放大图片</translation>
    </message>
    <message>
      <source>Vary a picture</source>
      <translation>变化图片</translation>
    </message>
  </context>
  <context>
    <name>LazyPanel</name>
    <message>
      <source>This panel could not be opened. Details are in the log.</source>
      <translation>这个面板打不开。详情记在日志里。</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message numerus="yes">
      <source>%n bundled model(s) could not be read</source>
      <translation>
        <numerusform>%n 个内置模型无法读取</numerusform>
      </translation>
    </message>
    <message>
      <source>&amp;About artdesk</source>
      <translation>关于 artdesk(&amp;A)</translation>
    </message>
    <message>
      <source>&amp;Edit</source>
      <translation>编辑(&amp;E)</translation>
    </message>
    <message>
      <source>&amp;File</source>
      <translation>文件(&amp;F)</translation>
    </message>
    <message>
      <source>&amp;Full screen</source>
      <translation>全屏(&amp;F)</translation>
    </message>
    <message>
      <source>&amp;Help</source>
      <translation>帮助(&amp;H)</translation>
    </message>
    <message>
      <source>&amp;Jobs</source>
      <translation>任务(&amp;J)</translation>
    </message>
    <message>
      <source>&amp;Keyboard shortcuts</source>
      <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
      <source>&amp;Manual</source>
      <translation>使用手册(&amp;M)</translation>
    </message>
    <message>
      <source>&amp;Models</source>
      <translation>模型(&amp;M)</translation>
    </message>
    <message>
      <source>&amp;Preferences…</source>
      <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
      <source>&amp;Quit</source>
      <translation>退出(&amp;Q)</translation>
    </message>
    <message>
      <source>&amp;View</source>
      <translation>视图(&amp;V)</translation>
    </message>
    <message>
      <source>&amp;Welcome</source>
      <translation>欢迎页(&amp;W)</translation>
    </message>
    <message>
      <source>Canvas</source>
      <translation>画布</translation>
    </message>
    <message>
      <source>Gallery</source>
      <translation>作品集</translation>
    </message>
    <message>
      <source>Jobs</source>
      <translation>任务</translation>
    </message>
    <message>
      <source>Model &amp;library…</source>
      <translation>模型库(&amp;L)…</translation>
    </message>
    <message>
      <source>Music</source>
      <translation>音乐</translation>
    </message>
    <message>
      <source>Next panel</source>
      <translation>下一个面板</translation>
    </message>
    <message>
      <source>Panels</source>
      <translation>面板</translation>
    </message>
    <message>
      <source>Poem</source>
      <translation>诗歌</translation>
    </message>
    <message>
      <source>Running jobs</source>
      <translation>正在运行的任务</translation>
    </message>
    <message>
      <source>Show the {0} panel</source>
      <translation>显示“{0}”面板</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <source>The {0} panel cannot open files yet.</source>
      <translation>“{0}”面板暂时还不能打开文件。</translation>
    </message>
    <message>
      <source>Welcome</source>
      <translation>欢迎</translation>
    </message>
    <message>
      <source>artdesk cannot open {0}.</source>
      <translation>artdesk 无法打开 {0}。</translation>
    </message>
  </context>
  <context>
    <name>MidiOut</name>
    <message>
      <source>No MIDI output is available on this system.</source>
      <translation>这个系统上没有可用的 MIDI 输出。</translation>
    </message>
    <message>
      <source>No MIDI output ports were found. Start a DAW or a virtual MIDI port, then refresh.</source>
      <translation>没有找到 MIDI 输出端口。请先启动 DAW 或虚拟 MIDI 端口，然后刷新。</translation>
    </message>
  </context>
  <context>
    <name>ModelLibraryDialog</name>
    <message>
      <source>Cannot delete model</source>
      <translation>无法删除模型</translation>
    </message>
    <message>
      <source>Cannot import model</source>
      <translation>无法导入模型</translation>
    </message>
    <message>
      <source>Canvas</source>
      <translation>画布</translation>
    </message>
    <message>
      <source>Choose a model folder (with card.json)</source>
      <translation>选择模型文件夹（内含 card.json）</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>关闭</translation>
    </message>
    <message>
      <source>Created</source>
      <translation>创建时间</translation>
    </message>
    <message>
      <source>Data licence</source>
      <translation>数据许可</translation>
    </message>
    <message>
      <source>Delete model</source>
      <translation>删除模型</translation>
    </message>
    <message>
      <source>Delete user model</source>
      <translation>删除我的模型</translation>
    </message>
    <message>
      <source>Delete your model {0}? This cannot be undone.</source>
      <translation>要删除你的模型 {0} 吗？此操作无法撤销。</translation>
    </message>
    <message>
      <source>Domain</source>
      <translation>领域</translation>
    </message>
    <message>
      <source>Import model folder…</source>
      <translation>导入模型文件夹…</translation>
    </message>
    <message>
      <source>Imported model {0}</source>
      <translation>已导入模型 {0}</translation>
    </message>
    <message>
      <source>Installed models</source>
      <translation>已安装的模型</translation>
    </message>
    <message>
      <source>Metrics</source>
      <translation>指标</translation>
    </message>
    <message>
      <source>Model library</source>
      <translation>模型库</translation>
    </message>
    <message>
      <source>Music</source>
      <translation>音乐</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>名称</translation>
    </message>
    <message>
      <source>Painting style</source>
      <translation>绘画风格</translation>
    </message>
    <message>
      <source>Parent</source>
      <translation>来源模型</translation>
    </message>
    <message>
      <source>Picture features</source>
      <translation>图片特征</translation>
    </message>
    <message>
      <source>Poem</source>
      <translation>诗歌</translation>
    </message>
    <message>
      <source>Size</source>
      <translation>大小</translation>
    </message>
    <message>
      <source>Source</source>
      <translation>来源</translation>
    </message>
    <message>
      <source>bundled</source>
      <translation>内置</translation>
    </message>
    <message>
      <source>yours</source>
      <translation>我的</translation>
    </message>
  </context>
  <context>
    <name>ModelNames</name>
    <message>
      <source>Chinese poems</source>
      <translation>中文诗</translation>
    </message>
    <message>
      <source>English poems</source>
      <translation>英文诗</translation>
    </message>
    <message>
      <source>Glyphs</source>
      <translation>字形</translation>
    </message>
    <message>
      <source>Melodies</source>
      <translation>旋律</translation>
    </message>
    <message>
      <source>Mixed pictures</source>
      <translation>混合图片</translation>
    </message>
    <message>
      <source>Morphs</source>
      <translation>旋律变形</translation>
    </message>
  </context>
  <context>
    <name>MusicCommands</name>
    <message>
      <source>MIDI files (*.mid *.midi);;All files (*)</source>
      <translation>MIDI 文件 (*.mid *.midi);;所有文件 (*)</translation>
    </message>
    <message>
      <source>New melody</source>
      <translation>新旋律</translation>
    </message>
    <message>
      <source>The piano roll is empty: draw notes or generate. Undo brings the melody back.</source>
      <translation>钢琴卷帘已清空：可以画音符或生成。撤销可以找回原来的旋律。</translation>
    </message>
  </context>
  <context>
    <name>MusicModels</name>
    <message>
      <source>  (yours)</source>
      <translation>  （你的）</translation>
    </message>
    <message>
      <source>  — non-commercial use only</source>
      <translation>  — 仅限非商业用途</translation>
    </message>
  </context>
  <context>
    <name>MusicNames</name>
    <message>
      <source>Interpolation {0} of {1}</source>
      <translation>渐变第 {0} 段，共 {1} 段</translation>
    </message>
    <message>
      <source>Melody</source>
      <translation>旋律</translation>
    </message>
    <message>
      <source>Organ</source>
      <translation>风琴</translation>
    </message>
    <message>
      <source>Piano</source>
      <translation>钢琴</translation>
    </message>
    <message>
      <source>Plucked string</source>
      <translation>拨弦</translation>
    </message>
    <message>
      <source>Soft square</source>
      <translation>柔和方波</translation>
    </message>
    <message>
      <source>Variation {0}</source>
      <translation>变奏 {0}</translation>
    </message>
    <message>
      <source>celtic</source>
      <translation>凯尔特</translation>
    </message>
    <message>
      <source>classical</source>
      <translation>古典</translation>
    </message>
    <message>
      <source>folk</source>
      <translation>民谣</translation>
    </message>
    <message>
      <source>major</source>
      <translation>大调</translation>
    </message>
    <message>
      <source>minor</source>
      <translation>小调</translation>
    </message>
    <message>
      <source>{0} melody in {1} {2} ({3})</source>
      <translation>{1} {2}{0}旋律（{3}）</translation>
    </message>
    <message>
      <source>{0}, continued ({1})</source>
      <translation>{0}，续写（{1}）</translation>
    </message>
  </context>
  <context>
    <name>MusicPanel</name>
    <message>
      <source>B: {0} ({1} notes)</source>
      <translation>B：{0}（{1} 个音符）</translation>
    </message>
    <message>
      <source>Cancelling…</source>
      <translation>正在取消…</translation>
    </message>
    <message>
      <source>Choose melody B first: 'B = piano roll' keeps the current melody as B, or import B.</source>
      <translation>请先选好旋律 B：点“B = 钢琴卷帘”把当前旋律设为 B，或者导入一段 B。</translation>
    </message>
    <message>
      <source>Choose {0}</source>
      <translation>选择{0}</translation>
    </message>
    <message>
      <source>Continue needs a primer: import a MIDI file or draw a few notes in the piano roll.</source>
      <translation>续写需要一段开头：导入一个 MIDI 文件，或在钢琴卷帘里画几个音符。</translation>
    </message>
    <message>
      <source>Continue the melody</source>
      <translation>续写旋律</translation>
    </message>
    <message>
      <source>Generate again</source>
      <translation>再次生成</translation>
    </message>
    <message>
      <source>Generate melodies</source>
      <translation>生成旋律</translation>
    </message>
    <message>
      <source>Import MIDI</source>
      <translation>导入 MIDI</translation>
    </message>
    <message>
      <source>Import a MIDI file</source>
      <translation>导入 MIDI 文件</translation>
    </message>
    <message>
      <source>Import melody B</source>
      <translation>导入旋律 B</translation>
    </message>
    <message>
      <source>Import {0}</source>
      <translation>导入 {0}</translation>
    </message>
    <message>
      <source>Imported {0}: {1} notes.</source>
      <translation>已导入 {0}：{1} 个音符。</translation>
    </message>
    <message>
      <source>Join all</source>
      <translation>全部连起来</translation>
    </message>
    <message>
      <source>Join results</source>
      <translation>连接结果</translation>
    </message>
    <message>
      <source>MIDI files (*.mid *.midi);;All files (*)</source>
      <translation>MIDI 文件 (*.mid *.midi);;所有文件 (*)</translation>
    </message>
    <message>
      <source>Made again from its recorded settings.</source>
      <translation>已按记录的设置重新生成。</translation>
    </message>
    <message>
      <source>Melody B: {0}.</source>
      <translation>旋律 B：{0}。</translation>
    </message>
    <message>
      <source>Morph melodies</source>
      <translation>旋律渐变</translation>
    </message>
    <message>
      <source>Morph to B goes from the piano roll's melody (A) to melody B: A has no notes.</source>
      <translation>渐变到 B 从钢琴卷帘里的旋律（A）走到旋律 B：A 没有音符。</translation>
    </message>
    <message>
      <source>Put all results one after another into the piano roll.</source>
      <translation>把所有结果依次接起来放进钢琴卷帘。</translation>
    </message>
    <message>
      <source>Reading {0}…</source>
      <translation>正在读取 {0}…</translation>
    </message>
    <message>
      <source>Results:</source>
      <translation>结果：</translation>
    </message>
    <message>
      <source>The Music panel opens .mid files; {0} is not one.</source>
      <translation>音乐面板只能打开 .mid 文件，{0} 不是。</translation>
    </message>
    <message>
      <source>The melody in the piano roll has changes that are not saved.</source>
      <translation>钢琴卷帘中的旋律有未保存的更改。</translation>
    </message>
    <message>
      <source>The piano roll is empty; generate, import or draw a melody first.</source>
      <translation>钢琴卷帘是空的，请先生成、导入或画一段旋律。</translation>
    </message>
    <message>
      <source>The recorded result {0} is not among the {1} made again.</source>
      <translation>记录中的第 {0} 个结果不在重新生成的 {1} 个结果之中。</translation>
    </message>
    <message>
      <source>The settings that made it were restored.</source>
      <translation>已恢复生成它时的设置。</translation>
    </message>
    <message>
      <source>The settings that made it were restored: "Generate again" makes it again.</source>
      <translation>已恢复生成它的设置：点“再次生成”即可重新得到它。</translation>
    </message>
    <message>
      <source>The settings that made it were restored; it was edited afterwards, so "Generate again" makes the melody as it was before the edits.</source>
      <translation>已恢复生成它的设置；它在生成后被编辑过，因此“再次生成”得到的是编辑前的旋律。</translation>
    </message>
    <message>
      <source>Variations need a melody in the piano roll.</source>
      <translation>变奏需要钢琴卷帘里有一段旋律。</translation>
    </message>
    <message>
      <source>Vary the melody</source>
      <translation>旋律变奏</translation>
    </message>
    <message>
      <source>Your melody is unchanged.</source>
      <translation>你的旋律没有改动。</translation>
    </message>
    <message>
      <source>{0} gave no melodies.</source>
      <translation>{0} 没有生成任何旋律。</translation>
    </message>
    <message>
      <source>{0} of the results are silent; move Surprise towards Wilder.</source>
      <translation>有 {0} 个结果没有声音；把出奇程度往“大胆”一侧调。</translation>
    </message>
    <message>
      <source>{0} was cancelled; your melody is unchanged.</source>
      <translation>{0} 已取消，你的旋律没有改动。</translation>
    </message>
    <message numerus="yes">
      <source>{0}: %n result(s).</source>
      <translation>
        <numerusform>{0}：%n 个结果。</numerusform>
        <numerusform>{0}：%n 个结果。</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>PoemCheck</name>
    <message>
      <source> 1 thing breaks the form: </source>
      <translation>有 1 处不合格律：</translation>
    </message>
    <message>
      <source> Nothing breaks the form.</source>
      <translation>全部合乎格律。</translation>
    </message>
    <message>
      <source> Only the first {0} characters were checked.</source>
      <translation>只检查了前 {0} 个字符。</translation>
    </message>
    <message>
      <source> {0} things break the form: </source>
      <translation>有 {0} 处不合格律：</translation>
    </message>
    <message>
      <source>; </source>
      <translation>；</translation>
    </message>
    <message>
      <source>CMU Pronouncing Dictionary (spelling rules for missing words)</source>
      <translation>CMU 英语发音词典（词典里没有的词按拼写规则推断）</translation>
    </message>
    <message>
      <source>The poem model {0} has no originality index ({1}).</source>
      <translation>诗歌模型 {0} 没有原创性索引（{1}）。</translation>
    </message>
    <message>
      <source>This poem has no lines to check.</source>
      <translation>这首诗没有可以比对的诗行。</translation>
    </message>
    <message>
      <source>This poem is in another language than the model's training poems, so it cannot be compared.</source>
      <translation>这首诗的语言与模型的训练诗歌不同，无法比对。</translation>
    </message>
    <message>
      <source>line {0} has characters outside English text</source>
      <translation>第 {0} 行有英文以外的字符</translation>
    </message>
    <message>
      <source>line {0} has no word to rhyme with “{1}”</source>
      <translation>第 {0} 行行末没有可与“{1}”押韵的词</translation>
    </message>
    <message>
      <source>line {0} has {1} characters; {2} needs {3}</source>
      <translation>第 {0} 行有 {1} 个字；{2}每行需要 {3} 个字</translation>
    </message>
    <message>
      <source>line {0} has {1} syllables; {2} needs {3}</source>
      <translation>第 {0} 行有 {1} 个音节；{2}需要 {3} 个</translation>
    </message>
    <message>
      <source>line {0} should start with {1}</source>
      <translation>第 {0} 行应以“{1}”开头</translation>
    </message>
    <message>
      <source>line {0}: the rhyme {1} should be level (平)</source>
      <translation>第 {0} 行：韵脚“{1}”应为平声</translation>
    </message>
    <message>
      <source>line {0}: the rhyme {1} sounds like {2}, already used in line {3}</source>
      <translation>第 {0} 行：韵脚“{1}”与第 {3} 行已用的“{2}”同音</translation>
    </message>
    <message>
      <source>line {0}: the rhyme {1} was already used in line {2}</source>
      <translation>第 {0} 行：韵脚“{1}”在第 {2} 行已用过</translation>
    </message>
    <message>
      <source>line {0}: {1} ({2}) does not rhyme with group {3}</source>
      <translation>第 {0} 行：“{1}”（{2}韵）与{3}韵不押</translation>
    </message>
    <message>
      <source>line {0}: {1} is used twice in one couplet (only a doubling such as {1}{1} may repeat)</source>
      <translation>第 {0} 行：“{1}”在一联中出现两次（只有“{1}{1}”这样的叠字可以重复）</translation>
    </message>
    <message>
      <source>line {0}: {1} is {2}, the pattern needs {3}</source>
      <translation>第 {0} 行：“{1}”是{2}声，格律要求{3}声</translation>
    </message>
    <message>
      <source>line {0}: “{1}” does not rhyme with “{2}”</source>
      <translation>第 {0} 行：“{1}”与“{2}”不押韵</translation>
    </message>
    <message>
      <source>line {0}: “{1}” is not a Chinese character</source>
      <translation>第 {0} 行：“{1}”不是汉字</translation>
    </message>
    <message>
      <source>line {0}: “{1}” sounds the same as “{2}” (an identical rhyme does not count)</source>
      <translation>第 {0} 行：“{1}”与“{2}”同音（同音字不算押韵）</translation>
    </message>
    <message>
      <source>{0} lines, rhyme {1}; rules: {2}.</source>
      <translation>{0} 行，韵：{1}；规则：{2}。</translation>
    </message>
    <message>
      <source>{0} needs {1} lines; this poem has {2}</source>
      <translation>{0}需要 {1} 行；这首诗有 {2} 行</translation>
    </message>
    <message>
      <source>“{0}” is not in the pronouncing dictionary (its syllables are guessed)</source>
      <translation>“{0}”不在发音词典里（音节数为推断）</translation>
    </message>
    <message>
      <source>中华新韵 (modern Mandarin tones via pypinyin)</source>
      <translation>中华新韵（按现代普通话声调）</translation>
    </message>
  </context>
  <context>
    <name>PoemCommands</name>
    <message>
      <source>Poems (*.txt);;All files (*)</source>
      <translation>诗 (*.txt);;所有文件 (*)</translation>
    </message>
    <message>
      <source>Save poem</source>
      <translation>保存诗</translation>
    </message>
    <message>
      <source>Text (*.txt)</source>
      <translation>文本 (*.txt)</translation>
    </message>
  </context>
  <context>
    <name>PoemNames</name>
    <message>
      <source>Acrostic</source>
      <translation>藏头</translation>
    </message>
    <message>
      <source>Couplets</source>
      <translation>对句</translation>
    </message>
    <message>
      <source>Free verse</source>
      <translation>自由诗</translation>
    </message>
    <message>
      <source>Haiku (5-7-5)</source>
      <translation>俳句（5-7-5）</translation>
    </message>
    <message>
      <source>Quatrain (AABB)</source>
      <translation>四行诗（AABB）</translation>
    </message>
    <message>
      <source>Quatrain (ABAB)</source>
      <translation>四行诗（ABAB）</translation>
    </message>
  </context>
  <context>
    <name>PoemNotes</name>
    <message>
      <source>No theme given: the model picks its own.</source>
      <translation>没有给出主题：由模型自己决定。</translation>
    </message>
    <message>
      <source>The model never saw the words {0}; they are left out of the theme.</source>
      <translation>模型没见过这些词：{0}；主题里不用它们。</translation>
    </message>
    <message>
      <source>The model never saw {0}; those theme characters are left out.</source>
      <translation>模型没见过 {0}；主题里不用这些字。</translation>
    </message>
    <message>
      <source>This model takes its theme in Chinese characters; left out: {0}.</source>
      <translation>这个模型的主题要用汉字；未采用：{0}。</translation>
    </message>
    <message>
      <source>This model takes its theme in English words; left out: {0}.</source>
      <translation>这个模型的主题要用英文单词；未采用：{0}。</translation>
    </message>
  </context>
  <context>
    <name>PoemPanel</name>
    <message numerus="yes">
      <source>%n candidate(s) in {0:.2f} s. {1}</source>
      <translation>
        <numerusform>{0:.2f} 秒内得到 %n 个候选。{1}</numerusform>
        <numerusform>{0:.2f} 秒内得到 %n 个候选。{1}</numerusform>
      </translation>
    </message>
    <message>
      <source>An acrostic needs its head characters: type them in the Acrostic field.</source>
      <translation>藏头诗需要藏头的字：请在“藏头”栏中输入。</translation>
    </message>
    <message>
      <source>Cancelled; your poem is as it was.</source>
      <translation>已取消，你的诗保持原样。</translation>
    </message>
    <message>
      <source>Candidates</source>
      <translation>候选</translation>
    </message>
    <message>
      <source>Checking the poem</source>
      <translation>正在检查诗作</translation>
    </message>
    <message>
      <source>Copied the poem to the clipboard.</source>
      <translation>已把诗复制到剪贴板。</translation>
    </message>
    <message>
      <source>Export poem</source>
      <translation>导出诗作</translation>
    </message>
    <message>
      <source>Exported to {0}</source>
      <translation>已导出到 {0}</translation>
    </message>
    <message>
      <source>Fine-tuning {0}</source>
      <translation>正在微调 {0}</translation>
    </message>
    <message>
      <source>Give the new model a plain name (letters, digits, dashes).</source>
      <translation>请给新模型起一个简单的名字（字母、数字、短横线）。</translation>
    </message>
    <message>
      <source>Its settings are restored: "Generate again" writes it again.</source>
      <translation>其设置已恢复：点“再次生成”即可重新写出它。</translation>
    </message>
    <message>
      <source>Name of the fine-tuned model:</source>
      <translation>微调后模型的名称：</translation>
    </message>
    <message>
      <source>New model</source>
      <translation>新模型</translation>
    </message>
    <message>
      <source>No poem models found. Train one with: artdesk train poem</source>
      <translation>没有找到诗歌模型。可以用以下命令训练一个：artdesk train poem</translation>
    </message>
    <message>
      <source>No theme given: the model picks its own.</source>
      <translation>没有给出主题：由模型自己决定。</translation>
    </message>
    <message>
      <source>Open poem</source>
      <translation>打开诗作</translation>
    </message>
    <message>
      <source>Opened {0}.</source>
      <translation>已打开 {0}。</translation>
    </message>
    <message>
      <source>Pick a form first.</source>
      <translation>请先选择诗体。</translation>
    </message>
    <message>
      <source>Pick a poem model first.</source>
      <translation>请先选择一个诗歌模型。</translation>
    </message>
    <message>
      <source>Poem</source>
      <translation>诗歌</translation>
    </message>
    <message>
      <source>Text (*.txt)</source>
      <translation>文本 (*.txt)</translation>
    </message>
    <message>
      <source>The poem has changes that are not saved.</source>
      <translation>这首诗有未保存的更改。</translation>
    </message>
    <message>
      <source>There is nothing to check: type, paste or generate a poem.</source>
      <translation>没有可检查的内容：请输入、粘贴或生成一首诗。</translation>
    </message>
    <message>
      <source>Writing a poem</source>
      <translation>正在写诗</translation>
    </message>
    <message>
      <source>Your model {0} is ready and selected.</source>
      <translation>你的模型 {0} 已就绪并已选中。</translation>
    </message>
    <message>
      <source>Your poems (blank line between poems)</source>
      <translation>你的诗（诗与诗之间空一行）</translation>
    </message>
    <message>
      <source>{0} holds no poem (it is empty); your poem is unchanged.</source>
      <translation>{0} 是空文件，没有诗；你的诗没有改变。</translation>
    </message>
  </context>
  <context>
    <name>PreferencesDialog</name>
    <message>
      <source>&amp;Device:</source>
      <translation>计算设备(&amp;D)：</translation>
    </message>
    <message>
      <source>&amp;Language:</source>
      <translation>语言(&amp;L)：</translation>
    </message>
    <message>
      <source>&amp;Theme:</source>
      <translation>主题(&amp;T)：</translation>
    </message>
    <message>
      <source>A certificate (PEM, with its chain) and its private key, to sign your work under your own name</source>
      <translation>证书（PEM 格式，含证书链）及其私钥，用于以你自己的名义为作品签名</translation>
    </message>
    <message>
      <source>Apple graphics (Metal)</source>
      <translation>Apple 图形处理器（Metal）</translation>
    </message>
    <message>
      <source>Automatic (graphics card if there is one)</source>
      <translation>自动（有显卡就用显卡）</translation>
    </message>
    <message>
      <source>Certificate (with its chain)</source>
      <translation>证书（含证书链）</translation>
    </message>
    <message>
      <source>Certificate not used</source>
      <translation>未使用该证书</translation>
    </message>
    <message>
      <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
      <translation>证书 (*.pem *.crt *.cer);;所有文件 (*)</translation>
    </message>
    <message>
      <source>Checking the certificate…</source>
      <translation>正在检查证书…</translation>
    </message>
    <message>
      <source>Compute device for models</source>
      <translation>模型使用的计算设备</translation>
    </message>
    <message>
      <source>Content Credentials</source>
      <translation>内容凭证</translation>
    </message>
    <message>
      <source>Dark</source>
      <translation>深色</translation>
    </message>
    <message>
      <source>Exported pictures and sounds are signed, so anyone can check how they were made and that they are unchanged.</source>
      <translation>导出的图片和声音会被签名，任何人都能查看它们是如何制作的，以及它们是否未被改动。</translation>
    </message>
    <message>
      <source>Fingerprint (SHA-256): {0}</source>
      <translation>指纹（SHA-256）：{0}</translation>
    </message>
    <message>
      <source>If the chosen device is not available, models run on the processor.</source>
      <translation>如果所选设备不可用，模型会在处理器上运行。</translation>
    </message>
    <message>
      <source>Import a certificate…</source>
      <translation>导入证书…</translation>
    </message>
    <message>
      <source>Interface language</source>
      <translation>界面语言</translation>
    </message>
    <message>
      <source>Its private key</source>
      <translation>证书的私钥</translation>
    </message>
    <message>
      <source>Light</source>
      <translation>浅色</translation>
    </message>
    <message>
      <source>Menus change at once; the panels change after a restart.</source>
      <translation>菜单会立即切换；各面板在重启后切换。</translation>
    </message>
    <message>
      <source>NVIDIA graphics card (CUDA)</source>
      <translation>NVIDIA 显卡（CUDA）</translation>
    </message>
    <message>
      <source>Preferences</source>
      <translation>首选项</translation>
    </message>
    <message>
      <source>Preferences not saved</source>
      <translation>首选项未保存</translation>
    </message>
    <message>
      <source>Private keys (*.pem *.key);;All files (*)</source>
      <translation>私钥 (*.pem *.key);;所有文件 (*)</translation>
    </message>
    <message>
      <source>Processor (CPU)</source>
      <translation>处理器（CPU）</translation>
    </message>
    <message>
      <source>Reading your signing identity…</source>
      <translation>正在读取你的签名身份…</translation>
    </message>
    <message>
      <source>Same as the system</source>
      <translation>跟随系统</translation>
    </message>
    <message>
      <source>Signing identity</source>
      <translation>签名身份</translation>
    </message>
    <message>
      <source>Theme</source>
      <translation>主题</translation>
    </message>
    <message>
      <source>Your preferences apply now but could not be saved for the next start:
{0}</source>
      <translation>你的设置已经生效，但无法保存到下次启动：
{0}</translation>
    </message>
    <message>
      <source>Your work is signed as “{0}”, certificate issued by “{1}”, valid until {2}.</source>
      <translation>你的作品以“{0}”的名义签名，证书由“{1}”颁发，有效期至 {2}。</translation>
    </message>
    <message>
      <source>artdesk made this certificate on this computer. Readers call it untrusted: it shows that a file is unchanged since you signed it, not who you are. Import a certificate from an authority to sign under your name.</source>
      <translation>这张证书是 artdesk 在这台电脑上生成的。查看者会称它为“不受信任”：它只能证明文件自你签名后没有被改动，而不能证明你是谁。如需以你的名字签名，请导入由认证机构颁发的证书。</translation>
    </message>
  </context>
  <context>
    <name>QtBoardModel</name>
    <message>
      <source>Craft</source>
      <translation>技法</translation>
    </message>
    <message numerus="yes">
      <source>Details: %n rule violation(s) of the form (fewer is better)</source>
      <translation>
        <numerusform>详情：违反体裁规则 %n 处（越少越好）</numerusform>
        <numerusform>详情：违反体裁规则 %n 处（越少越好）</numerusform>
      </translation>
    </message>
    <message>
      <source>Details: in-key rate {0:.2f} (share of notes in the best-fitting key)</source>
      <translation>详情：调内比例 {0:.2f}（落在最合适调性内的音符所占比例）</translation>
    </message>
    <message>
      <source>Details: sharpness {0:.0f} (variance of the Laplacian; higher is crisper)</source>
      <translation>详情：清晰度 {0:.0f}（拉普拉斯方差；越高越清晰）</translation>
    </message>
    <message>
      <source>Diversity</source>
      <translation>多样性</translation>
    </message>
    <message>
      <source>Label</source>
      <translation>标签</translation>
    </message>
    <message>
      <source>Novelty</source>
      <translation>新颖度</translation>
    </message>
    <message>
      <source>Panel</source>
      <translation>面板</translation>
    </message>
    <message>
      <source>Rating</source>
      <translation>评分</translation>
    </message>
    <message>
      <source>Work</source>
      <translation>作品</translation>
    </message>
    <message numerus="yes">
      <source>breaks %n rule(s)</source>
      <translation>
        <numerusform>违反 %n 条格律</numerusform>
        <numerusform>违反 %n 条格律</numerusform>
      </translation>
    </message>
    <message>
      <source>keeps the form's rules</source>
      <translation>守住了体裁的规则</translation>
    </message>
    <message>
      <source>not measured</source>
      <translation>未评估</translation>
    </message>
    <message>
      <source>sharper than {0:.0%} of these pictures</source>
      <translation>比这些图片中的 {0:.0%} 更清晰</translation>
    </message>
    <message>
      <source>{0:.0%} of notes in key</source>
      <translation>{0:.0%} 的音符在调内</translation>
    </message>
  </context>
  <context>
    <name>QtCanvasActions</name>
    <message>
      <source>100%</source>
      <translation>100%</translation>
    </message>
    <message>
      <source>Add a picture from a file as a new layer</source>
      <translation>把文件中的图片添加为新图层</translation>
    </message>
    <message>
      <source>Bigger brush</source>
      <translation>放大画笔</translation>
    </message>
    <message>
      <source>Brush</source>
      <translation>画笔</translation>
    </message>
    <message>
      <source>Canvas</source>
      <translation>画布</translation>
    </message>
    <message>
      <source>Clear selection</source>
      <translation>清除选区内容</translation>
    </message>
    <message>
      <source>Copy</source>
      <translation>复制</translation>
    </message>
    <message>
      <source>Copy the picture (or the selection) to the clipboard</source>
      <translation>把画面（或选区）复制到剪贴板</translation>
    </message>
    <message>
      <source>Drag the view (H; or hold Space, or the middle button)</source>
      <translation>拖动画面（H；或按住空格键、鼠标中键）</translation>
    </message>
    <message>
      <source>Erase the selected area of the active layer (Delete)</source>
      <translation>擦除当前图层上选中的区域（Delete）</translation>
    </message>
    <message>
      <source>Erase to transparency (E)</source>
      <translation>擦成透明（E）</translation>
    </message>
    <message>
      <source>Eraser</source>
      <translation>橡皮擦</translation>
    </message>
    <message>
      <source>Export PNG…</source>
      <translation>导出 PNG…</translation>
    </message>
    <message>
      <source>Fill</source>
      <translation>填充</translation>
    </message>
    <message>
      <source>Fill an area of similar colour (G)</source>
      <translation>填充颜色相近的区域（G）</translation>
    </message>
    <message>
      <source>Fit</source>
      <translation>适合窗口</translation>
    </message>
    <message>
      <source>Import layer…</source>
      <translation>导入图层…</translation>
    </message>
    <message>
      <source>New</source>
      <translation>新建</translation>
    </message>
    <message>
      <source>New canvas</source>
      <translation>新建画布</translation>
    </message>
    <message>
      <source>One canvas pixel per screen pixel</source>
      <translation>画布像素与屏幕像素一比一</translation>
    </message>
    <message>
      <source>Open a picture (PNG, JPEG, WebP, GIF) or an OpenRaster document</source>
      <translation>打开图片（PNG、JPEG、WebP、GIF）或 OpenRaster 文档</translation>
    </message>
    <message>
      <source>Open…</source>
      <translation>打开…</translation>
    </message>
    <message>
      <source>Paint (B); Shift-click draws a straight line; a pen's eraser end erases</source>
      <translation>绘画（B）；按住 Shift 单击画直线；数位笔的橡皮端可擦除</translation>
    </message>
    <message>
      <source>Pan</source>
      <translation>平移</translation>
    </message>
    <message>
      <source>Paste a picture from the clipboard as a new layer</source>
      <translation>把剪贴板里的图片粘贴为新图层</translation>
    </message>
    <message>
      <source>Paste as layer</source>
      <translation>粘贴为图层</translation>
    </message>
    <message>
      <source>Pick colour</source>
      <translation>取色</translation>
    </message>
    <message>
      <source>Redo</source>
      <translation>重做</translation>
    </message>
    <message>
      <source>Redo %s</source>
      <translation>重做 %s</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>保存</translation>
    </message>
    <message>
      <source>Save as…</source>
      <translation>另存为…</translation>
    </message>
    <message>
      <source>Save the flattened picture as PNG, with its provenance</source>
      <translation>将合并后的画面存为 PNG，附带来源信息</translation>
    </message>
    <message>
      <source>Save the layered document (.ora: Krita, GIMP and MyPaint open it)</source>
      <translation>保存带图层的文档（.ora：Krita、GIMP 和 MyPaint 都能打开）</translation>
    </message>
    <message>
      <source>Select</source>
      <translation>选区</translation>
    </message>
    <message>
      <source>Select a rectangle (R): painting, fills and "Project my drawing" keep inside it</source>
      <translation>选择一个矩形（R）：绘画、填充和“投影我的画”都只作用于选区内</translation>
    </message>
    <message>
      <source>Select all</source>
      <translation>全选</translation>
    </message>
    <message>
      <source>Select nothing</source>
      <translation>取消选择</translation>
    </message>
    <message>
      <source>Show the whole canvas (Ctrl+0)</source>
      <translation>显示整个画布（Ctrl+0）</translation>
    </message>
    <message>
      <source>Smaller brush</source>
      <translation>缩小画笔</translation>
    </message>
    <message>
      <source>Take a colour from the picture (I; or Alt-click)</source>
      <translation>从画面中取色（I；或按住 Alt 单击）</translation>
    </message>
    <message>
      <source>Undo</source>
      <translation>撤销</translation>
    </message>
    <message>
      <source>Undo %s</source>
      <translation>撤销 %s</translation>
    </message>
    <message>
      <source>Zoom in</source>
      <translation>放大</translation>
    </message>
    <message>
      <source>Zoom out</source>
      <translation>缩小</translation>
    </message>
  </context>
  <context>
    <name>QtCanvasEditor</name>
    <message>
      <source>%s copy</source>
      <translation>%s 副本</translation>
    </message>
    <message>
      <source>A canvas keeps at least one layer.</source>
      <translation>画布至少要保留一个图层。</translation>
    </message>
    <message>
      <source>Add layer %s</source>
      <translation>添加图层 %s</translation>
    </message>
    <message>
      <source>Brush stroke</source>
      <translation>画笔笔触</translation>
    </message>
    <message>
      <source>Clear selection</source>
      <translation>清除选区内容</translation>
    </message>
    <message>
      <source>Delete layer %s</source>
      <translation>删除图层 %s</translation>
    </message>
    <message>
      <source>Duplicate layer %s</source>
      <translation>复制图层 %s</translation>
    </message>
    <message>
      <source>Erase</source>
      <translation>擦除</translation>
    </message>
    <message>
      <source>Fill</source>
      <translation>填充</translation>
    </message>
    <message>
      <source>Layer</source>
      <translation>图层</translation>
    </message>
    <message>
      <source>Layer opacity</source>
      <translation>图层不透明度</translation>
    </message>
    <message>
      <source>Merge down</source>
      <translation>向下合并</translation>
    </message>
    <message>
      <source>Move layer</source>
      <translation>移动图层</translation>
    </message>
    <message>
      <source>Nothing is painted there.</source>
      <translation>那里什么都没画。</translation>
    </message>
    <message>
      <source>Picture</source>
      <translation>图片</translation>
    </message>
    <message>
      <source>Rename layer</source>
      <translation>重命名图层</translation>
    </message>
    <message>
      <source>Select an area first: Delete clears the selection on the active layer.</source>
      <translation>请先选择一个区域：按 Delete 会清除当前图层上的选区内容。</translation>
    </message>
    <message>
      <source>Show/hide layer</source>
      <translation>显示/隐藏图层</translation>
    </message>
    <message>
      <source>The layer “%s” is hidden: show it to paint on it.</source>
      <translation>图层“%s”已隐藏：先显示它才能在上面画。</translation>
    </message>
    <message>
      <source>There is no layer below to merge into.</source>
      <translation>下面没有可以合并进去的图层。</translation>
    </message>
    <message>
      <source>There is no layer to paint on: add one.</source>
      <translation>没有可以画的图层：请先添加一个。</translation>
    </message>
  </context>
  <context>
    <name>QtCanvasWindow</name>
    <message>
      <source>Brush</source>
      <translation>画笔</translation>
    </message>
    <message>
      <source>Image models</source>
      <translation>图像模型</translation>
    </message>
    <message>
      <source>Layers</source>
      <translation>图层</translation>
    </message>
    <message>
      <source>Painting styles</source>
      <translation>绘画风格</translation>
    </message>
    <message>
      <source>The %s tools could not be loaded. Details are in the log.</source>
      <translation>无法加载%s工具。详情见日志。</translation>
    </message>
    <message>
      <source>image model</source>
      <translation>图像模型</translation>
    </message>
    <message>
      <source>painting style</source>
      <translation>绘画风格</translation>
    </message>
  </context>
  <context>
    <name>QtClosestPairs</name>
    <message>
      <source>Left: generated; right: the nearest of your pictures (distance {0:.3f})</source>
      <translation>左：生成的图片；右：你的图片中最接近的一张（距离 {0:.3f}）</translation>
    </message>
    <message>
      <source>Step {0}</source>
      <translation>第 {0} 步</translation>
    </message>
    <message>
      <source>closer to your held-out pictures than the base model</source>
      <translation>比基础模型更接近你留出的图片</translation>
    </message>
    <message>
      <source>no measurement at this step</source>
      <translation>这一步没有测量</translation>
    </message>
    <message>
      <source>not closer to your held-out pictures than the base model yet</source>
      <translation>还没有比基础模型更接近你留出的图片</translation>
    </message>
    <message>
      <source>the base model, before training</source>
      <translation>训练前的基础模型</translation>
    </message>
    <message>
      <source>too close to a training picture: {0:.0%}</source>
      <translation>与训练图片过于相似：{0:.0%}</translation>
    </message>
    <message>
      <source>variety {0:.0%} of your pictures</source>
      <translation>多样性为你的图片的 {0:.0%}</translation>
    </message>
  </context>
  <context>
    <name>QtCredentials</name>
    <message>
      <source>%s carries Content Credentials: see Gallery › Content Credentials.</source>
      <translation>%s 带有内容凭证：见 作品集 › 内容凭证。</translation>
    </message>
    <message>
      <source>%s has been tampered with since it was signed: see Gallery › Content Credentials.</source>
      <translation>%s 在签名之后被改动过：见 作品集 › 内容凭证。</translation>
    </message>
    <message>
      <source>Add Content Credentials</source>
      <translation>添加内容凭证</translation>
    </message>
    <message>
      <source>Check Content Credentials</source>
      <translation>检查内容凭证</translation>
    </message>
    <message>
      <source>Signed %s with Content Credentials.</source>
      <translation>已为 %s 添加内容凭证签名。</translation>
    </message>
  </context>
  <context>
    <name>QtDocumentMenus</name>
    <message>
      <source>&amp;Copy</source>
      <translation>复制(&amp;C)</translation>
    </message>
    <message>
      <source>&amp;Export…</source>
      <translation>导出(&amp;E)…</translation>
    </message>
    <message>
      <source>&amp;New</source>
      <translation>新建(&amp;N)</translation>
    </message>
    <message>
      <source>&amp;Open…</source>
      <translation>打开(&amp;O)…</translation>
    </message>
    <message>
      <source>&amp;Paste</source>
      <translation>粘贴(&amp;P)</translation>
    </message>
    <message>
      <source>&amp;Redo</source>
      <translation>重做(&amp;R)</translation>
    </message>
    <message>
      <source>&amp;Save</source>
      <translation>保存(&amp;S)</translation>
    </message>
    <message>
      <source>&amp;Undo</source>
      <translation>撤销(&amp;U)</translation>
    </message>
    <message>
      <source>All files (*)</source>
      <translation>所有文件 (*)</translation>
    </message>
    <message>
      <source>Cu&amp;t</source>
      <translation>剪切(&amp;T)</translation>
    </message>
    <message>
      <source>Open</source>
      <translation>打开</translation>
    </message>
    <message>
      <source>Save &amp;As…</source>
      <translation>另存为(&amp;A)…</translation>
    </message>
  </context>
  <context>
    <name>QtFinetuneRunner</name>
    <message>
      <source>Done: the new model {0} is in the Melody picker.</source>
      <translation>完成：新模型 {0} 已出现在旋律模型列表中。</translation>
    </message>
    <message>
      <source>Fine-tune {0}</source>
      <translation>微调 {0}</translation>
    </message>
    <message>
      <source>Starting…</source>
      <translation>正在启动…</translation>
    </message>
    <message>
      <source>Stopped. Start again with Resume to go on from where it stopped.</source>
      <translation>已停止。勾选“接着上次继续”再开始，就能从停下的地方接着训练。</translation>
    </message>
    <message>
      <source>Stopping (progress is kept; start again with Resume to go on)…</source>
      <translation>正在停止（进度会保留；之后可接着继续）…</translation>
    </message>
  </context>
  <context>
    <name>QtFinetuneWizard</name>
    <message>
      <source>Stop training?</source>
      <translation>停止训练？</translation>
    </message>
    <message>
      <source>Teach it your pictures</source>
      <translation>用你的图片训练它</translation>
    </message>
    <message>
      <source>Training is still running. Stop it? The progress is kept and can be resumed later.</source>
      <translation>训练仍在进行。要停止吗？进度会保留，之后可以继续。</translation>
    </message>
  </context>
  <context>
    <name>QtFinishPage</name>
    <message>
      <source>Training stopped early: later snapshots were no better, so the best one is kept.</source>
      <translation>训练提前停止：之后的快照没有更好，所以保留了最好的一个。</translation>
    </message>
    <message>
      <source>Your model is ready</source>
      <translation>你的模型已就绪</translation>
    </message>
    <message>
      <source>{0} is selected in the Canvas model picker: press Generate to draw with it.
Saved in {1}</source>
      <translation>{0} 已在画布的模型选择器中选中：按“生成”即可用它作画。
保存在 {1}</translation>
    </message>
  </context>
  <context>
    <name>QtGalleryModel</name>
    <message>
      <source>Canvas</source>
      <translation>画布</translation>
    </message>
    <message>
      <source>Music</source>
      <translation>音乐</translation>
    </message>
    <message>
      <source>Poem</source>
      <translation>诗歌</translation>
    </message>
    <message>
      <source>start number {0}</source>
      <translation>起始编号 {0}</translation>
    </message>
  </context>
  <context>
    <name>QtHelpButton</name>
    <message>
      <source>Help on this</source>
      <translation>这一项的帮助</translation>
    </message>
    <message>
      <source>What is this? Opens the manual here.</source>
      <translation>这是什么？在使用手册中打开这一节。</translation>
    </message>
  </context>
  <context>
    <name>QtHowItWasMade</name>
    <message>
      <source>&lt;b&gt;Content Credentials&lt;/b&gt;</source>
      <translation>&lt;b&gt;内容凭证&lt;/b&gt;</translation>
    </message>
    <message>
      <source>&lt;b&gt;Content Credentials&lt;/b&gt;: %s</source>
      <translation>&lt;b&gt;内容凭证&lt;/b&gt;：%s</translation>
    </message>
    <message>
      <source>Check Content Credentials</source>
      <translation>检查内容凭证</translation>
    </message>
    <message>
      <source>Check a file…</source>
      <translation>检查文件…</translation>
    </message>
    <message>
      <source>Checking %s…</source>
      <translation>正在检查 %s…</translation>
    </message>
    <message>
      <source>Content Credentials of the file</source>
      <translation>文件的内容凭证</translation>
    </message>
    <message>
      <source>None: artdesk signs pictures and sounds when you export them.</source>
      <translation>没有：artdesk 会在你导出图片和声音时为它们签名。</translation>
    </message>
    <message>
      <source>Pictures and sounds (*.png *.jpg *.jpeg *.webp *.wav);;All files (*)</source>
      <translation>图片和声音 (*.png *.jpg *.jpeg *.webp *.wav);;所有文件 (*)</translation>
    </message>
    <message>
      <source>Read the Content Credentials of any picture or sound (or drop it here)</source>
      <translation>读取任意图片或声音的内容凭证（也可以把文件拖到这里）</translation>
    </message>
  </context>
  <context>
    <name>QtJobRow</name>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <source>Cancelling…</source>
      <translation>正在取消…</translation>
    </message>
    <message>
      <source>Waiting…</source>
      <translation>等待中…</translation>
    </message>
  </context>
  <context>
    <name>QtJobStatus</name>
    <message>
      <source>No jobs running.</source>
      <translation>没有正在运行的任务。</translation>
    </message>
  </context>
  <context>
    <name>QtLayerList</name>
    <message>
      <source>Copy</source>
      <translation>复制</translation>
    </message>
    <message>
      <source>Delete</source>
      <translation>删除</translation>
    </message>
    <message>
      <source>Delete layer</source>
      <translation>删除图层</translation>
    </message>
    <message>
      <source>Down</source>
      <translation>下移</translation>
    </message>
    <message>
      <source>Duplicate layer</source>
      <translation>复制图层</translation>
    </message>
    <message>
      <source>Merge</source>
      <translation>合并</translation>
    </message>
    <message>
      <source>Merge into the layer below</source>
      <translation>合并到下面的图层</translation>
    </message>
    <message>
      <source>Move layer down</source>
      <translation>图层下移</translation>
    </message>
    <message>
      <source>Move layer up</source>
      <translation>图层上移</translation>
    </message>
    <message>
      <source>New</source>
      <translation>新建</translation>
    </message>
    <message>
      <source>New layer</source>
      <translation>新建图层</translation>
    </message>
    <message>
      <source>Opacity</source>
      <translation>不透明度</translation>
    </message>
    <message>
      <source>Opacity %d%%</source>
      <translation>不透明度 %d%%</translation>
    </message>
    <message>
      <source>Up</source>
      <translation>上移</translation>
    </message>
  </context>
  <context>
    <name>QtLossPlot</name>
    <message>
      <source>Red: how well the critic tells your pictures from the model's; blue: the model's loss. Wild swings or one line running away mean trouble.</source>
      <translation>红色：判别器区分你的图片和模型图片的能力；蓝色：模型的损失。剧烈波动或某条线一路跑偏说明有问题。</translation>
    </message>
    <message>
      <source>The losses appear after a few steps.</source>
      <translation>几步之后会显示损失。</translation>
    </message>
    <message>
      <source>critic</source>
      <translation>判别器</translation>
    </message>
    <message>
      <source>model</source>
      <translation>模型</translation>
    </message>
    <message>
      <source>step {0}: critic {1:.3f}, model {2:.3f}</source>
      <translation>第 {0} 步：判别器 {1:.3f}，模型 {2:.3f}</translation>
    </message>
  </context>
  <context>
    <name>QtManualWindow</name>
    <message>
      <source>Contents</source>
      <translation>目录</translation>
    </message>
    <message>
      <source>Manual</source>
      <translation>使用手册</translation>
    </message>
    <message>
      <source>artdesk manual</source>
      <translation>artdesk 使用手册</translation>
    </message>
  </context>
  <context>
    <name>QtMelodyDragButton</name>
    <message>
      <source>Drag MIDI</source>
      <translation>拖出 MIDI</translation>
    </message>
    <message>
      <source>Drag this into your DAW or a folder to drop the melody as a .mid file.</source>
      <translation>把它拖到你的音乐软件（DAW）或文件夹里，旋律就会存成 .mid 文件。</translation>
    </message>
  </context>
  <context>
    <name>QtMelodyExport</name>
    <message>
      <source>Export MIDI</source>
      <translation>导出 MIDI</translation>
    </message>
    <message>
      <source>Export WAV</source>
      <translation>导出 WAV</translation>
    </message>
    <message>
      <source>MIDI files (*.mid)</source>
      <translation>MIDI 文件 (*.mid)</translation>
    </message>
    <message>
      <source>Rendering {0}…</source>
      <translation>正在渲染 {0}…</translation>
    </message>
    <message>
      <source>Saved {0}.</source>
      <translation>已保存 {0}。</translation>
    </message>
    <message>
      <source>There are no notes to export.</source>
      <translation>没有可导出的音符。</translation>
    </message>
    <message>
      <source>WAV audio (*.wav)</source>
      <translation>WAV 音频 (*.wav)</translation>
    </message>
    <message>
      <source>Your melody is unchanged.</source>
      <translation>你的旋律没有改动。</translation>
    </message>
  </context>
  <context>
    <name>QtMelodyKeeper</name>
    <message>
      <source>Kept {0} in the Gallery.</source>
      <translation>已将 {0} 保留到作品集。</translation>
    </message>
    <message>
      <source>There are no notes to keep.</source>
      <translation>没有可以保留的音符。</translation>
    </message>
    <message>
      <source>{0} is already in the Gallery: every result is kept.</source>
      <translation>{0} 已在作品库中：每个生成结果都会自动保存。</translation>
    </message>
    <message>
      <source>{0} of {1} results were kept in the Gallery; the rest were not.</source>
      <translation>{1} 个结果中有 {0} 个已保存到作品库，其余未保存。</translation>
    </message>
  </context>
  <context>
    <name>QtMelodyList</name>
    <message>
      <source>Use as melody B (for Morph to B)</source>
      <translation>用作旋律 B（用于渐变到 B）</translation>
    </message>
  </context>
  <context>
    <name>QtMusicControls</name>
    <message>
      <source> or </source>
      <translation> 或 </translation>
    </message>
    <message>
      <source>(no model found)</source>
      <translation>（没有找到模型）</translation>
    </message>
    <message>
      <source>B = piano roll</source>
      <translation>B = 钢琴卷帘</translation>
    </message>
    <message>
      <source>B: none yet</source>
      <translation>B：还没有</translation>
    </message>
    <message>
      <source>Bars:</source>
      <translation>小节数：</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <source>Continue</source>
      <translation>续写</translation>
    </message>
    <message>
      <source>Continue the melody in the piano roll by the number of bars above.</source>
      <translation>按上面设定的小节数续写钢琴卷帘里的旋律。</translation>
    </message>
    <message>
      <source>Generate</source>
      <translation>生成</translation>
    </message>
    <message>
      <source>How many melodies lie between A and B</source>
      <translation>A 和 B 之间有几段旋律</translation>
    </message>
    <message>
      <source>Import B…</source>
      <translation>导入 B…</translation>
    </message>
    <message>
      <source>Key lock (only notes of the scale)</source>
      <translation>锁定调性（只用音阶内的音）</translation>
    </message>
    <message>
      <source>Key:</source>
      <translation>调：</translation>
    </message>
    <message>
      <source>Left: safer, more repetitive melodies; right: wilder ones. Technical name: temperature, now {0}.</source>
      <translation>往左：更稳妥、更多重复的旋律；往右：更大胆的旋律。技术名称：温度，当前为 {0}。</translation>
    </message>
    <message>
      <source>Make</source>
      <translation>生成</translation>
    </message>
    <message>
      <source>Melodies morphing from the piano roll's melody (A) to melody B.</source>
      <translation>从钢琴卷帘里的旋律（A）逐步变化到旋律 B。</translation>
    </message>
    <message>
      <source>Melody:</source>
      <translation>旋律模型：</translation>
    </message>
    <message>
      <source>Models</source>
      <translation>模型</translation>
    </message>
    <message>
      <source>Morph to B</source>
      <translation>渐变到 B</translation>
    </message>
    <message>
      <source>Morph:</source>
      <translation>渐变模型：</translation>
    </message>
    <message>
      <source>New melodies from nothing, with the settings above.</source>
      <translation>按上面的设置从零生成新旋律。</translation>
    </message>
    <message>
      <source>No {0} was found. Train one with 'artdesk train music' or add one in Models ▸ Model library.</source>
      <translation>没有找到{0}。可以用“artdesk train music”训练一个，或在“模型 ▸ 模型库”中添加。</translation>
    </message>
    <message>
      <source>Pick a new start number at random</source>
      <translation>随机选一个新的起始编号</translation>
    </message>
    <message>
      <source>Safer</source>
      <translation>稳妥</translation>
    </message>
    <message>
      <source>Settings</source>
      <translation>设置</translation>
    </message>
    <message>
      <source>Shuffle</source>
      <translation>随机换一个</translation>
    </message>
    <message>
      <source>Start number:</source>
      <translation>起始编号：</translation>
    </message>
    <message>
      <source>Stop</source>
      <translation>停止</translation>
    </message>
    <message>
      <source>Style:</source>
      <translation>风格：</translation>
    </message>
    <message>
      <source>Surprise:</source>
      <translation>出奇程度：</translation>
    </message>
    <message>
      <source>Teach it your MIDI files…</source>
      <translation>用你的 MIDI 文件教它…</translation>
    </message>
    <message>
      <source>Teach the melody model your style (jazz, pop, ...) from a folder of your MIDI files (fine-tuning).</source>
      <translation>用一个装着你的 MIDI 文件的文件夹，教旋律模型学你的风格（爵士、流行……）（微调）。</translation>
    </message>
    <message>
      <source>The melody model used by Generate and Continue.</source>
      <translation>“生成”和“续写”使用的旋律模型。</translation>
    </message>
    <message>
      <source>The morph model (a melody VAE) used by Morph to B and Variations.</source>
      <translation>“渐变到 B”和“变奏”所用的渐变模型（旋律 VAE）。</translation>
    </message>
    <message>
      <source>The same start number with the same settings makes the same melody again (technical name: seed).</source>
      <translation>同样的起始编号加同样的设置，会再次写出同样的旋律（技术名称：种子）。</translation>
    </message>
    <message>
      <source>Variations</source>
      <translation>变奏</translation>
    </message>
    <message>
      <source>Variations around the first 4 bars of the piano roll's melody.</source>
      <translation>围绕钢琴卷帘中旋律的前 4 小节做变奏。</translation>
    </message>
    <message>
      <source>Variations:</source>
      <translation>变奏数：</translation>
    </message>
    <message>
      <source>Wilder</source>
      <translation>大胆</translation>
    </message>
    <message>
      <source>Your own style</source>
      <translation>你自己的风格</translation>
    </message>
    <message>
      <source>amount </source>
      <translation>幅度 </translation>
    </message>
    <message>
      <source>in between </source>
      <translation>中间 </translation>
    </message>
    <message>
      <source>melody model (Generate, Continue)</source>
      <translation>旋律模型（生成、续写）</translation>
    </message>
    <message>
      <source>morph model (Morph to B, Variations)</source>
      <translation>渐变模型（渐变到 B、变奏）</translation>
    </message>
  </context>
  <context>
    <name>QtMusicFileBar</name>
    <message>
      <source>Every result is kept in the Gallery; Keep adds the piano roll's melody as it is now (drawn, imported or edited).</source>
      <translation>每个生成结果都会自动保存到作品库；“保存”把钢琴卷帘中当前的旋律（手绘、导入或编辑过的）也加进去。</translation>
    </message>
    <message>
      <source>Export MIDI…</source>
      <translation>导出 MIDI…</translation>
    </message>
    <message>
      <source>Export WAV…</source>
      <translation>导出 WAV…</translation>
    </message>
    <message>
      <source>Fit</source>
      <translation>适合窗口</translation>
    </message>
    <message>
      <source>Generate again</source>
      <translation>再次生成</translation>
    </message>
    <message>
      <source>Import MIDI…</source>
      <translation>导入 MIDI…</translation>
    </message>
    <message>
      <source>Keep</source>
      <translation>保留</translation>
    </message>
    <message>
      <source>Make the opened melody again from its recorded settings.</source>
      <translation>按记录的设置重新生成打开的旋律。</translation>
    </message>
    <message>
      <source>Redo</source>
      <translation>重做</translation>
    </message>
    <message>
      <source>Redo {0}</source>
      <translation>重做 {0}</translation>
    </message>
    <message>
      <source>Undo</source>
      <translation>撤销</translation>
    </message>
    <message>
      <source>Undo {0}</source>
      <translation>撤销 {0}</translation>
    </message>
    <message>
      <source>Zoom +</source>
      <translation>放大 +</translation>
    </message>
    <message>
      <source>Zoom −</source>
      <translation>缩小 −</translation>
    </message>
  </context>
  <context>
    <name>QtNewCanvasDialog</name>
    <message>
      <source>Height</source>
      <translation>高度</translation>
    </message>
    <message>
      <source>New canvas</source>
      <translation>新建画布</translation>
    </message>
    <message>
      <source>Up to %d megapixels.</source>
      <translation>最多 %d 百万像素。</translation>
    </message>
    <message>
      <source>Width</source>
      <translation>宽度</translation>
    </message>
  </context>
  <context>
    <name>QtOptionsPage</name>
    <message>
      <source>A crash loses at most this much training</source>
      <translation>崩溃时最多丢失这么多训练</translation>
    </message>
    <message>
      <source>A crash loses at most this much.</source>
      <translation>崩溃时最多丢失这么多。</translation>
    </message>
    <message>
      <source>A little: your pictures matter most</source>
      <translation>少一些：以你的图片为主</translation>
    </message>
    <message>
      <source>About {0} on this computer ({1} steps at {2:.2f} s each).</source>
      <translation>在这台电脑上约需 {0}（{1} 步，每步 {2:.2f} 秒）。</translation>
    </message>
    <message>
      <source>Advanced</source>
      <translation>高级</translation>
    </message>
    <message>
      <source>Always on: the critic sees your pictures and the model's shifted, recoloured and cut, so it cannot just memorise a few pictures (DiffAugment).</source>
      <translation>始终开启：评判网络看到的你的图片和模型的图片都经过平移、改色和裁切，因此它无法只记住几张图片（DiffAugment）。</translation>
    </message>
    <message>
      <source>Apple graphics (Metal)</source>
      <translation>Apple 图形处理器（Metal）</translation>
    </message>
    <message>
      <source>Augmentation</source>
      <translation>数据增强</translation>
    </message>
    <message>
      <source>Automatic</source>
      <translation>自动</translation>
    </message>
    <message>
      <source>Balanced</source>
      <translation>适中</translation>
    </message>
    <message>
      <source>Base pictures mixed in</source>
      <translation>混入基础模型的图片</translation>
    </message>
    <message>
      <source>Batch</source>
      <translation>批大小</translation>
    </message>
    <message>
      <source>Before training: tick that you made these pictures (or may train on them), or that you don't know their licence.</source>
      <translation>训练之前：请勾选这些图片是你画的（或你有权用来训练），或者你不知道它们的许可。</translation>
    </message>
    <message>
      <source>Closely: learn your pictures faster (may lose variety)</source>
      <translation>紧密：更快学会你的图片（可能失去多样性）</translation>
    </message>
    <message>
      <source>Correspondence weight</source>
      <translation>对应关系权重</translation>
    </message>
    <message>
      <source>Critic blocks kept as the base model learned them</source>
      <translation>保持基础模型所学的评判网络层块</translation>
    </message>
    <message>
      <source>Cross-domain correspondence weight</source>
      <translation>跨域对应关系权重</translation>
    </message>
    <message>
      <source>Device</source>
      <translation>设备</translation>
    </message>
    <message>
      <source>Each of your pictures pulls the model's nearest picture toward it, so none of yours is forgotten; higher follows them more closely (IMLE).</source>
      <translation>你的每张图片都会把模型最接近它的那张图片拉向自己，因此你的图片一张都不会被遗漏；数值越高，越贴近你的图片（IMLE）。</translation>
    </message>
    <message>
      <source>Elastic weight consolidation weight</source>
      <translation>弹性权重巩固（EWC）权重</translation>
    </message>
    <message>
      <source>Estimate</source>
      <translation>估算</translation>
    </message>
    <message>
      <source>Frozen critic blocks</source>
      <translation>冻结的判别器模块</translation>
    </message>
    <message>
      <source>Frozen generator blocks</source>
      <translation>冻结的生成器层</translation>
    </message>
    <message>
      <source>Generator blocks kept frozen, coarse first</source>
      <translation>冻结的生成器层数，从粗到细</translation>
    </message>
    <message>
      <source>Held out</source>
      <translation>留出</translation>
    </message>
    <message>
      <source>Holds back the weights that mattered most to the base model; higher changes the model less (elastic weight consolidation, EWC).</source>
      <translation>让对基础模型最重要的权重少变动；数值越高，模型改变越少（弹性权重巩固，EWC）。</translation>
    </message>
    <message>
      <source>How big each update is; auto follows How closely.</source>
      <translation>每次更新的幅度；自动时跟随“紧密程度”。</translation>
    </message>
    <message>
      <source>How closely to follow your pictures</source>
      <translation>多紧密地跟随你的图片</translation>
    </message>
    <message>
      <source>How long to train</source>
      <translation>训练多久</translation>
    </message>
    <message>
      <source>How many updates; auto follows How long to train.</source>
      <translation>更新多少次；自动时跟随“训练多久”。</translation>
    </message>
    <message>
      <source>How much of the past the saved model averages</source>
      <translation>保存的模型对过去多少步取平均</translation>
    </message>
    <message>
      <source>How to train</source>
      <translation>如何训练</translation>
    </message>
    <message>
      <source>I don't know the licence (the model's card will say so)</source>
      <translation>我不知道这些图片的许可（模型卡片会注明）</translation>
    </message>
    <message>
      <source>I made these pictures, or I have permission to train on them</source>
      <translation>这些图片是我创作的，或我已获准用它们训练</translation>
    </message>
    <message>
      <source>Keep the variety of the original model</source>
      <translation>保留原模型的多样性</translation>
    </message>
    <message>
      <source>Keeps how different the base model's pictures are from one another; auto follows Keep the variety (cross-domain correspondence).</source>
      <translation>保持基础模型各张图片之间的差异；自动时跟随“保持原模型的多样性”（跨域对应）。</translation>
    </message>
    <message>
      <source>Learning rate</source>
      <translation>学习率</translation>
    </message>
    <message>
      <source>Learns from</source>
      <translation>用于学习</translation>
    </message>
    <message>
      <source>Licence</source>
      <translation>许可</translation>
    </message>
    <message>
      <source>Long: the most this computer can do, for an evening</source>
      <translation>长：这台电脑能做到的最好，适合一个晚上</translation>
    </message>
    <message>
      <source>Loosely: a gentle nudge toward your pictures</source>
      <translation>宽松：轻轻地向你的图片靠拢</translation>
    </message>
    <message>
      <source>Match each picture</source>
      <translation>逐张匹配</translation>
    </message>
    <message>
      <source>Measuring a few steps on this computer…</source>
      <translation>正在这台电脑上测量几步…</translation>
    </message>
    <message>
      <source>NVIDIA graphics card (CUDA)</source>
      <translation>NVIDIA 显卡（CUDA）</translation>
    </message>
    <message>
      <source>Name the model with letters, digits, - or _ (up to 64).</source>
      <translation>模型名只能用字母、数字、- 或 _（最多 64 个字符）。</translation>
    </message>
    <message>
      <source>New model name</source>
      <translation>新模型名称</translation>
    </message>
    <message>
      <source>Not measured yet.</source>
      <translation>尚未测量。</translation>
    </message>
    <message>
      <source>Only colour and contrast learn</source>
      <translation>只学习颜色和对比度</translation>
    </message>
    <message>
      <source>Only the colour and contrast controls of each layer learn; best with very few pictures (norm and modulation layers only).</source>
      <translation>每一层只有颜色和对比度的控制参数参与学习；图片很少时最好（仅归一化与调制层）。</translation>
    </message>
    <message>
      <source>Pictures looked at in each update.</source>
      <translation>每次更新看的图片数。</translation>
    </message>
    <message>
      <source>Pictures per step</source>
      <translation>每步的图片数</translation>
    </message>
    <message>
      <source>Processor (CPU)</source>
      <translation>处理器（CPU）</translation>
    </message>
    <message>
      <source>Pulls the model's pictures, as a group, toward what an image network sees in yours while pushing them apart from one another; 0 turns it off (MMD in ImageNet features).</source>
      <translation>把模型的图片作为一个整体，朝图像网络在你的图片中看到的特征拉近，同时让它们彼此拉开；0 表示关闭（ImageNet 特征上的 MMD）。</translation>
    </message>
    <message>
      <source>Quick: a first look in a minute or two</source>
      <translation>快速：一两分钟先看看</translation>
    </message>
    <message>
      <source>Resemble your pictures</source>
      <translation>贴近你的图片</translation>
    </message>
    <message>
      <source>Resolution</source>
      <translation>分辨率</translation>
    </message>
    <message>
      <source>Samples every</source>
      <translation>样图间隔</translation>
    </message>
    <message>
      <source>Save progress every</source>
      <translation>保存进度间隔</translation>
    </message>
    <message>
      <source>Seed</source>
      <translation>种子</translation>
    </message>
    <message>
      <source>Share of the base model's pictures among yours</source>
      <translation>基础模型图片在你的图片中所占比例</translation>
    </message>
    <message>
      <source>Share of your pictures kept aside to measure the result (at least 2)</source>
      <translation>留出用于衡量结果的图片比例（至少 2 张）</translation>
    </message>
    <message>
      <source>Share of your pictures kept aside to measure the result (at least 2).</source>
      <translation>留出来衡量结果的图片比例（至少 2 张）。</translation>
    </message>
    <message>
      <source>Some: varied pictures in your look</source>
      <translation>一些：有你的风格又多样的图片</translation>
    </message>
    <message>
      <source>Standard: a good result in a few minutes</source>
      <translation>标准：几分钟得到好结果</translation>
    </message>
    <message>
      <source>Start from</source>
      <translation>起点模型</translation>
    </message>
    <message>
      <source>Start training</source>
      <translation>开始训练</translation>
    </message>
    <message>
      <source>Steps</source>
      <translation>步数</translation>
    </message>
    <message>
      <source>Steps between measured sample strips.</source>
      <translation>两次测量样图之间的步数。</translation>
    </message>
    <message>
      <source>Steps between sample strips</source>
      <translation>两次样图条之间的步数</translation>
    </message>
    <message>
      <source>Stop early when it stops getting better or starts copying my pictures (the best snapshot is kept)</source>
      <translation>不再变好或开始抄袭我的图片时提前停止（保留最好的快照）</translation>
    </message>
    <message>
      <source>Strongly: as varied as the original model</source>
      <translation>强：和原模型一样多样</translation>
    </message>
    <message>
      <source>The base model's resolution; the fine-tune keeps it</source>
      <translation>基础模型的分辨率；微调保持不变</translation>
    </message>
    <message>
      <source>The critic's first layers stay as the base model learned them; more protects small folders (FreezeD).</source>
      <translation>评判网络的前几层保持基础模型所学的样子；冻结越多，对图片少的文件夹越有保护（FreezeD）。</translation>
    </message>
    <message>
      <source>The defaults suit most folders. Press Estimate to measure how long it takes on this computer.</source>
      <translation>默认设置适合大多数文件夹。按“估算”可测量在这台电脑上需要多长时间。</translation>
    </message>
    <message>
      <source>The generator's coarse layers (overall shapes) stay as they were.</source>
      <translation>生成器的粗略层（整体形状）保持不变。</translation>
    </message>
    <message>
      <source>The options changed: press Estimate again.</source>
      <translation>选项已更改：请再按一次“估算”。</translation>
    </message>
    <message>
      <source>The pictures the model learns from.</source>
      <translation>模型用来学习的图片。</translation>
    </message>
    <message>
      <source>The same seed and pictures repeat the same training.</source>
      <translation>相同的种子和图片会重复同样的训练。</translation>
    </message>
    <message>
      <source>The saved model averages its recent weights, which smooths out jitter between updates; nearer 1 averages over more steps (EMA decay).</source>
      <translation>保存的模型会对最近的权重取平均，抹平每次更新之间的抖动；越接近 1，平均的步数越多（EMA 衰减）。</translation>
    </message>
    <message>
      <source>There is no image model (GAN) to start from. Reinstall artdesk, or train one with: artdesk train canvas</source>
      <translation>没有可作为起点的图像模型（GAN）。请重新安装 artdesk，或用以下命令训练一个：artdesk train canvas</translation>
    </message>
    <message>
      <source>This share of the pictures the critic counts as real are the base model's, so its kinds of picture stay allowed.</source>
      <translation>判别器视为真实的图片中，有这一比例来自基础模型，因此它原有的图片种类仍被允许。</translation>
    </message>
    <message>
      <source>Training steps (auto: from the preset and the folder size)</source>
      <translation>训练步数（自动：根据预设和文件夹大小）</translation>
    </message>
    <message>
      <source>Weight anchoring</source>
      <translation>权重锚定</translation>
    </message>
    <message>
      <source>Weight averaging</source>
      <translation>权重平均</translation>
    </message>
    <message>
      <source>Weight of matching each of your pictures (IMLE)</source>
      <translation>逐张匹配你的图片的权重（IMLE）</translation>
    </message>
    <message>
      <source>Weight of resembling your pictures as a whole (MMD)</source>
      <translation>整体贴近你的图片的权重（MMD）</translation>
    </message>
    <message>
      <source>Where the pictures come from</source>
      <translation>图片来源</translation>
    </message>
    <message>
      <source>Where training runs; auto picks a graphics card if any.</source>
      <translation>在哪里训练；自动时如有显卡就用显卡。</translation>
    </message>
    <message>
      <source>You already have a model named {0}; choose another name.</source>
      <translation>你已有名为 {0} 的模型；请换一个名称。</translation>
    </message>
    <message>
      <source>Your pictures kept aside to measure the result, never learned from.</source>
      <translation>留出来用于衡量结果、从不用于学习的你的图片。</translation>
    </message>
    <message>
      <source>auto</source>
      <translation>自动</translation>
    </message>
    <message>
      <source>colour, shift, cut-out</source>
      <translation>颜色、平移、裁切</translation>
    </message>
    <message>
      <source>e.g. my own work, all rights reserved; or CC BY 4.0</source>
      <translation>例如：本人作品，保留所有权利；或 CC BY 4.0</translation>
    </message>
    <message>
      <source>e.g. my sketchbook 2019-2024, scanned</source>
      <translation>例如：我 2019–2024 年的速写本，扫描件</translation>
    </message>
    <message>
      <source>no</source>
      <translation>否</translation>
    </message>
    <message>
      <source>yes</source>
      <translation>是</translation>
    </message>
  </context>
  <context>
    <name>QtOriginalityView</name>
    <message>
      <source>As far from what the model learned from as most new works of its kind.</source>
      <translation>与模型学过的作品之间的距离，和大多数同类新作品一样远。</translation>
    </message>
    <message>
      <source>Closer than 95 in 100 new works: it may resemble one work the model learned from. Compare them below.</source>
      <translation>比 100 件新作品中的 95 件都更接近：它可能像模型学过的某一件作品。请在下方对比。</translation>
    </message>
    <message>
      <source>Closer than 99 in 100 new works: it is very nearly a work the model learned from. Do not present it as new.</source>
      <translation>比 100 件新作品中的 99 件都更接近：它几乎就是模型学过的一件作品。不要把它当作新作品发表。</translation>
    </message>
    <message>
      <source>Closer to what the model learned from than three in four new works: it recalls things the model saw.</source>
      <translation>比四分之三的新作品更接近模型学过的作品：它让人想起模型见过的东西。</translation>
    </message>
    <message>
      <source>Details: {0} {1:g}; {2:.0f}% of unseen works of its kind are this close to training.</source>
      <translation>详情：{0} {1:g}；同类未见过的作品中有 {2:.0f}% 与训练数据同样接近。</translation>
    </message>
    <message>
      <source>It looks for stretches of text shared with the poems the model learned from; it cannot say which poem, and 1 or 2 stretches in 100 match by chance.</source>
      <translation>它查找与模型学过的诗相同的文字片段；它说不出是哪一首，每 100 个片段里约有 1 到 2 个是碰巧相同。</translation>
    </message>
    <message>
      <source>Longest shared passage ({0:.0%} of the work): {1}</source>
      <translation>最长共同片段（占作品的 {0:.0%}）：{1}</translation>
    </message>
    <message>
      <source>Training pictures are shown as the 16x16 thumbnails the index keeps.</source>
      <translation>训练图片显示的是索引保存的 16×16 缩略图。</translation>
    </message>
    <message>
      <source>close</source>
      <translation>接近</translation>
    </message>
    <message>
      <source>close copy</source>
      <translation>近乎照搬</translation>
    </message>
    <message>
      <source>familiar</source>
      <translation>似曾相识</translation>
    </message>
    <message>
      <source>feature distance</source>
      <translation>特征距离</translation>
    </message>
    <message>
      <source>longest shared passage (characters)</source>
      <translation>最长共同片段（字符数）</translation>
    </message>
    <message>
      <source>longest shared passage (notes)</source>
      <translation>最长共同片段（音符数）</translation>
    </message>
    <message>
      <source>original</source>
      <translation>原创</translation>
    </message>
    <message>
      <source>this work</source>
      <translation>此作品</translation>
    </message>
    <message>
      <source>training picture #{0} ({1})</source>
      <translation>训练图片 #{0}（{1}）</translation>
    </message>
    <message>
      <source>{0}: shares {1} runs of {2} notes</source>
      <translation>{0}：有 {1} 段共同的 {2} 音片段</translation>
    </message>
  </context>
  <context>
    <name>QtPianoRoll</name>
    <message>
      <source>Click: add a note · drag a note: move · drag its right edge: resize · right-click: delete
Drag on empty space: select · Ctrl+C / Ctrl+V: copy and paste at the cue point · arrows: move
Click the ruler: set the cue point · Ctrl+wheel: zoom</source>
      <translation>单击：添加音符 · 拖动音符：移动 · 拖动右边缘：改变时值 · 右键：删除
在空白处拖动：框选 · Ctrl+C / Ctrl+V：在起播点复制粘贴 · 方向键：移动
点击标尺：设置起播点 · Ctrl+滚轮：缩放</translation>
    </message>
  </context>
  <context>
    <name>QtPicturesPage</name>
    <message>
      <source>A folder of PNG, JPEG, WebP, GIF, BMP or TIFF pictures</source>
      <translation>一个存放 PNG、JPEG、WebP、GIF、BMP 或 TIFF 图片的文件夹</translation>
    </message>
    <message>
      <source>Add files…</source>
      <translation>添加文件…</translation>
    </message>
    <message>
      <source>Centre crop</source>
      <translation>居中裁剪</translation>
    </message>
    <message>
      <source>Checking the pictures…</source>
      <translation>正在检查图片…</translation>
    </message>
    <message>
      <source>Choose a folder or drop pictures here. artdesk checks them and shows exactly what the model will learn from.</source>
      <translation>选择一个文件夹，或把图片拖到这里。artdesk 会检查它们，并准确显示模型将从中学习的内容。</translation>
    </message>
    <message>
      <source>Choose per picture</source>
      <translation>逐张选择</translation>
    </message>
    <message>
      <source>Crop:</source>
      <translation>裁剪：</translation>
    </message>
    <message>
      <source>Double-click a picture to switch it between centre crop and fit.</source>
      <translation>双击图片可在居中裁剪和完整适配之间切换。</translation>
    </message>
    <message>
      <source>Duplicates ({0})</source>
      <translation>重复（{0}）</translation>
    </message>
    <message>
      <source>Each picture whole, padded with white.</source>
      <translation>每张图片完整保留，用白色补边。</translation>
    </message>
    <message>
      <source>File</source>
      <translation>文件</translation>
    </message>
    <message>
      <source>Fit with padding</source>
      <translation>完整放入并留白</translation>
    </message>
    <message>
      <source>Folder of your pictures</source>
      <translation>你的图片文件夹</translation>
    </message>
    <message>
      <source>Folder…</source>
      <translation>文件夹…</translation>
    </message>
    <message>
      <source>No pictures chosen yet.</source>
      <translation>尚未选择图片。</translation>
    </message>
    <message>
      <source>Notes</source>
      <translation>说明</translation>
    </message>
    <message>
      <source>Pictures ({0})</source>
      <translation>图片（{0}）</translation>
    </message>
    <message>
      <source>Pictures to use: {0} · skipped: {1} · duplicates left out: {2}</source>
      <translation>要用的图片：{0} · 跳过：{1} · 去掉的重复：{2}</translation>
    </message>
    <message>
      <source>Skipped ({0})</source>
      <translation>跳过（{0}）</translation>
    </message>
    <message>
      <source>The middle square of each picture.</source>
      <translation>每张图片中间的正方形。</translation>
    </message>
    <message>
      <source>Used ({0})</source>
      <translation>使用（{0}）</translation>
    </message>
    <message>
      <source>Your pictures</source>
      <translation>你的图片</translation>
    </message>
    <message>
      <source>centre</source>
      <translation>居中</translation>
    </message>
    <message>
      <source>fit</source>
      <translation>适配</translation>
    </message>
    <message>
      <source>same picture as {0}</source>
      <translation>与 {0} 是同一张图片</translation>
    </message>
    <message>
      <source>the preview shows the first {0}</source>
      <translation>预览显示前 {0} 张</translation>
    </message>
    <message>
      <source>unreadable</source>
      <translation>无法读取</translation>
    </message>
    <message>
      <source>{0} does not exist (moved or deleted?). Choose another folder.</source>
      <translation>{0} 不存在（被移动或删除了？）。请选择另一个文件夹。</translation>
    </message>
    <message>
      <source>{0} dropped items</source>
      <translation>拖入的 {0} 项</translation>
    </message>
  </context>
  <context>
    <name>QtPoemCandidates</name>
    <message numerus="yes">
      <source>%n forced rhyme(s)</source>
      <translation>
        <numerusform>%n 处韵脚牵强</numerusform>
        <numerusform>%n 处韵脚牵强</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n line(s) without a verb</source>
      <translation>
        <numerusform>%n 行没有动词</numerusform>
        <numerusform>%n 行没有动词</numerusform>
      </translation>
    </message>
    <message>
      <source>Best: {0}.</source>
      <translation>最佳：{0}。</translation>
    </message>
    <message numerus="yes">
      <source>Details: %n rule(s) of the form broken; the model's score {0:.2f} (how natural it finds each character on average: nearer 0 is more natural); planned words per line: {1}</source>
      <translation>
        <numerusform>详情：违反体裁规则 %n 处；模型评分 {0:.2f}（模型觉得每个字平均有多自然：越接近 0 越自然）；每行计划用词：{1}</numerusform>
        <numerusform>详情：违反体裁规则 %n 处；模型评分 {0:.2f}（模型觉得每个字平均有多自然：越接近 0 越自然）；每行计划用词：{1}</numerusform>
      </translation>
    </message>
    <message>
      <source>The best drafts, best first, each with why it ranks there. Click to show.</source>
      <translation>最好的几稿，最佳在前，并说明各自排名的原因。点击显示。</translation>
    </message>
    <message numerus="yes">
      <source>breaks %n rule(s)</source>
      <translation>
        <numerusform>违反 %n 条格律</numerusform>
        <numerusform>违反 %n 条格律</numerusform>
      </translation>
    </message>
    <message>
      <source>drifts from the theme</source>
      <translation>偏离主题</translation>
    </message>
    <message>
      <source>it breaks more rules</source>
      <translation>违反的格律更多</translation>
    </message>
    <message>
      <source>it drifts from the theme</source>
      <translation>偏离了主题</translation>
    </message>
    <message>
      <source>it reads less naturally</source>
      <translation>读来不如上一首自然</translation>
    </message>
    <message>
      <source>it uses fewer planned words</source>
      <translation>用到的预定关键词更少</translation>
    </message>
    <message>
      <source>keeps every rule</source>
      <translation>合乎全部格律</translation>
    </message>
    <message>
      <source>more of its lines are phrases without a verb</source>
      <translation>它有更多的诗行只是没有动词的词组</translation>
    </message>
    <message>
      <source>more of its rhymes are forced</source>
      <translation>它的韵脚更牵强</translation>
    </message>
    <message>
      <source>stays on the theme</source>
      <translation>紧扣主题</translation>
    </message>
    <message>
      <source>uses {0} of {1} planned words</source>
      <translation>用到 {1} 个预定关键词中的 {0} 个</translation>
    </message>
    <message>
      <source>{0}; below {1} because {2}.</source>
      <translation>{0}；排在第 {1} 首之后，因为{2}。</translation>
    </message>
  </context>
  <context>
    <name>QtPoemControls</name>
    <message>
      <source>, yours</source>
      <translation>，你的</translation>
    </message>
    <message>
      <source>Acrostic</source>
      <translation>藏头</translation>
    </message>
    <message>
      <source>Advanced</source>
      <translation>高级</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <source>Candidates</source>
      <translation>候选</translation>
    </message>
    <message>
      <source>Check poem</source>
      <translation>检查诗作</translation>
    </message>
    <message>
      <source>Chinese</source>
      <translation>中文</translation>
    </message>
    <message>
      <source>Copy</source>
      <translation>复制</translation>
    </message>
    <message>
      <source>Each character is chosen among only this many of the likeliest (top-k); off: among all</source>
      <translation>每个字只从最可能的这么多个里挑选（top-k）；关闭：从全部里挑选</translation>
    </message>
    <message>
      <source>Each character is chosen among the likeliest ones that together make up this share of the chances (top-p); 1: among all</source>
      <translation>每个字只从概率加起来占这一比例的最可能的那些字里挑选（top-p）；1：从全部里挑选</translation>
    </message>
    <message>
      <source>English</source>
      <translation>英文</translation>
    </message>
    <message>
      <source>Export .txt…</source>
      <translation>导出 .txt…</translation>
    </message>
    <message>
      <source>Form</source>
      <translation>体裁</translation>
    </message>
    <message>
      <source>Generate</source>
      <translation>生成</translation>
    </message>
    <message>
      <source>Generate again</source>
      <translation>再次生成</translation>
    </message>
    <message>
      <source>How hard sampling leans toward theme words the poem has not used yet</source>
      <translation>采样时向尚未用到的主题词倾斜的力度</translation>
    </message>
    <message>
      <source>Level/oblique pattern (中华新韵)</source>
      <translation>平仄格律（中华新韵）</translation>
    </message>
    <message>
      <source>Likeliest choices</source>
      <translation>只取最可能的几个</translation>
    </message>
    <message>
      <source>Likeliest share</source>
      <translation>只取最可能的部分</translation>
    </message>
    <message>
      <source>Lines</source>
      <translation>行数</translation>
    </message>
    <message>
      <source>Low: safe, common words; high: bolder, stranger ones (the sampling temperature)</source>
      <translation>低：稳妥、常见的词；高：更大胆、更出人意料的词（采样温度）</translation>
    </message>
    <message>
      <source>Model</source>
      <translation>模型</translation>
    </message>
    <message>
      <source>Open .txt…</source>
      <translation>打开 .txt…</translation>
    </message>
    <message>
      <source>Regenerate this line</source>
      <translation>重写这一行</translation>
    </message>
    <message>
      <source>Regenerate unlocked lines</source>
      <translation>重写未锁定的行</translation>
    </message>
    <message>
      <source>Rhyme</source>
      <translation>押韵</translation>
    </message>
    <message>
      <source>Shuffle</source>
      <translation>随机换一个</translation>
    </message>
    <message>
      <source>Start number</source>
      <translation>起始编号</translation>
    </message>
    <message>
      <source>Stay on theme</source>
      <translation>紧扣主题</translation>
    </message>
    <message>
      <source>Surprise</source>
      <translation>出人意料</translation>
    </message>
    <message>
      <source>Teach it your poems…</source>
      <translation>用你的诗教它…</translation>
    </message>
    <message>
      <source>Theme</source>
      <translation>主题</translation>
    </message>
    <message>
      <source>Write the opened poem again, from the settings in its provenance</source>
      <translation>按来源记录中的设置，重新写出打开的诗</translation>
    </message>
    <message>
      <source>acrostic: 春夏秋冬 / MOON</source>
      <translation>藏头：春夏秋冬 / MOON</translation>
    </message>
    <message>
      <source>e.g. 春山 明月 / sea night</source>
      <translation>例如：春山 明月 / sea night</translation>
    </message>
    <message>
      <source>model decides</source>
      <translation>由模型决定</translation>
    </message>
    <message>
      <source>off</source>
      <translation>关</translation>
    </message>
  </context>
  <context>
    <name>QtPoemEditor</name>
    <message>
      <source>Generate a poem, or type or paste one here to check it.</source>
      <translation>生成一首诗，或在这里输入、粘贴一首诗来检查格律。</translation>
    </message>
    <message>
      <source>Tick a line to lock it: regenerating keeps locked lines.</source>
      <translation>勾选某一行即可锁定：重写时会保留锁定的行。</translation>
    </message>
  </context>
  <context>
    <name>QtRecentFiles</name>
    <message>
      <source>Clear the list</source>
      <translation>清空列表</translation>
    </message>
    <message>
      <source>No longer found, so removed from Open Recent (moved or deleted): {0}</source>
      <translation>已找不到，已从“最近打开”中移除（被移动或删除）：{0}</translation>
    </message>
    <message>
      <source>No recent files</source>
      <translation>没有最近的文件</translation>
    </message>
    <message>
      <source>Open &amp;Recent</source>
      <translation>最近打开(&amp;R)</translation>
    </message>
  </context>
  <context>
    <name>QtRecoveryBar</name>
    <message>
      <source>Discard</source>
      <translation>放弃</translation>
    </message>
    <message>
      <source>Restore</source>
      <translation>恢复</translation>
    </message>
  </context>
  <context>
    <name>QtResultView</name>
    <message>
      <source>Closer to your pictures than the base model</source>
      <translation>比基础模型更接近你的图片</translation>
    </message>
    <message>
      <source>Details</source>
      <translation>详情</translation>
    </message>
    <message>
      <source>Diversity (mean distance between two of its pictures, in the measuring network's features): {0:.2f}; among your pictures: {1:.2f}</source>
      <translation>多样性（在测量网络的特征中，两张图片之间的平均距离）：{0:.2f}；你的图片之间：{1:.2f}</translation>
    </message>
    <message>
      <source>Farther from your pictures than the base model</source>
      <translation>比基础模型离你的图片更远</translation>
    </message>
    <message>
      <source>Its pictures are nearly all alike. Try again with more of "Keep the variety of the original model", a shorter training, or more pictures.</source>
      <translation>它画的图片几乎都一样。请把“保留原模型的多样性”调高、缩短训练或多给一些图片再试。</translation>
    </message>
    <message>
      <source>Likeness (KID x1000 against your held-out pictures; lower is closer, noisy with few pictures): base model {0}, fine-tuned {1}</source>
      <translation>相似度（对你留出图片的 KID x1000；越低越接近，图片少时波动大）：基础模型 {0}，微调后 {1}</translation>
    </message>
    <message>
      <source>Many of its pictures are near copies of yours. Compare the closest pairs; an earlier snapshot, a shorter training or more pictures copy less.</source>
      <translation>它的很多图片几乎是你的图片的复制品。请比较最接近的几对；更早的快照、更短的训练或更多图片会少些抄袭。</translation>
    </message>
    <message>
      <source>Too close to one of your pictures: {0:.0%} of its pictures (under 5% is healthy).</source>
      <translation>和你的某张图片太接近：占它图片的 {0:.0%}（低于 5% 是健康的）。</translation>
    </message>
    <message>
      <source>Too close: nearer to one of your training pictures than 95% of your held-out pictures are.</source>
      <translation>太接近：比你留出的图片中 95% 更接近你的某张训练图片。</translation>
    </message>
    <message>
      <source>Variety: its pictures differ from one another {0:.0%} as much as yours do.</source>
      <translation>多样性：它的图片彼此之间的差异是你的图片的 {0:.0%}。</translation>
    </message>
    <message>
      <source>under 0.1</source>
      <translation>小于 0.1</translation>
    </message>
  </context>
  <context>
    <name>QtResumeOffer</name>
    <message>
      <source>A fine-tune was left unfinished ({0}). Resume it?</source>
      <translation>有一个微调未完成（{0}）。要继续吗？</translation>
    </message>
    <message>
      <source>Could not look for unfinished fine-tunes: {0}</source>
      <translation>无法查找未完成的微调：{0}</translation>
    </message>
    <message>
      <source>Delete the chosen run's saved progress</source>
      <translation>删除所选训练已保存的进度</translation>
    </message>
    <message>
      <source>Delete the saved progress of {0}? This cannot be undone.</source>
      <translation>删除 {0} 已保存的进度？此操作无法撤销。</translation>
    </message>
    <message>
      <source>Discard the fine-tune?</source>
      <translation>丢弃这个微调？</translation>
    </message>
    <message>
      <source>Discard…</source>
      <translation>丢弃…</translation>
    </message>
    <message>
      <source>Not now</source>
      <translation>以后再说</translation>
    </message>
    <message>
      <source>Resume</source>
      <translation>继续</translation>
    </message>
    <message>
      <source>{0} fine-tunes were left unfinished. Resume one?</source>
      <translation>有 {0} 个微调未完成。要继续其中一个吗？</translation>
    </message>
  </context>
  <context>
    <name>QtSampleStrip</name>
    <message>
      <source>Drag back to see what the model drew at earlier steps</source>
      <translation>向回拖动可查看模型在较早步数时画的内容</translation>
    </message>
    <message>
      <source>Samples appear here as the model learns.</source>
      <translation>模型学习时，样图会显示在这里。</translation>
    </message>
    <message>
      <source>Seed {0}</source>
      <translation>种子 {0}</translation>
    </message>
    <message>
      <source>Step {0} ({1} of {2})</source>
      <translation>第 {0} 步（第 {1} 个，共 {2} 个）</translation>
    </message>
  </context>
  <context>
    <name>QtSnapshotList</name>
    <message>
      <source>Delete</source>
      <translation>删除</translation>
    </message>
    <message>
      <source>Deleted the snapshot of step {0}.</source>
      <translation>已删除第 {0} 步的快照。</translation>
    </message>
    <message>
      <source>Export the snapshot into</source>
      <translation>将快照导出到</translation>
    </message>
    <message>
      <source>Export…</source>
      <translation>导出…</translation>
    </message>
    <message>
      <source>Make the model use the weights of this snapshot (e.g. before it began to copy)</source>
      <translation>让模型使用这个快照的权重（例如在它开始复制之前的快照）</translation>
    </message>
    <message>
      <source>Save this snapshot as a model of its own</source>
      <translation>把这个快照另存为一个独立的模型</translation>
    </message>
    <message>
      <source>Saved the snapshot of step {0} as {1}.</source>
      <translation>已将第 {0} 步的快照保存为 {1}。</translation>
    </message>
    <message>
      <source>The model now uses the snapshot of step {0}.</source>
      <translation>模型现在使用第 {0} 步的快照。</translation>
    </message>
    <message>
      <source>This model kept no snapshots.</source>
      <translation>这个模型没有保留快照。</translation>
    </message>
    <message>
      <source>Use this snapshot</source>
      <translation>使用这个快照</translation>
    </message>
    <message>
      <source>Working…</source>
      <translation>处理中…</translation>
    </message>
    <message>
      <source>closer than the base model</source>
      <translation>比基础模型更接近</translation>
    </message>
    <message>
      <source>in use</source>
      <translation>使用中</translation>
    </message>
    <message>
      <source>not closer than the base model</source>
      <translation>没有比基础模型更接近</translation>
    </message>
    <message>
      <source>step {0}</source>
      <translation>第 {0} 步</translation>
    </message>
    <message>
      <source>the base model</source>
      <translation>基础模型</translation>
    </message>
    <message>
      <source>too close {0:.0%}</source>
      <translation>过于相似 {0:.0%}</translation>
    </message>
  </context>
  <context>
    <name>QtSound</name>
    <message>
      <source>Choose a SoundFont</source>
      <translation>选择 SoundFont 音色库</translation>
    </message>
    <message>
      <source>Open SoundFont</source>
      <translation>打开 SoundFont 音色库</translation>
    </message>
    <message>
      <source>SoundFont 2 (*.sf2)</source>
      <translation>SoundFont 2 (*.sf2)</translation>
    </message>
    <message>
      <source>SoundFont {0}: {1} presets. Choose one beside the instrument.</source>
      <translation>SoundFont {0}：共 {1} 个音色。请在乐器旁边选择一个。</translation>
    </message>
    <message>
      <source>The built-in sound stays in use.</source>
      <translation>继续使用内置音色。</translation>
    </message>
  </context>
  <context>
    <name>QtToolOptions</name>
    <message>
      <source>Brush colour</source>
      <translation>画笔颜色</translation>
    </message>
    <message>
      <source>Choose the brush colour</source>
      <translation>选择画笔颜色</translation>
    </message>
    <message>
      <source>Colour</source>
      <translation>颜色</translation>
    </message>
    <message>
      <source>Fill looks at all layers</source>
      <translation>填充时参考所有图层</translation>
    </message>
    <message>
      <source>Fill tolerance</source>
      <translation>填充容差</translation>
    </message>
    <message>
      <source>Hardness</source>
      <translation>硬度</translation>
    </message>
    <message>
      <source>How different a colour may be and still be filled</source>
      <translation>颜色相差多少以内仍会被填充</translation>
    </message>
    <message>
      <source>Opacity</source>
      <translation>不透明度</translation>
    </message>
    <message>
      <source>Pen pressure</source>
      <translation>笔压</translation>
    </message>
    <message>
      <source>Size</source>
      <translation>大小</translation>
    </message>
    <message>
      <source>opacity</source>
      <translation>不透明度</translation>
    </message>
    <message>
      <source>size</source>
      <translation>大小</translation>
    </message>
  </context>
  <context>
    <name>QtTrackRow</name>
    <message>
      <source>Most melodic voice (automatic)</source>
      <translation>最像旋律的声部（自动）</translation>
    </message>
    <message>
      <source>Track used as the melody:</source>
      <translation>用作旋律的音轨：</translation>
    </message>
  </context>
  <context>
    <name>QtTrainingPage</name>
    <message>
      <source>Done: {0} is saved and in the Canvas model picker.</source>
      <translation>完成：{0} 已保存，并出现在画布的模型选择器中。</translation>
    </message>
    <message>
      <source>Pause</source>
      <translation>暂停</translation>
    </message>
    <message>
      <source>Paused. The progress is saved; Resume goes on from here.</source>
      <translation>已暂停。进度已保存；按“继续”从这里接着训练。</translation>
    </message>
    <message>
      <source>Pausing (saving the progress)…</source>
      <translation>正在暂停（保存进度）…</translation>
    </message>
    <message>
      <source>Resume</source>
      <translation>继续</translation>
    </message>
    <message>
      <source>Starting {0}…</source>
      <translation>正在启动 {0}…</translation>
    </message>
    <message>
      <source>Starting…</source>
      <translation>正在启动…</translation>
    </message>
    <message>
      <source>Stop</source>
      <translation>停止</translation>
    </message>
    <message>
      <source>Stop and keep the progress; artdesk offers to resume it later</source>
      <translation>停止并保留进度；artdesk 之后会提示继续</translation>
    </message>
    <message>
      <source>Stopped. The progress is kept: open this wizard with the same name, or accept artdesk's offer at the next start, to go on.</source>
      <translation>已停止。进度已保留：用同样的名称再次打开此向导，或在下次启动时接受 artdesk 的提示，即可继续。</translation>
    </message>
    <message>
      <source>Stopping (saving the progress)…</source>
      <translation>正在停止（保存进度）…</translation>
    </message>
    <message>
      <source>Training</source>
      <translation>训练</translation>
    </message>
    <message>
      <source>You can keep painting and generating meanwhile. Pause keeps everything; a crash loses at most a few minutes.</source>
      <translation>在此期间你可以继续绘画和生成。暂停会保留一切；崩溃最多丢失几分钟。</translation>
    </message>
    <message>
      <source>{0}
The progress saved so far is kept; Resume tries again.</source>
      <translation>{0}
已保存的进度会保留；按“继续”再试一次。</translation>
    </message>
  </context>
  <context>
    <name>QtTransport</name>
    <message>
      <source>Look for MIDI output ports again</source>
      <translation>重新查找 MIDI 输出端口</translation>
    </message>
    <message>
      <source>Loop</source>
      <translation>循环</translation>
    </message>
    <message>
      <source>MIDI out</source>
      <translation>MIDI 输出</translation>
    </message>
    <message>
      <source>Metre</source>
      <translation>拍号</translation>
    </message>
    <message>
      <source>Off</source>
      <translation>关</translation>
    </message>
    <message>
      <source>Play from the cue point (click the ruler to set it). Space toggles.</source>
      <translation>从起播点开始播放（点击标尺可设置起播点）。空格键切换播放/停止。</translation>
    </message>
    <message>
      <source>Send the melody to this MIDI port while playing.</source>
      <translation>播放时把旋律发送到这个 MIDI 端口。</translation>
    </message>
    <message>
      <source>Sound</source>
      <translation>音色</translation>
    </message>
    <message>
      <source>SoundFont (.sf2)…</source>
      <translation>SoundFont (.sf2)…</translation>
    </message>
    <message>
      <source>SoundFont: {0}</source>
      <translation>SoundFont：{0}</translation>
    </message>
    <message>
      <source>Tempo</source>
      <translation>速度</translation>
    </message>
    <message>
      <source>↻</source>
      <translation>↻</translation>
    </message>
    <message>
      <source>■ Stop</source>
      <translation>■ 停止</translation>
    </message>
    <message>
      <source>▶ Play</source>
      <translation>▶ 播放</translation>
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
      <translation>关闭欢迎页</translation>
    </message>
    <message>
      <source>Give a first line or a theme, in English or Chinese, and let the poem model write on. Edit freely; every draft can be kept.</source>
      <translation>给出第一句或一个主题，中文英文都可以，让诗歌模型接着写下去。你可以随意修改，每一稿都能留下。</translation>
    </message>
    <message>
      <source>Let a melody model start or continue a tune, listen to it right away, and save it as MIDI for your own music software.</source>
      <translation>让旋律模型起个头或接着你的曲调往下写，马上就能试听，还能存成 MIDI 放进你自己的音乐软件。</translation>
    </message>
    <message>
      <source>Make pictures, melodies and poems together with small models that run on this computer. Nothing is uploaded and nothing is downloaded: your work stays yours.</source>
      <translation>和在这台电脑上运行的小模型一起创作图画、旋律和诗歌。不上传、不下载，作品始终属于你自己。</translation>
    </message>
    <message>
      <source>Music</source>
      <translation>音乐</translation>
    </message>
    <message>
      <source>Paint in layers, and let a picture model suggest images in a style you pick. Keep the ones you like, vary them, or paint over them.</source>
      <translation>分图层绘画，让图像模型按你选的风格给出画面建议。喜欢的留下，可以再做变化，也可以在上面接着画。</translation>
    </message>
    <message>
      <source>Poem</source>
      <translation>诗歌</translation>
    </message>
    <message>
      <source>Start creating</source>
      <translation>开始创作</translation>
    </message>
    <message>
      <source>Switch panels with Ctrl+1, Ctrl+2 and Ctrl+3. Press F1 for all keyboard shortcuts. You can open this page again from Help &gt; Welcome.</source>
      <translation>用 Ctrl+1、Ctrl+2、Ctrl+3 切换面板。按 F1 查看全部键盘快捷键。之后也可以从“帮助 &gt; 欢迎页”再次打开本页。</translation>
    </message>
    <message>
      <source>Try the Canvas</source>
      <translation>试试画布</translation>
    </message>
    <message>
      <source>Try the Music panel</source>
      <translation>试试音乐</translation>
    </message>
    <message>
      <source>Try the Poem panel</source>
      <translation>试试诗歌</translation>
    </message>
    <message>
      <source>Welcome</source>
      <translation>欢迎</translation>
    </message>
    <message>
      <source>Welcome to artdesk</source>
      <translation>欢迎使用 artdesk</translation>
    </message>
  </context>
  <context>
    <name>QtWorkDetail</name>
    <message numerus="yes">
      <source>%n bar(s) long.</source>
      <translation>
        <numerusform>共 %n 小节。</numerusform>
        <numerusform>共 %n 小节。</numerusform>
      </translation>
    </message>
    <message>
      <source>&lt;b&gt;How it was made&lt;/b&gt;</source>
      <translation>&lt;b&gt;制作过程&lt;/b&gt;</translation>
    </message>
    <message>
      <source>A melody the {0} model wrote in the {1} style, in {2} {3}.</source>
      <translation>{0} 模型写的一段{1}风格旋律，{2} {3}。</translation>
    </message>
    <message>
      <source>A melody the {0} model wrote.</source>
      <translation>{0} 模型写的一段旋律。</translation>
    </message>
    <message>
      <source>A poem the {0} model wrote, as {1}.</source>
      <translation>{0} 模型写的一首{1}。</translation>
    </message>
    <message>
      <source>A poem the {0} model wrote.</source>
      <translation>{0} 模型写的一首诗。</translation>
    </message>
    <message>
      <source>Details</source>
      <translation>详情</translation>
    </message>
    <message>
      <source>Each line begins with: {0}.</source>
      <translation>每行开头依次是：{0}。</translation>
    </message>
    <message>
      <source>It was changed by hand afterwards.</source>
      <translation>之后经过手工修改。</translation>
    </message>
    <message>
      <source>Its theme: {0}.</source>
      <translation>主题：{0}。</translation>
    </message>
    <message>
      <source>Made on {0}.</source>
      <translation>创作于 {0}。</translation>
    </message>
    <message>
      <source>No preview: the file could not be read.</source>
      <translation>无法预览：文件读不出来。</translation>
    </message>
    <message>
      <source>No record says which model made it: it was made by hand or in another app.</source>
      <translation>没有记录说明是哪个模型做的：它是手工做的，或来自别的软件。</translation>
    </message>
    <message>
      <source>Start number {0}: Generate again in its panel makes it again.</source>
      <translation>起始编号 {0}：在它的面板里点“再次生成”即可重新做出它。</translation>
    </message>
    <message>
      <source>The full record stored with the work (JSON): model, weights, start number (seed) and every setting</source>
      <translation>与作品一起保存的完整记录（JSON）：模型、权重、起始编号（种子）和每一项设置</translation>
    </message>
    <message>
      <source>The work's full record</source>
      <translation>作品的完整记录</translation>
    </message>
    <message>
      <source>“{0}”: a picture the {1} model drew in the style {2}.</source>
      <translation>“{0}”：{1} 模型以“{2}”风格画的一张图。</translation>
    </message>
    <message>
      <source>“{0}”: a picture the {1} model drew.</source>
      <translation>“{0}”：{1} 模型画的一张图。</translation>
    </message>
  </context>
  <context>
    <name>Recovery</name>
    <message>
      <source>artdesk found unsaved work from {0} ({1}). Restore it?</source>
      <translation>artdesk 找到了 {0} 未保存的作品（{1}）。要恢复吗？</translation>
    </message>
    <message>
      <source>artdesk found unsaved work from {0}. Restore it?</source>
      <translation>artdesk 找到了 {0} 未保存的作品。要恢复吗？</translation>
    </message>
  </context>
  <context>
    <name>Restart</name>
    <message>
      <source>Language changed</source>
      <translation>语言已更改</translation>
    </message>
    <message>
      <source>Later</source>
      <translation>稍后</translation>
    </message>
    <message>
      <source>Restart now</source>
      <translation>立即重启</translation>
    </message>
    <message>
      <source>The menus have changed language. The panels change after artdesk restarts.</source>
      <translation>菜单已经切换了语言。各面板在 artdesk 重启后切换。</translation>
    </message>
  </context>
  <context>
    <name>ShortcutsDialog</name>
    <message>
      <source>Action</source>
      <translation>操作</translation>
    </message>
    <message>
      <source>Keyboard shortcuts</source>
      <translation>键盘快捷键</translation>
    </message>
    <message>
      <source>Panels</source>
      <translation>面板</translation>
    </message>
    <message>
      <source>Shortcut</source>
      <translation>快捷键</translation>
    </message>
    <message>
      <source>These keys work anywhere in the window. Panels may add their own while they are open.</source>
      <translation>这些快捷键在窗口任何地方都能用。各面板打开时可能还有自己的快捷键。</translation>
    </message>
  </context>
  <context>
    <name>box</name>
    <message>
      <source>Details were written to {0}.</source>
      <translation>详细信息已写入 {0}。</translation>
    </message>
    <message>
      <source>The log could not be written.</source>
      <translation>无法写入日志。</translation>
    </message>
    <message>
      <source>Your work is still open; you can keep working.</source>
      <translation>你的作品仍然打开着，可以继续工作。</translation>
    </message>
    <message>
      <source>artdesk: something went wrong</source>
      <translation>artdesk：出了点问题</translation>
    </message>
  </context>
  <context>
    <name>window</name>
    <message>
      <source>Getting the models ready…</source>
      <translation>正在准备模型…</translation>
    </message>
    <message>
      <source>Loading models</source>
      <translation>正在加载模型</translation>
    </message>
    <message>
      <source>Ready. Models run on the graphics card.</source>
      <translation>准备就绪。模型在显卡上运行。</translation>
    </message>
    <message>
      <source>Ready. Models run on this computer's processor.</source>
      <translation>准备就绪。模型在这台电脑的处理器上运行。</translation>
    </message>
  </context>
</TS>
