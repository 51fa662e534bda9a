"""Fine-tuning the canvas GAN on the user's own pictures (issue 6); torch side, no Qt.

audit (the folder check and the training pixels), plan (request, presets, automatic settings),
trainer (the step and the time estimate), run (the resumable job), snapshots (best/export/delete), measures (diversity, likeness, copying),
ddp (torchrun), bench_set (the 30 pictures the benchmark trains on).
"""
