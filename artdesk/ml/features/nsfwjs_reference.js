// Runs nsfwjs's original MobileNetV2 (TF.js, pure-JS CPU backend) and writes three of its activations.
// node nsfwjs_reference.js REFERENCE_DIR PIXELS.u8 COUNT OUT_DIR
// REFERENCE_DIR: a folder where `npm install @tensorflow/tfjs nsfwjs@4.4.0` was run.
// PIXELS.u8: COUNT x 224 x 224 x 3 uint8 RGB. Writes OUT_DIR/<tap>.f32 (float32, NHWC) and shapes.json.
const { createRequire } = require("module");
const fs = require("fs");
const path = require("path");

const [referenceDir, pixelsPath, count, outDir] = process.argv.slice(2);
const requireThere = createRequire(path.join(path.resolve(referenceDir), "package.json"));
const tf = requireThere("@tensorflow/tfjs");
const nsfwjs = requireThere("nsfwjs");
const LAYERS = { low: "block_3_expand_relu", mid: "block_10_expand_relu", pooled: "flatten_1" };

async function main() {
  await tf.setBackend("cpu");
  const keras = (await nsfwjs.load("MobileNetV2")).model;
  const names = Object.keys(LAYERS);
  const taps = tf.model({ inputs: keras.inputs, outputs: names.map((n) => keras.getLayer(LAYERS[n]).output) });
  const pixels = new Int32Array(new Uint8Array(fs.readFileSync(pixelsPath)));
  const input = tf.tensor4d(pixels, [Number(count), 224, 224, 3], "int32").toFloat().div(tf.scalar(255));
  const outputs = taps.predict(input);
  const shapes = {};
  names.forEach((name, i) => {
    const values = outputs[i].dataSync();
    fs.writeFileSync(path.join(outDir, `${name}.f32`), Buffer.from(values.buffer, values.byteOffset, values.byteLength));
    shapes[name] = outputs[i].shape;
  });
  fs.writeFileSync(path.join(outDir, "shapes.json"), JSON.stringify(shapes));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
